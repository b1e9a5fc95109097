package org.movierec.launcher;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.movierec.testkit.ServiceProcess;

/**
 * Prometheus and Alertmanager from the Debian packages, when installed: Prometheus scrapes every service's
 * {@code /q/metrics} (and loads the repository's rules under {@code prometheus/rules} when present) and sends
 * alerts to Alertmanager. Skipped, with a hint, when the binary is not on the PATH.
 */
final class OptionalTool {

    private final String name;
    private final String binary;
    private final String debianPackage;
    private final int port;
    private final List<String> arguments;
    private final Path log;
    private Process process;

    private OptionalTool(String name, String binary, String debianPackage, int port, List<String> arguments, Path log) {
        this.name = name;
        this.binary = binary;
        this.debianPackage = debianPackage;
        this.port = port;
        this.arguments = arguments;
        this.log = log;
    }

    static List<OptionalTool> forStack(StackSettings settings, Map<Service, ServiceProcess> services) {
        Path home = settings.home();
        Path prometheusDir = home.resolve("prometheus");
        Path alertmanagerDir = home.resolve("alertmanager");
        OptionalTool alertmanager = new OptionalTool("Alertmanager", "prometheus-alertmanager", "prometheus-alertmanager",
                9093, List.of("--config.file=" + alertmanagerDir.resolve("alertmanager.yml"),
                "--storage.path=" + alertmanagerDir.resolve("data"), "--web.listen-address=127.0.0.1:9093",
                "--cluster.listen-address="), home.resolve("logs/alertmanager.log"));
        OptionalTool prometheus = new OptionalTool("Prometheus", "prometheus", "prometheus", 9090,
                List.of("--config.file=" + prometheusDir.resolve("prometheus.yml"),
                        "--storage.tsdb.path=" + prometheusDir.resolve("data"),
                        "--web.listen-address=127.0.0.1:9090"), home.resolve("logs/prometheus.log"));
        if (prometheus.installed()) {
            writePrometheusConfig(settings, services, prometheusDir);
        }
        if (alertmanager.installed()) {
            writeAlertmanagerConfig(settings, alertmanagerDir);
        }
        return List.of(alertmanager, prometheus);
    }

    private static void writePrometheusConfig(StackSettings settings, Map<Service, ServiceProcess> services, Path dir) {
        StringBuilder yml = new StringBuilder("""
                # Written by the MovieRec launcher on every start.
                global:
                  scrape_interval: 5s
                  evaluation_interval: 5s
                alerting:
                  alertmanagers:
                    - static_configs:
                        - targets: ['127.0.0.1:9093']
                rule_files:
                  - '%s/*.yml'
                scrape_configs:
                """.formatted(settings.root().resolve("prometheus/rules")));
        for (ServiceProcess s : services.values()) {
            yml.append("  - job_name: '").append(s.name()).append("'\n")
                    .append("    metrics_path: /q/metrics\n")
                    .append("    static_configs:\n")
                    .append("      - targets: ['127.0.0.1:").append(s.port()).append("']\n");
        }
        write(dir.resolve("prometheus.yml"), yml.toString());
    }

    private static void writeAlertmanagerConfig(StackSettings settings, Path dir) {
        String webhook = settings.slackWebhook();
        String receiver = webhook == null || webhook.isBlank()
                ? "receivers:\n  - name: on-call\n"
                : "receivers:\n  - name: on-call\n    slack_configs:\n      - api_url_file: '" + dir.resolve("slack-webhook")
                + "'\n        send_resolved: true\n";
        if (webhook != null && !webhook.isBlank()) {
            write(dir.resolve("slack-webhook"), webhook);
        }
        write(dir.resolve("alertmanager.yml"), "# Written by the MovieRec launcher on every start.\n"
                + "route:\n  receiver: on-call\n  group_by: [alertname]\n" + receiver);
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    String name() {
        return name;
    }

    String debianPackage() {
        return debianPackage;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    boolean installed() {
        return executable() != null;
    }

    private Path executable() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, binary);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    void start() {
        List<String> cmd = new ArrayList<>();
        cmd.add(executable().toString());
        cmd.addAll(arguments);
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
