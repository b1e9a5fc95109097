package org.movierec.telemetry.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.postgresql.PGConnection;

/**
 * The one transaction a batch is written in, as the table writers see it: statements whose first parameters are
 * arrays (bound as PostgreSQL arrays and {@code unnest}ed: a multi-row write in one round trip), and updates timed
 * per statement. It neither commits nor rolls back: {@link BatchWriter} does, after every writer ran.
 */
final class WriteTransaction {

    private final Connection connection;
    private final PGConnection pg;
    private final StatementTimers timers;

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
