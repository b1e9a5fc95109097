package org.movierec.telemetry.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.movierec.telemetry.schema.QueryLines.lines;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code epoch_micros_to_timestamptz}, through which the collector stores every event time: exact instants for
 * known microsecond counts whatever the session's time zone, the same values as V1's body, and inlined by the
 * planner (V7).
 */
class EpochMicrosTest {

    @RegisterExtension
    static final EmbeddedPostgres POSTGRES = new EmbeddedPostgres("epoch-micros-pg");

    /** V1's body, which V7 replaced: the values must not change. */
    private static final String V1_BODY = "TIMESTAMPTZ 'epoch' + x * INTERVAL '1 microsecond'";

    @BeforeAll
    static void migrate() {
        TelemetrySchema.migrate(POSTGRES.jdbcUrl(), POSTGRES.user(), POSTGRES.password(), "off");
    }

    @Test
    void knownMicrosecondCountsAreTheirInstantsInEverySessionTimeZone() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String zone : new String[] {"UTC", "America/New_York", "Asia/Kolkata"}) {
                s.execute("SET TIME ZONE '" + zone + "'");
                assertThat(lines(s, """
                        SELECT to_char(epoch_micros_to_timestamptz(x) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')
                        FROM unnest(ARRAY[0, 1, -1, 1700000000123456, 1710054000000000, 1710053999999999]::int8[]) x""")).as(zone)
                        .containsExactly("1970-01-01 00:00:00.000000", "1970-01-01 00:00:00.000001",
                                "1969-12-31 23:59:59.999999", "2023-11-14 22:13:20.123456",
                                "2024-03-10 07:00:00.000000", "2024-03-10 06:59:59.999999");
            }
        }
    }

    @Test
    void givesTheValuesOfTheFirstReleasesBody() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String zone : new String[] {"UTC", "America/New_York", "Australia/Lord_Howe"}) {
                s.execute("SET TIME ZONE '" + zone + "'");
                // 1965 to 2096 in steps of about 5 hours 19 minutes and a few microseconds, DST changes included
                assertThat(lines(s, "SELECT count(*) FROM generate_series(-150000000000000::int8, 4000000000000000, "
                        + "19150000001) x WHERE epoch_micros_to_timestamptz(x) IS DISTINCT FROM " + V1_BODY))
                        .as(zone).containsExactly("0");
            }
            assertThat(lines(s, "SELECT epoch_micros_to_timestamptz(NULL) IS NULL")).containsExactly("t");
        }
    }

    @Test
    void isInlinedIntoTheStatementsThatCallIt() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            // not inlined, the plan shows the call, which then runs through the SQL-function executor for every row
            assertThat(String.join("\n", lines(s,
                    "EXPLAIN (VERBOSE) SELECT epoch_micros_to_timestamptz(x) FROM generate_series(1::int8, 2) x")))
                    .contains("AT TIME ZONE")
                    .doesNotContain("epoch_micros_to_timestamptz");
        }
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection(POSTGRES.jdbcUrl(), POSTGRES.user(), POSTGRES.password());
    }
}
