package org.movierec.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.testkit.ServiceProcess;

/** The monitoring tools' files, checked by the tools' own checkers (promtool, amtool from bin/setup). */
class MonitoringToolsTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final Progress progress = new Progress(new PrintStream(console, true, StandardCharsets.UTF_8));

    @Test
    void withoutAWebhookAlertmanagerGetsAValidConfigThatSendsNowhereAndTheConsoleSaysSo() throws Exception {
        Path home = dir.resolve("home");
        Path secret = home.resolve("alertmanager/secrets/slack-webhook-url");
        Files.createDirectories(secret.getParent());
        Files.writeString(secret, "https://hooks.slack.example/old");

        MonitoringTools.prepareAlertmanager(settings(home, null), home.resolve("alertmanager"), progress);

        Path config = home.resolve("alertmanager/alertmanager.yml");
        assertThat(Files.readString(config)).isEqualTo(MonitoringTools.NO_SLACK_CONFIG).doesNotContain("slack_");
        assertThat(secret).doesNotExist();
        assertThat(run("amtool", "check-config", config.toString())).contains("SUCCESS");
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("Slack is not configured (SLACK_WEBHOOK_URL is not set)");
    }

    @Test
    void withAWebhookTheRepositoryFolderIsCopiedAndTheWebhookWrittenPrivatelyWhereItsConfigReadsIt() throws Exception {
        Path repoFolder = dir.resolve("repo/alertmanager");
        Files.createDirectories(repoFolder.resolve("templates"));
        Files.writeString(repoFolder.resolve("alertmanager.yml"), """
                global:
                  slack_api_url_file: secrets/slack-webhook-url
                templates: ['templates/*.tmpl']
                route:
                  receiver: slack
                receivers:
                  - name: slack
                    slack_configs:
                      - channel: '#movierec-alerts'
                        send_resolved: true
                        text: '{{ template "movierec.text" . }}'
                """);
        Files.writeString(repoFolder.resolve("templates/movierec.tmpl"), "{{ define \"movierec.text\" }}x{{ end }}");
        Path home = dir.resolve("home");
        String webhook = "https://hooks.slack.example/services/T1/B2/secret";
        StackSettings settings = settings(home, webhook);
        settings = settings.withMonitoring(settings.monitoring().withAlertmanager(repoFolder));

        MonitoringTools.prepareAlertmanager(settings, home.resolve("alertmanager"), progress);

        Path secret = home.resolve("alertmanager/secrets/slack-webhook-url");
        assertThat(Files.readString(secret)).isEqualTo(webhook);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
        assertThat(home.resolve("alertmanager/templates/movierec.tmpl")).hasSameTextualContentAs(
                repoFolder.resolve("templates/movierec.tmpl"));
        assertThat(run("amtool", "check-config", home.resolve("alertmanager/alertmanager.yml").toString()))
                .contains("SUCCESS");
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("Alertmanager sends to Slack").doesNotContain(webhook);
    }

    @Test
    void prometheusConfigScrapesEveryServiceUnderItsModuleNameAndLoadsTheRules() throws Exception {
        Path home = dir.resolve("home");
        Path rules = dir.resolve("rules");
        Files.createDirectories(rules);
        Files.writeString(rules.resolve("a.yml"), """
                groups:
                  - name: a
                    rules:
                      - alert: ServiceDown
                        expr: up == 0
                """);
        StackSettings settings = settings(home, null);
        settings = settings.withMonitoring(settings.monitoring().withRules(rules));
        Map<Service, ServiceProcess> services = new EnumMap<>(Service.class);
        for (Service s : Service.values()) {
            services.put(s, ServiceProcess.builder(s.module(), s.jar(dir), settings.ports().of(s)).build());
        }

        MonitoringTools.writePrometheusConfig(settings, services, home.resolve("prometheus"));

        Path config = home.resolve("prometheus/prometheus.yml");
        String yml = Files.readString(config);
        for (Service s : Service.values()) {
            assertThat(yml).contains("job_name: '" + s.module() + "'", "127.0.0.1:" + settings.ports().of(s));
        }
        assertThat(yml).contains("127.0.0.1:" + settings.ports().alertmanager());
        assertThat(run("promtool", "check", "config", config.toString())).contains("SUCCESS: 1 rule files found");
    }

    @Test
    void grafanaGetsTheDatasourceVariablesOfItsProvisioningAndTheConsoleListsTheDashboards() throws IOException {
        Path grafana = dir.resolve("grafana");
        Files.createDirectories(grafana.resolve("dashboards"));
        Files.writeString(grafana.resolve("dashboards/platform.json"), "{\"uid\":\"movierec-platform\",\"title\":\"Platform\"}");
        Files.writeString(grafana.resolve("dashboards/experiments.json"), "{\"uid\":\"movierec-experiments\",\"title\":\"Experiments\"}");
        StackSettings settings = settings(dir.resolve("home"), "https://hooks.slack.example/x");

        Map<String, String> env = MonitoringTools.grafanaEnvironment(settings);

        assertThat(env).containsEntry("PROMETHEUS_URL", "http://127.0.0.1:" + settings.ports().prometheus())
                .containsEntry("TELEMETRY_DB_HOST", "127.0.0.1:" + settings.ports().postgres())
                .containsEntry("TELEMETRY_DB_NAME", "movierec")
                .containsKeys("TELEMETRY_DB_USER", "TELEMETRY_DB_PASSWORD", "TELEMETRY_DB_SSLMODE")
                .containsEntry("GF_SERVER_HTTP_PORT", Integer.toString(settings.ports().grafana()))
                .containsEntry("SLACK_WEBHOOK_URL", "https://hooks.slack.example/x");
        assertThat(MonitoringTools.dashboardUrls(grafana, "http://127.0.0.1:3000")).containsExactly(
                "http://127.0.0.1:3000/d/movierec-experiments   Experiments",
                "http://127.0.0.1:3000/d/movierec-platform   Platform");
    }

    @Test
    void everyVariableTheRepositorysGrafanaProvisioningReadsIsSet() throws IOException {
        Path repository = Path.of("").toAbsolutePath().getParent().resolve("grafana/provisioning");
        Set<String> read = new TreeSet<>();
        try (Stream<Path> files = Files.walk(repository)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml")).toList()) {
                String settings = Files.readAllLines(file).stream().filter(l -> !l.strip().startsWith("#"))
                        .collect(Collectors.joining("\n")); // comments explain the syntax with placeholders
                Matcher m = Pattern.compile("\\$__env\\{(\\w+)}|\\$\\{(\\w+)}").matcher(settings);
                while (m.find()) {
                    read.add(m.group(1) != null ? m.group(1) : m.group(2));
                }
            }
        }
        Map<String, String> env = MonitoringTools.grafanaEnvironment(settings(dir.resolve("home"), "https://hooks.slack.example/x"));

        assertThat(read).isNotEmpty();
        assertThat(env).containsKeys(read.toArray(String[]::new));
    }

    @Test
    void theRepositorysProvisioningIsFittedToThisMachine() throws IOException {
        Path repository = Path.of("").toAbsolutePath().getParent().resolve("grafana");
        StackSettings settings = StackSettings.defaults(repository.getParent(), dir.resolve("home"))
                .withPorts(Ports.free()).withSlackWebhook(null);
        Path provisioning = dir.resolve("home/grafana/provisioning");

        MonitoringTools.prepareGrafana(settings, provisioning);

        assertThat(Files.readString(provisioning.resolve("dashboards/movierec.yml")))
                .contains("path: " + repository.resolve("dashboards"))
                .doesNotContain(MonitoringTools.PROVISIONED_DASHBOARDS_PATH);
        assertThat(Files.readString(provisioning.resolve("datasources/movierec.yml")))
                .contains("timescaledb: false").doesNotContain("timescaledb: true");
        assertThat(provisioning.resolve("alerting/contact-points.yml")).doesNotExist();
        assertThat(provisioning.resolve("alerting/rules.yml")).exists();
    }

    private StackSettings settings(Path home, String webhook) {
        return StackSettings.defaults(dir, home).withPorts(Ports.free()).withSlackWebhook(webhook);
    }

    /** Runs a tool of bin/setup and returns its output; fails (naming bin/setup) when it is missing or fails. */
    static String run(String... command) throws Exception {
        if (OptionalTool.onPath(command[0]).isEmpty()) {
            throw new AssertionError(command[0] + " is not installed: run bin/setup");
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
        return out;
    }
}
