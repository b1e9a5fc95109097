package org.movierec.retrain.run;

import java.nio.file.Path;
import java.util.Objects;
import org.movierec.platform.notify.SlackNotifier;
import org.movierec.registry.ModelRegistry;
import org.movierec.retrain.params.RetrainParams;
import org.movierec.retrain.promote.CanaryClient;
import org.movierec.retrain.promote.Releaser;

/**
 * What every run of a {@link RetrainRunner} shares.
 *
 * @param workDir     runs go to {@code runs/<runId>}, the DVC cache to {@code cache}
 * @param params      the pipeline parameters
 * @param jdbcUrl     the telemetry database
 * @param dbUser      its user
 * @param dbPassword  its password (a secret: never logged)
 * @param directory   users and catalog
 * @param registry    the model registry
 * @param canary      the router client for canary promotion, or {@code null}
 * @param slack       notices
 * @param releaser    releases a candidate that passed the gates in {@code direct} mode (the pointer's one writer)
 */
public record RunConfig(Path workDir, RetrainParams params, String jdbcUrl, String dbUser, String dbPassword,
                        DirectorySource directory, ModelRegistry registry, CanaryClient canary, SlackNotifier slack,
                        Releaser releaser) {

    public RunConfig {
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(slack, "slack");
        Objects.requireNonNull(releaser, "releaser");
    }

    @Override
    public String toString() {
        return "RunConfig[workDir=" + workDir + ", jdbcUrl=" + jdbcUrl + ", dbUser=" + dbUser + "]";
    }
}
