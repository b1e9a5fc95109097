package org.movierec.telemetry.store;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.movierec.telemetry.schema.V2DetectionChange;

/**
 * Adds the telemetry schema's Flyway callbacks to the migration Quarkus runs at start-up, as
 * {@code TelemetrySchema.migrate} does elsewhere: {@link V2DetectionChange} lets a database migrated with the first
 * release of {@code V2__time_series.sql} accept the current one (whose TimescaleDB detection needs no privileged
 * setting) instead of failing validation with a checksum mismatch.
 */
@Singleton
public class SchemaMigrationCallbacks implements FlywayConfigurationCustomizer {

    @Override
    public void customize(FluentConfiguration configuration) {
        List<Callback> callbacks = new ArrayList<>(Arrays.asList(configuration.getCallbacks()));
        callbacks.add(new V2DetectionChange());
        configuration.callbacks(callbacks.toArray(new Callback[0]));
    }
}
