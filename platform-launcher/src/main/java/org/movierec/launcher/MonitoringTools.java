package org.movierec.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.movierec.testkit.PostgresServer;
import org.movierec.testkit.ServiceProcess;

/**
 * Prometheus, Alertmanager and Grafana next to the local stack, each started only when it is installed (a hint
 * otherwise), each reading the repository's own files so that what runs here is what production runs:
 *
 * <ul>
 *   <li><b>Prometheus</b> (Debian {@code prometheus}): a {@code prometheus.yml} written on every start (the
 *       services' loopback ports change with the settings; production's scrape config is
 *       {@code prometheus/prometheus.yml}), loading the repository's {@code prometheus/rules/*.yml} and sending
 *       alerts to the local Alertmanager.</li>
 *   <li><b>Alertmanager</b> (Debian {@code prometheus-alertmanager}): with {@code SLACK_WEBHOOK_URL} set, the
 *       repository's {@code alertmanager/} folder is copied into {@code <home>/alertmanager/} and the webhook written
 *       to {@code secrets/slack-webhook-url} (mode 600) beside it, where its {@code slack_api_url_file} reads it.
 *       Alertmanager runs with that folder as its working directory: it resolves a relative
 *       {@code slack_api_url_file} against its working directory, not against the configuration file's folder
 *       (prometheus/alertmanager#2500; seen with 0.25: "open secrets/slack-webhook-url: no such file or directory"). Without a webhook the launcher writes its own configuration
 *       with a receiver that sends nothing: alerts still group, inhibit and show in Alertmanager's UI, and the
 *       console says Slack is not configured.</li>
 *   <li><b>Grafana</b> (not a Debian package: Grafana's own APT repository or tarball, {@code grafana} /
 *       {@code grafana-server} on the PATH or {@code GRAFANA_HOME}): the repository's {@code grafana/provisioning}
 *       copied into {@code <home>/grafana/provisioning} and fitted to this machine ({@link #fitGrafanaProvisioning}),
 *       with the datasources' addresses and credentials in the environment ({@link #grafanaEnvironment}).</li>
 * </ul>
 */
final class MonitoringTools {

    /** The launcher's Alertmanager configuration when no Slack webhook is set: alerts visible in the UI only. */
    static final String NO_SLACK_CONFIG = """
            # Written by the MovieRec launcher: SLACK_WEBHOOK_URL is not set, so alerts are grouped, inhibited and
            # shown in this Alertmanager's UI but sent nowhere. Set SLACK_WEBHOOK_URL and restart bin/start to use the
            # repository's alertmanager/alertmanager.yml (Slack routes and templates).
            route:
              receiver: ui-only
              group_by: [alertname, service]
            receivers:
              - name: ui-only
            """;

    private final StackSettings settings;
    private final Progress progress;
    private final OptionalTool prometheus;
    private final OptionalTool alertmanager;
    private final OptionalTool grafana;
    private final List<OptionalTool> started = new ArrayList<>();

    MonitoringTools(StackSettings settings, Progress progress) {
        this.settings = settings;
        this.progress = progress;
        Path home = settings.home();
        Ports ports = settings.ports();
        Path prometheusDir = home.resolve("prometheus");
        Path alertmanagerDir = home.resolve("alertmanager");
        this.alertmanager = new OptionalTool("Alertmanager", OptionalTool.onPath("prometheus-alertmanager", "alertmanager"),
                ports.alertmanager(), List.of("--config.file=" + alertmanagerDir.resolve("alertmanager.yml"),
                "--storage.path=" + alertmanagerDir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + ports.alertmanager(), "--cluster.listen-address="),
                Map.of(), home.resolve("logs/alertmanager.log"), alertmanagerDir);
        this.prometheus = new OptionalTool("Prometheus", OptionalTool.onPath("prometheus"), ports.prometheus(),
                List.of("--config.file=" + prometheusDir.resolve("prometheus.yml"),
                        "--storage.tsdb.path=" + prometheusDir.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + ports.prometheus()),
                Map.of(), home.resolve("logs/prometheus.log"), prometheusDir);
        this.grafana = grafanaTool(settings);
    }

    /** Writes the tools' files and starts those installed whose port is free; says on the console what it did. */
    void start(Map<Service, ServiceProcess> services) {
        if (alertmanager.installed()) {
            prepareAlertmanager(settings, settings.home().resolve("alertmanager"), progress);
        }
        if (prometheus.installed()) {
            writePrometheusConfig(settings, services, settings.home().resolve("prometheus"));
        }
        // Written whether Grafana is installed or not: a Grafana container started by hand mounts it (OPERATIONS.md).
        prepareGrafana(settings, settings.home().resolve("grafana/provisioning"));
        for (OptionalTool tool : List.of(alertmanager, prometheus, grafana)) {
            if (!tool.installed()) {
                progress.detail(tool.name() + " is not installed: skipped (" + installHint(tool) + ")");
            } else if (tool.portBusy()) {
                progress.detail(tool.name() + ": port " + tool.port() + " is already in use: not started");
            } else {
                progress.step("starting " + tool.name() + " on " + tool.url() + " (log " + tool.log() + ")");
                tool.start();
                started.add(tool);
            }
        }
        if (started.contains(grafana)) {
            for (String url : dashboardUrls(settings.monitoring().grafana(), grafana.url())) {
                progress.detail("dashboard " + url);
            }
        }
    }

    /** The tools that were started. */
    List<OptionalTool> started() {
        return List.copyOf(started);
    }

    void stop() {
        started.forEach(OptionalTool::stop);
    }

    private static String installHint(OptionalTool tool) {
        return switch (tool.name()) {
            case "Prometheus" -> "apt-get install prometheus";
            case "Alertmanager" -> "apt-get install prometheus-alertmanager";
            default -> "install it from Grafana's APT repository or set GRAFANA_HOME to an unpacked release, or run"
                    + " the grafana/grafana container: see docs/OPERATIONS.md, \"Running it\"";
        };
    }

    /**
     * Writes {@code <dir>/prometheus.yml}: every service's {@code /q/metrics} under its module name as the job
     * (the contract the rules and dashboards rely on), the rule files, the local Alertmanager.
     */
    static void writePrometheusConfig(StackSettings settings, Map<Service, ServiceProcess> services, Path dir) {
        String interval = settings.monitoring().interval().toMillis() + "ms";
        StringBuilder yml = new StringBuilder("""
                # Written by the MovieRec launcher on every start.
                global:
                  scrape_interval: %s
                  evaluation_interval: %s
                alerting:
                  alertmanagers:
                    - static_configs:
                        - targets: ['127.0.0.1:%d']
                rule_files:
                  - '%s/*.yml'
                scrape_configs:
                """.formatted(interval, interval, settings.ports().alertmanager(), settings.monitoring().rules()));
        for (ServiceProcess s : services.values()) {
            yml.append("  - job_name: '").append(s.name()).append("'\n")
                    .append("    metrics_path: /q/metrics\n")
                    .append("    static_configs:\n")
                    .append("      - targets: ['127.0.0.1:").append(s.port()).append("']\n");
        }
        TextFiles.write(dir.resolve("prometheus.yml"), yml.toString());
    }

    /**
     * Fills {@code dir} (the Alertmanager config directory in the home): the repository's folder and the webhook
     * with Slack, {@link #NO_SLACK_CONFIG} without. A webhook file left from an earlier run is removed when no
     * webhook is set.
     */
    static void prepareAlertmanager(StackSettings settings, Path dir, Progress progress) {
        Path secret = dir.resolve("secrets/slack-webhook-url");
        Path source = settings.monitoring().alertmanager();
        try {
            Files.createDirectories(dir);
            if (!settings.slackConfigured()) {
                Files.deleteIfExists(secret);
                TextFiles.write(dir.resolve("alertmanager.yml"), NO_SLACK_CONFIG);
                progress.detail("Slack is not configured (SLACK_WEBHOOK_URL is not set): alerts show in Alertmanager's UI"
                        + " at http://127.0.0.1:" + settings.ports().alertmanager() + " only");
                return;
            }
            if (!Files.isRegularFile(source.resolve("alertmanager.yml"))) {
                TextFiles.write(dir.resolve("alertmanager.yml"), NO_SLACK_CONFIG);
                progress.detail("Alertmanager cannot send to Slack: " + source.resolve("alertmanager.yml")
                        + " is missing; alerts show in its UI only");
                return;
            }
            copyTree(source, dir);
            Files.createDirectories(secret.getParent());
            Files.deleteIfExists(secret);
            Files.createFile(secret, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(secret, settings.slackWebhook().strip());
            progress.detail("Alertmanager sends to Slack (SLACK_WEBHOOK_URL, kept in " + secret + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Alertmanager's files in " + dir, e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Where the repository's dashboard provider expects the dashboards (the container and Kubernetes layout). */
    static final String PROVISIONED_DASHBOARDS_PATH = "path: /var/lib/grafana/dashboards/movierec";

    /**
     * Fills {@code dir} (Grafana's provisioning directory in the home) with the repository's
     * {@code grafana/provisioning}, fitted to this machine by {@link #fitGrafanaProvisioning}.
     */
    static void prepareGrafana(StackSettings settings, Path dir) {
        Path source = settings.monitoring().grafana().resolve("provisioning");
        try {
            copyTree(source, dir);
            fitGrafanaProvisioning(dir, settings.monitoring().grafana().resolve("dashboards"), settings.slackConfigured());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Grafana's provisioning in " + dir, e);
        }
    }

    /**
     * Three differences between this machine and a deployment, each one line or one file: the dashboard provider
     * reads the repository's {@code grafana/dashboards} instead of the container path; the telemetry datasource has
     * {@code timescaledb: false}, since the local PostgreSQL has no TimescaleDB (with it on, Grafana expands
     * {@code $__timeGroup} to {@code time_bucket}, which plain PostgreSQL lacks); and without a Slack webhook the
     * contact point and its policy are left out (Grafana refuses a Slack contact point without a URL), so the
     * Grafana-evaluated alerts show in its UI only.
     *
     * @throws IllegalStateException when a line to fit is no longer in the repository's files
     */
    static void fitGrafanaProvisioning(Path dir, Path dashboards, boolean slack) throws IOException {
        replaceLine(dir.resolve("dashboards/movierec.yml"), PROVISIONED_DASHBOARDS_PATH, "path: " + dashboards);
        replaceLine(dir.resolve("datasources/movierec.yml"), "timescaledb: true", "timescaledb: false");
        if (!slack) {
            Files.deleteIfExists(dir.resolve("alerting/contact-points.yml"));
            Files.deleteIfExists(dir.resolve("alerting/policies.yml"));
        }
    }

    private static void replaceLine(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        if (!text.contains(from)) {
            throw new IllegalStateException(file + " no longer has \"" + from + "\": update MonitoringTools");
        }
        Files.writeString(file, text.replace(from, to));
    }

    private OptionalTool grafanaTool(StackSettings settings) {
        Optional<Path> executable = grafanaExecutable();
        boolean newCli = executable.map(p -> p.getFileName().toString().equals("grafana")).orElse(false);
        List<String> args = new ArrayList<>();
        if (newCli) {
            args.add("server");
        }
        executable.ifPresent(e -> args.add("--homepath=" + grafanaHomepath(e)));
        return new OptionalTool("Grafana", executable, settings.ports().grafana(), args, grafanaEnvironment(settings),
                settings.home().resolve("logs/grafana.log"), settings.home().resolve("grafana"));
    }

    /** {@code $GRAFANA_HOME/bin/grafana[-server]}, else {@code grafana} or {@code grafana-server} on the PATH. */
    static Optional<Path> grafanaExecutable() {
        String home = System.getenv("GRAFANA_HOME");
        if (home != null && !home.isBlank()) {
            for (String name : List.of("grafana", "grafana-server")) {
                Path candidate = Path.of(home, "bin", name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return OptionalTool.onPath("grafana", "grafana-server");
    }

    /** Where Grafana's {@code conf/defaults.ini} is: GRAFANA_HOME, an unpacked release, or the packages' place. */
    private static Path grafanaHomepath(Path executable) {
        String home = System.getenv("GRAFANA_HOME");
        if (home != null && !home.isBlank()) {
            return Path.of(home);
        }
        Path release = executable.toAbsolutePath().getParent().getParent();
        return release != null && Files.isRegularFile(release.resolve("conf/defaults.ini")) ? release
                : Path.of("/usr/share/grafana");
    }

    /**
     * Grafana's environment: its paths and port ({@code GF_*}, Grafana's own override convention) and the variables
     * the repository's provisioning files read: {@code PROMETHEUS_URL}, {@code TELEMETRY_DB_HOST} (host:port),
     * {@code TELEMETRY_DB_NAME}, {@code TELEMETRY_DB_USER}, {@code TELEMETRY_DB_PASSWORD}, {@code TELEMETRY_DB_SSLMODE}
     * and {@code SLACK_WEBHOOK_URL} (when set). Anonymous viewers are let in: the stack is on loopback, on-call should
     * not need a login to look.
     */
    static Map<String, String> grafanaEnvironment(StackSettings settings) {
        Path home = settings.home();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GF_PATHS_DATA", home.resolve("grafana/data").toString());
        env.put("GF_PATHS_LOGS", home.resolve("logs/grafana").toString());
        env.put("GF_PATHS_PLUGINS", home.resolve("grafana/plugins").toString());
        env.put("GF_PATHS_PROVISIONING", home.resolve("grafana/provisioning").toString());
        env.put("GF_SERVER_HTTP_ADDR", "127.0.0.1");
        env.put("GF_SERVER_HTTP_PORT", Integer.toString(settings.ports().grafana()));
        env.put("GF_AUTH_ANONYMOUS_ENABLED", "true");
        env.put("GF_AUTH_ANONYMOUS_ORG_ROLE", "Viewer");
        env.put("GF_ANALYTICS_REPORTING_ENABLED", "false");
        env.put("GF_ANALYTICS_CHECK_FOR_UPDATES", "false");
        env.put("PROMETHEUS_URL", "http://127.0.0.1:" + settings.ports().prometheus());
        env.put("TELEMETRY_DB_HOST", "127.0.0.1:" + settings.ports().postgres());
        env.put("TELEMETRY_DB_NAME", LocalStack.DATABASE);
        env.put("TELEMETRY_DB_USER", PostgresServer.USER);
        env.put("TELEMETRY_DB_PASSWORD", PostgresServer.PASSWORD);
        env.put("TELEMETRY_DB_SSLMODE", "disable");
        if (settings.slackConfigured()) {
            env.put("SLACK_WEBHOOK_URL", settings.slackWebhook());
        }
        return env;
    }

    /**
     * {@code <grafana>/d/<uid>} of every dashboard in {@code <grafanaDir>/dashboards/*.json}, with its title, in file
     * order; empty when there are none.
     */
    static List<String> dashboardUrls(Path grafanaDir, String grafanaUrl) {
        Path dashboards = grafanaDir.resolve("dashboards");
        if (!Files.isDirectory(dashboards)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dashboards)) {
            List<String> urls = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                Map<String, Object> json = JsonValues.object(Files.readString(file));
                Object uid = json.get("uid");
                if (uid != null) {
                    urls.add(grafanaUrl + "/d/" + uid + "   " + json.getOrDefault("title", ""));
                }
            }
            return urls;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dashboards, e);
        }
    }

}
