package org.movierec.telemetry.store;

import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import org.postgresql.PGConnection;

/**
 * The one transaction a batch is written in, as the table writers see it: rows {@code COPY}ed into staging tables
 * ({@link StagingTable}, the bulk of a batch), statements whose first parameters are arrays (bound as PostgreSQL
 * arrays and {@code unnest}ed: a multi-row write in one round trip), and both timed per statement. It neither
 * commits nor rolls back: {@link BatchWriter} does, after every writer ran.
 */
final class WriteTransaction {

    private final Connection connection;
    private final PGConnection pg;
    private final StatementTimers timers;
    private final Set<String> staged = new HashSet<>();

    WriteTransaction(Connection connection, StatementTimers timers) throws SQLException {
        this.connection = connection;
        this.pg = connection.unwrap(PGConnection.class);
        this.timers = timers;
    }

    /**
     * Prepares {@code sql} and binds arrays to its first parameters.
     *
     * @param typesAndArrays pairs of (PostgreSQL element type, Java array)
     */
    PreparedStatement prepare(String sql, Object... typesAndArrays) throws SQLException {
        PreparedStatement st = connection.prepareStatement(sql);
        try {
            for (int k = 0; k < typesAndArrays.length; k += 2) {
                Array array = pg.createArrayOf((String) typesAndArrays[k], typesAndArrays[k + 1]);
                st.setArray(k / 2 + 1, array);
            }
            return st;
        } catch (SQLException | RuntimeException e) {
            st.close();
            throw e;
        }
    }

    /**
     * Creates {@code table} in this session if need be and copies {@code rows} into it; records the time under the
     * statement called {@code name}.
     *
     * @return rows copied
     */
    long copy(String name, StagingTable table, BinaryCopyRows rows) throws SQLException {
        long start = System.nanoTime();
        try {
            if (staged.add(table.name())) {
                try (Statement st = connection.createStatement()) {
                    st.execute(table.create());
                }
            }
            return pg.getCopyAPI().copyIn(table.copy(), rows.toInput());
        } catch (IOException e) {
            throw new SQLException("COPY into " + table.name() + " failed", e);
        } finally {
            timers.record(name, System.nanoTime() - start);
        }
    }

    /** Runs an update and records its time under the statement called {@code name}; returns the rows changed. */
    int update(String name, PreparedStatement st) throws SQLException {
        long start = System.nanoTime();
        try {
            return st.executeUpdate();
        } finally {
            timers.record(name, System.nanoTime() - start);
        }
    }
}
