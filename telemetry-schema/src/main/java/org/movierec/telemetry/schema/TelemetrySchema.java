package org.movierec.telemetry.schema;

import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The telemetry database schema: the Flyway migrations in {@value #LOCATION} of this jar.
 *
 * <p>The telemetry collector owns the schema and migrates it at start-up through Quarkus Flyway
 * ({@code quarkus.flyway.locations=db/telemetry}); the A/B router only reads it; the retrain service reads the
 * telemetry and writes only the dashboard copies of its runs and versions ({@code V3}: {@code model_versions},
 * {@code retrain_runs} and their detail tables), which Grafana reads. The online prediction error is defined once,
 * by the view {@code online_error_moments} ({@code V5}: count, Σe, Σ|e|, Σe², Σ(e²)² per event time, model version,
 * experiment and arm), which the collector's online quality gauges, the router's report and canary and the
 * experiments dashboard read instead of computing errors from {@code online_predictions} themselves. For the
 * report's paired comparison, {@code experiment_predictions} ({@code V6}) holds every rating served in an experiment
 * as predicted by each arm's model version, so arms are compared on the same ratings.
 * This class migrates a database where Quarkus Flyway does not run: other services' tests and the local
 * launcher. Both register {@link V2DetectionChange}, which lets databases migrated with the first release of
 * {@code V2} accept the current one.
 */
public final class TelemetrySchema {

    /** Class-path location of the migrations. */
    public static final String LOCATION = "db/telemetry";

    /** Flyway placeholder choosing the time-series path: {@code auto}, {@code on} or {@code off}. */
    public static final String TIMESCALE_PLACEHOLDER = "timescale";

    private TelemetrySchema() {
    }

    /**
     * Brings the database at {@code jdbcUrl} to the latest schema version (a no-op when it is there).
     *
     * @param timescale {@code auto} (TimescaleDB when the extension is created in the database or this user can
     *                  create it), {@code on} or {@code off}
     * @return how many migrations ran
     */
    public static int migrate(String jdbcUrl, String user, String password, String timescale) {
        MigrateResult result = Flyway.configure(TelemetrySchema.class.getClassLoader())
                .dataSource(jdbcUrl, user, password)
                .locations("classpath:" + LOCATION)
                .placeholders(Map.of(TIMESCALE_PLACEHOLDER, timescale))
                .callbacks(new V2DetectionChange())
                .load()
                .migrate();
        return result.migrationsExecuted;
    }
}
