package org.movierec.launcher;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.movierec.testkit.PostgresServer;

/** The end-to-end tests' reads of the telemetry tables. */
final class Telemetry {

    private final String jdbcUrl;

    Telemetry(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    /** The single number a query answers (e.g. a count). */
    long number(String sql, Object... parameters) {
        try (Connection c = DriverManager.getConnection(jdbcUrl, PostgresServer.USER, PostgresServer.PASSWORD);
             PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
