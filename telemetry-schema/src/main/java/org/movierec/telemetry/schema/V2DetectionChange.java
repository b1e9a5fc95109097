package org.movierec.telemetry.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * Lets databases migrated with the first release of {@code V2__time_series.sql} accept its second one.
 *
 * <p>Flyway stores a checksum of every applied migration and refuses to migrate when a file no longer matches it.
 * {@code V2} had to change after release: its TimescaleDB detection read {@code shared_preload_libraries}, which
 * only superusers and members of {@code pg_read_all_settings} may read, so it failed for every application user on
 * managed PostgreSQL. The change is confined to the detection: a database that ran the first version has exactly
 * the objects the second one creates on the same path. So before Flyway validates, this callback replaces the
 * recorded checksum {@value #FIRST_CHECKSUM} of a successful version 2 by {@value #SECOND_CHECKSUM}, and nothing
 * else: any other checksum (an edited V2 that we did not ship) still fails validation as Flyway intends. This is a
 * targeted form of {@code flyway repair}, which would accept any difference; a new {@code V4} could not help,
 * because a fresh database runs {@code V2} first and failed there.
 *
 * <p>Registered by {@link TelemetrySchema#migrate} and by the telemetry collector's Quarkus Flyway customizer.
 * A test in this module checks that both constants are the checksums Flyway computes for the two versions.
 */
public final class V2DetectionChange implements Callback {

    /** Checksum Flyway recorded for the first release of {@code V2__time_series.sql}. */
    public static final int FIRST_CHECKSUM = -1329964040;
    /** Checksum of the current {@code V2__time_series.sql}. */
    public static final int SECOND_CHECKSUM = 2042277454;

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_VALIDATE || event == Event.BEFORE_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        try {
            Connection c = context.getConnection();
            String table = historyTable(c, context.getConfiguration());
            if (table == null) {
                return; // a new database: nothing recorded yet
            }
            try (PreparedStatement update = c.prepareStatement("UPDATE " + table
                    + " SET checksum = ? WHERE version = '2' AND success AND checksum = ?")) {
                update.setInt(1, SECOND_CHECKSUM);
                update.setInt(2, FIRST_CHECKSUM);
                update.executeUpdate();
            }
        } catch (SQLException e) {
            throw new FlywayException("could not move the checksum of V2__time_series.sql: " + e.getMessage(), e);
        }
    }

    /** The schema history table, quoted, or null when it does not exist yet. */
    private static String historyTable(Connection c, Configuration configuration) throws SQLException {
        String schema = configuration.getDefaultSchema();
        if (schema == null && configuration.getSchemas().length > 0) {
            schema = configuration.getSchemas()[0];
        }
        try (PreparedStatement q = c.prepareStatement("SELECT to_regclass(quote_ident(coalesce(?, current_schema())) "
                + "|| '.' || quote_ident(?))::text")) {
            q.setString(1, schema);
            q.setString(2, configuration.getTable());
            try (ResultSet r = q.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        }
    }

    @Override
    public String getCallbackName() {
        return "V2DetectionChange";
    }
}
