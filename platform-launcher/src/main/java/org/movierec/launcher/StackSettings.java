package org.movierec.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a local stack runs with.
 *
 * @param root the repository (where the modules' {@code target/} directories are)
 * @param home the data directory, kept across restarts (Kafka log, PostgreSQL, MongoDB file, models, logs)
 * @param ports the loopback ports
 * @param world the simulated users and movies, and the bootstrap history
 * @param sessionsPerSecond the simulator's live traffic once the first model serves; 0 for none
 * @param reloadInterval how often inference checks the registry for new versions
 * @param slackWebhook the Slack incoming webhook for notices, or {@code null} (from the environment only)
 * @param extraEnvironment more environment variables per service (tests tune canary thresholds with it)
 * @param monitoring whether to start Prometheus and Alertmanager (on their fixed ports 9090, 9093) when installed
 */
public record StackSettings(Path root, Path home, Ports ports, World world, double sessionsPerSecond,
        Duration reloadInterval, String slackWebhook, Map<Service, Map<String, String>> extraEnvironment,
        boolean monitoring) {

    /**
     * The simulated world.
     *
     * @param users users of the streaming service
     * @param movies movies in its catalog
     * @param seed the generator seed
     * @param bootstrapRatings ratings in the bootstrap history
     * @param bootstrapDays days the bootstrap history spans
     */
    public record World(int users, int movies, long seed, int bootstrapRatings, int bootstrapDays) {

        /** MovieLens-1M shape, 100,000 ratings of history over three weeks. */
        public static World defaults() {
            return new World(6040, 3706, 42, 100_000, 21);
        }
    }

    public StackSettings {
        root = root.toAbsolutePath().normalize();
        home = home.toAbsolutePath().normalize();
        Map<Service, Map<String, String>> copy = new EnumMap<>(Service.class);
        extraEnvironment.forEach((service, env) -> copy.put(service, Map.copyOf(env)));
        extraEnvironment = Map.copyOf(copy);
        if (sessionsPerSecond < 0) {
            throw new IllegalArgumentException("sessions per second must not be negative, got " + sessionsPerSecond);
        }
    }

    /** The defaults of {@code bin/start}: documented ports, 5 sessions a second, reloads every 5 s. */
    public static StackSettings defaults(Path root, Path home) {
        return new StackSettings(root, home, Ports.defaults(), World.defaults(), 5, Duration.ofSeconds(5),
                System.getenv("SLACK_WEBHOOK_URL"), Map.of(), true);
    }

    public StackSettings withPorts(Ports value) {
        return new StackSettings(root, home, value, world, sessionsPerSecond, reloadInterval, slackWebhook,
                extraEnvironment, monitoring);
    }

    public StackSettings withWorld(World value) {
        return new StackSettings(root, home, ports, value, sessionsPerSecond, reloadInterval, slackWebhook,
                extraEnvironment, monitoring);
    }

    public StackSettings withSessionsPerSecond(double value) {
        return new StackSettings(root, home, ports, world, value, reloadInterval, slackWebhook, extraEnvironment,
                monitoring);
    }

    public StackSettings withReloadInterval(Duration value) {
        return new StackSettings(root, home, ports, world, sessionsPerSecond, value, slackWebhook, extraEnvironment,
                monitoring);
    }

    public StackSettings withSlackWebhook(String value) {
        return new StackSettings(root, home, ports, world, sessionsPerSecond, reloadInterval, value, extraEnvironment,
                monitoring);
    }

    public StackSettings withExtraEnvironment(Map<Service, Map<String, String>> value) {
        return new StackSettings(root, home, ports, world, sessionsPerSecond, reloadInterval, slackWebhook, value,
                monitoring);
    }

    /** Without Prometheus and Alertmanager (tests: their ports are fixed, a developer's stack may hold them). */
    public StackSettings withoutMonitoring() {
        return new StackSettings(root, home, ports, world, sessionsPerSecond, reloadInterval, slackWebhook,
                extraEnvironment, false);
    }

    /** Extra environment of one service (empty when none). */
    public Map<String, String> extraEnvironment(Service service) {
        return extraEnvironment.getOrDefault(service, Map.of());
    }
}
