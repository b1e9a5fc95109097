package org.movierec.telemetry.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.movierec.telemetry.TestSupport;
import org.movierec.testkit.PostgresServer;
import org.postgresql.PGConnection;

/**
 * The rows {@link BinaryCopyRows} encodes, decoded by PostgreSQL itself (a real server reads them with
 * {@code COPY ... FROM STDIN (FORMAT binary)}): every type the staging tables use, NULLs, extremes and non-ASCII text.
 */
class BinaryCopyRowsTest {

    private static PostgresServer postgres;

    @BeforeAll
    static void start() {
        postgres = PostgresServer.builder().database("copytest").build();
        postgres.start();
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    @Test
    void postgresqlReadsTheRowsBackAsWritten() throws Exception {
        StagingTable table = new StagingTable("stage_test", "k int4, a int8, b text, c float4, d float8, e bool");
        BinaryCopyRows rows = table.rows(1); // grows past its first buffer
        rows.row().int4(1).int8(Long.MIN_VALUE).text("movie+12+1999").float4(3.5f).float8(-2.25).bool(true);
        rows.row().int4(2).int8(Long.MAX_VALUE).text("Amélie, 東京 \t\n\\ \"x\"").float4OrNull(null).float8(1e-300).bool(false);
        rows.row().int4(3).int8(0).text(null).float4OrNull(-0.1f).float8(Double.MAX_VALUE).bool(true);
        rows.row().int4(4).int8(-1).text("").float4(Float.MIN_VALUE).float8(0).bool(false);
        assertThat(rows.rows()).isEqualTo(4);

        try (Connection c = TestSupport.connect(postgres.jdbcUrl(), postgres.user(), postgres.password())) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute(table.create());
            }
            long copied = c.unwrap(PGConnection.class).getCopyAPI().copyIn(table.copy(), rows.toInput());
            assertThat(copied).isEqualTo(4);
            List<List<Object>> back = TestSupport.rows(c,
                    "SELECT k, a, b, c, d, e FROM stage_test ORDER BY k");
            assertThat(back).hasSize(4);
            assertThat(back.get(0)).containsExactly(1, Long.MIN_VALUE, "movie+12+1999", 3.5f, -2.25, true);
            assertThat(back.get(1)).containsExactly(2, Long.MAX_VALUE, "Amélie, 東京 \t\n\\ \"x\"", null, 1e-300, false);
            assertThat(back.get(2)).containsExactly(3, 0L, null, -0.1f, Double.MAX_VALUE, true);
            assertThat(back.get(3)).containsExactly(4, -1L, "", Float.MIN_VALUE, 0.0, false);
            c.commit();
            assertThat(TestSupport.longOf(c, "SELECT count(*) FROM stage_test"))
                    .as("ON COMMIT DELETE ROWS empties the staging table at the end of the transaction").isZero();
        }
    }
}
