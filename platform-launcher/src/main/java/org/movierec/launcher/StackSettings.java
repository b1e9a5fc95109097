package org.movierec.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
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
 * @param monitoring Prometheus, Alertmanager and Grafana: whether to start them when installed, and their files
 * @param replicaPorts the ports of further replicas of a service, beyond the one on its {@link Ports} port (none by
 *        default: one process per service); see {@link #withReplicas}
 */
public record StackSettings(Path root, Path home, Ports ports, World world, double sessionsPerSecond,
        Duration reloadInterval, String slackWebhook, Map<Service, Map<String, String>> extraEnvironment,
        Monitoring monitoring, Map<Service, List<Integer>> replicaPorts) {

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

    /**
     * What the monitoring tools run with.
     *
     * @param enabled whether to start Prometheus, Alertmanager and Grafana (each only when installed)
     * @param rules the Prometheus rule files ({@code *.yml}) to load: the repository's {@code prometheus/rules}
     * @param alertmanager the Alertmanager folder copied into the home: the repository's {@code alertmanager}
     *        ({@code alertmanager.yml} reading the webhook from {@code secrets/slack-webhook-url}, templates)
     * @param grafana the Grafana folder: the repository's {@code grafana} ({@code provisioning/}, {@code dashboards/})
     * @param interval Prometheus's scrape and rule evaluation interval
     */
    public record Monitoring(boolean enabled, Path rules, Path alertmanager, Path grafana, Duration interval) {

        /** The repository's files, 5 s intervals. */
        public static Monitoring of(Path root) {
            return new Monitoring(true, root.resolve("prometheus/rules"), root.resolve("alertmanager"),
                    root.resolve("grafana"), Duration.ofSeconds(5));
        }

        public Monitoring withRules(Path value) {
            return new Monitoring(enabled, value, alertmanager, grafana, interval);
        }

        public Monitoring withAlertmanager(Path value) {
            return new Monitoring(enabled, rules, value, grafana, interval);
        }

        public Monitoring withInterval(Duration value) {
            return new Monitoring(enabled, rules, alertmanager, grafana, value);
        }

        public Monitoring disabled() {
            return new Monitoring(false, rules, alertmanager, grafana, interval);
        }
    }

    public StackSettings {
        root = root.toAbsolutePath().normalize();
        home = home.toAbsolutePath().normalize();
        Map<Service, Map<String, String>> copy = new EnumMap<>(Service.class);
        extraEnvironment.forEach((service, env) -> copy.put(service, Map.copyOf(env)));
        extraEnvironment = Map.copyOf(copy);
        Map<Service, List<Integer>> replicas = new EnumMap<>(Service.class);
        replicaPorts.forEach((service, list) -> replicas.put(service, List.copyOf(list)));
        replicaPorts = Map.copyOf(replicas);
        if (replicaPorts.containsKey(Service.SIMULATOR)) {
            throw new IllegalArgumentException("the simulator is the clients, not a tier: it runs once");
        }
        if (sessionsPerSecond < 0) {
            throw new IllegalArgumentException("sessions per second must not be negative, got " + sessionsPerSecond);
        }
    }

    /** The defaults of {@code bin/start}: documented ports, 5 sessions a second, reloads every 5 s. */
    public static StackSettings defaults(Path root, Path home) {
        return new StackSettings(root, home, Ports.defaults(), World.defaults(), 5, Duration.ofSeconds(5),
                System.getenv("SLACK_WEBHOOK_URL"), Map.of(), Monitoring.of(root), Map.of());
    }

    public StackSettings withPorts(Ports value) {
        return new StackSettings(root, home, value, world, sessionsPerSecond, reloadInterval, slackWebhook,
                extraEnvironment, monitoring, replicaPorts);
    }

    public StackSettings withWorld(World value) {
        return new StackSettings(root, home, ports, value, sessionsPerSecond, reloadInterval, slackWebhook,
                extraEnvironment, monitoring, replicaPorts);
    }

    public StackSettings withSessionsPerSecond(double value) {
        return new StackSettings(root, home, ports, world, value, reloadInterval, slackWebhook, extraEnvironment,
                monitoring, replicaPorts);
    }

    public StackSettings withReloadInterval(Duration value) {
        return new StackSettings(root, home, ports, world, sessionsPerSecond, value, slackWebhook, extraEnvironment,
                monitoring, replicaPorts);
    }

    public StackSettings withSlackWebhook(String value) {
        return new StackSettings(root, home, ports, world, sessionsPerSecond, reloadInterval, value, extraEnvironment,
                monitoring, replicaPorts);
    }

    public StackSettings withExtraEnvironment(Map<Service, Map<String, String>> value) {
        return new StackSettings(root, home, ports, world, sessionsPerSecond, reloadInterval, slackWebhook, value,
                monitoring, replicaPorts);
    }

    public StackSettings withMonitoring(Monitoring value) {
        return new StackSettings(root, home, ports, world, sessionsPerSecond, reloadInterval, slackWebhook,
                extraEnvironment, value, replicaPorts);
    }

    /**
     * Runs {@code 1 + ports.size()} processes of {@code service}: the first on its {@link Ports} port, the others on
     * {@code ports} (distinct loopback ports, free ones in tests), each under its own name ({@code <module>-2}, ...) and
     * log. The router is given every inference replica ({@code INFERENCE_URL}, a list); the other services and the
     * simulator talk to the first router and retrain replica (put a balancer in front of the routers for the
     * simulator's traffic through all of them, as an Ingress does: {@code SIMULATOR_ROUTER_URL} in the extra
     * environment).
     *
     * @throws IllegalArgumentException for the simulator (the clients, not a tier)
     */
    public StackSettings withReplicas(Service service, List<Integer> ports) {
        Map<Service, List<Integer>> value = new EnumMap<>(Service.class);
        value.putAll(replicaPorts);
        value.put(service, ports);
        return new StackSettings(root, home, this.ports, world, sessionsPerSecond, reloadInterval, slackWebhook,
                extraEnvironment, monitoring, value);
    }

    /** The ports of every process of {@code service}: its {@link Ports} port first, then its further replicas'. */
    public List<Integer> portsOf(Service service) {
        List<Integer> all = new ArrayList<>();
        all.add(ports.of(service));
        all.addAll(replicaPorts.getOrDefault(service, List.of()));
        return all;
    }

    /** Without Prometheus, Alertmanager and Grafana. */
    public StackSettings withoutMonitoring() {
        return withMonitoring(monitoring.disabled());
    }

    /** The Slack webhook, when one is set (not blank). */
    public boolean slackConfigured() {
        return slackWebhook != null && !slackWebhook.isBlank();
    }

    /** Extra environment of one service (empty when none). */
    public Map<String, String> extraEnvironment(Service service) {
        return extraEnvironment.getOrDefault(service, Map.of());
    }
}
