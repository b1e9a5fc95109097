package org.movierec.retrain.run;

import java.util.Objects;
import java.util.function.Supplier;
import org.movierec.registry.ModelRegistry;
import org.movierec.retrain.evaluate.ProductionModel;
import org.movierec.retrain.promote.CanaryClient;
import org.movierec.retrain.promote.Releaser;

/**
 * What the stages use outside the run directory. The registry is a supplier so that {@code bin/retrain split}
 * (which never needs it) does not connect to MongoDB.
 *
 * @param jdbcUrl    the telemetry database the snapshot reads
 * @param dbUser     its user
 * @param dbPassword its password (a secret: never logged)
 * @param directory  users and catalog for the snapshot
 * @param registry   the model registry (register, promote)
 * @param production the production model evaluate compares with ({@link ProductionModel#NONE} for none)
 * @param canary     the router client for canary promotion, or {@code null}
 * @param releaser   releases a candidate that passed the gates in {@code direct} mode
 */
public record RunServices(String jdbcUrl, String dbUser, String dbPassword, DirectorySource directory,
                          Supplier<ModelRegistry> registry, ProductionModel production, CanaryClient canary,
                          Releaser releaser) {

    public RunServices {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(production, "production");
    }

    /** The services of a whole run: everything from {@code config}, production from its registry. */
    public static RunServices of(RunConfig config) {
        return new RunServices(config.jdbcUrl(), config.dbUser(), config.dbPassword(), config.directory(),
                config::registry, new RegistryProduction(config.registry()), config.canary(), config.releaser());
    }

    @Override
    public String toString() {
        return "RunServices[jdbcUrl=" + jdbcUrl + ", dbUser=" + dbUser + "]";
    }
}
