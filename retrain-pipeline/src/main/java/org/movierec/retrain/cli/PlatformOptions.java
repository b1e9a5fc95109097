package org.movierec.retrain.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.movierec.platform.notify.SlackNotifier;
import org.movierec.registry.release.ReleaseClient;
import org.movierec.retrain.promote.CanaryClient;
import org.movierec.retrain.promote.Releaser;
import org.movierec.retrain.run.DirectorySource;
import org.movierec.retrain.snapshot.DemographicsFileSource;
import org.movierec.retrain.snapshot.Directory;
import org.movierec.retrain.snapshot.UserApiClient;
import picocli.CommandLine.Option;

/**
 * Where the platform's services are, mixed into the commands that reach them. Each default is written once, here:
 * the option, else the environment variable the services read too, else the local address. Secrets
 * ({@code DATABASE_PASSWORD}, {@code ROUTER_ADMIN_TOKEN}, {@code RETRAIN_ADMIN_TOKEN}, {@code SLACK_WEBHOOK_URL})
 * come only from the environment, never from the command line, and are never printed.
 */
final class PlatformOptions {

    /**
     * The platform's database name, written once: the PostgreSQL database of the default {@code --database-url} and
     * the registry's MongoDB database ({@code MOVIEREC_DATABASE}, as retrain-service's {@code movierec.database}).
     */
    private static final String DATABASE_NAME = "${env:MOVIEREC_DATABASE:-movierec}";

    @Option(names = "--database-url", paramLabel = "JDBC-URL",
            defaultValue = "${env:DATABASE_URL:-jdbc:postgresql://127.0.0.1:5432/" + DATABASE_NAME + "}",
            description = "The telemetry database the snapshot reads (default: $DATABASE_URL, else"
                    + " jdbc:postgresql://127.0.0.1:5432/ and $MOVIEREC_DATABASE, else movierec).")
    private String databaseUrl;

    @Option(names = "--database-user", paramLabel = "USER", defaultValue = "${env:DATABASE_USER:-postgres}",
            description = "Its user (default: $DATABASE_USER, else postgres); the password is $DATABASE_PASSWORD.")
    private String databaseUser;

    @Option(names = "--mongodb-uri", paramLabel = "URI", defaultValue = "${env:MONGODB_URI:-mongodb://127.0.0.1:27017}",
            description = "The model registry's MongoDB (default: $MONGODB_URI, else ${DEFAULT-VALUE}).")
    private String mongodbUri;

    @Option(names = "--mongodb-database", paramLabel = "NAME",
            defaultValue = "${env:RETRAIN_MONGODB_DATABASE:-" + DATABASE_NAME + "}",
            description = "The registry's database (default: $RETRAIN_MONGODB_DATABASE, else $MOVIEREC_DATABASE, else"
                    + " movierec).")
    private String mongodbDatabase;

    @Option(names = "--user-api-url", paramLabel = "URL", defaultValue = "${env:USER_API_URL:-http://127.0.0.1:8085}",
            description = "The user and movie API the snapshot reads (default: $USER_API_URL, else ${DEFAULT-VALUE}).")
    private String userApiUrl;

    @Option(names = "--router-url", paramLabel = "URL", defaultValue = "${env:ROUTER_URL:-http://127.0.0.1:8082}",
            description = "The A/B router a canary starts on (default: $ROUTER_URL, else ${DEFAULT-VALUE});"
                    + " its token is $ROUTER_ADMIN_TOKEN.")
    private String routerUrl;

    @Option(names = "--retrain-url", paramLabel = "URL", defaultValue = "${env:RETRAIN_URL:-http://127.0.0.1:8084}",
            description = "retrain-service, which releases a direct promotion (default: $RETRAIN_URL, else"
                    + " ${DEFAULT-VALUE}); its token is $RETRAIN_ADMIN_TOKEN.")
    private String retrainUrl;

    String databaseUrl() {
        return databaseUrl;
    }

    String databaseUser() {
        return databaseUser;
    }

    static String databasePassword() {
        return secret("DATABASE_PASSWORD").orElse("postgres");
    }

    /** The model registry, connected when a stage first needs it. */
    RegistryConnection registry() {
        return new RegistryConnection(mongodbUri, mongodbDatabase);
    }

    /** Users and catalog: the user API, a demographics file ({@code u.user}, {@code users.dat}), or none. */
    DirectorySource directorySource(String usersFile) {
        if (usersFile == null) {
            return new UserApiClient(userApiUrl, Duration.ofSeconds(30))::fetch;
        }
        if (usersFile.equals("none")) {
            return Directory::none;
        }
        Path file = Path.of(usersFile);
        return () -> DemographicsFileSource.load(file);
    }

    CanaryClient canary() {
        return new CanaryClient(routerUrl, secret("ROUTER_ADMIN_TOKEN").orElse(null), Duration.ofSeconds(10));
    }

    /**
     * Releases through retrain-service, the one writer of the production pointer, so a release from the command
     * line is in the same history as every other.
     */
    Releaser releaser() {
        ReleaseClient client = new ReleaseClient(retrainUrl, secret("RETRAIN_ADMIN_TOKEN").orElse(null),
                Duration.ofSeconds(60));
        return (version, reason, requestedBy) -> Optional.ofNullable(
                (String) client.promote(version, reason, requestedBy, null).get("previous"));
    }

    static SlackNotifier slack() {
        return SlackNotifier.of(secret("SLACK_WEBHOOK_URL").orElse(null), Duration.ofSeconds(10));
    }

    /** A secret from the environment; unset and blank are the same. */
    private static Optional<String> secret(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank());
    }
}
