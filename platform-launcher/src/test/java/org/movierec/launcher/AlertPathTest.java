package org.movierec.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.testkit.ServiceProcess;
import org.movierec.testkit.SlackReceiver;

/**
 * The launcher's alert path without the stack: the real Prometheus and Alertmanager (bin/setup) started by
 * {@link MonitoringTools} as {@code bin/start} starts them, with the repository's rules (waits shortened) and
 * Alertmanager folder, the webhook of a local Slack receiver. No service runs, so every target is down: the receiver
 * gets {@code ServiceDown} for inference with its runbook link; a stand-in answering on inference's port brings the
 * resolved notice. (The end-to-end test repeats this with the real services.)
 */
class AlertPathTest {

    @TempDir
    Path dir;

    @Test
    void aDownTargetReachesSlackAsServiceDownWithItsRunbookAndResolvesWhenItAnswers() throws Exception {
        Path root = Path.of(System.getProperty("movierec.root", "..")).toAbsolutePath().normalize();
        Path home = dir.resolve("home");
        Path rules = ShortAlerts.rules(root.resolve("prometheus/rules"), dir.resolve("rules"), "2s");
        Path alertmanager = ShortAlerts.alertmanager(root.resolve("alertmanager"), dir.resolve("alertmanager"));
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (SlackReceiver slack = SlackReceiver.start()) {
            StackSettings settings = StackSettings.defaults(root, home).withPorts(Ports.free())
                    .withSlackWebhook(slack.webhookUrl());
            settings = settings.withMonitoring(settings.monitoring().withRules(rules).withAlertmanager(alertmanager)
                    .withInterval(Duration.ofSeconds(1)));
            Map<Service, ServiceProcess> services = new EnumMap<>(Service.class);
            for (Service s : Service.values()) {
                services.put(s, ServiceProcess.builder(s.module(), s.jar(root), settings.ports().of(s)).build());
            }
            MonitoringTools tools = new MonitoringTools(settings,
                    new Progress(new PrintStream(console, true, StandardCharsets.UTF_8)));
            HttpServer inference = null;
            try {
                tools.start(services);
                assertThat(tools.started()).as("Prometheus and Alertmanager must be installed: run bin/setup")
                        .extracting(OptionalTool::name).contains("Prometheus", "Alertmanager");
                String service = Service.INFERENCE.module();

                String firing = slack.awaitPost(p -> p.contains("ServiceDown") && p.contains(service) && !resolved(p),
                        Duration.ofMinutes(2));
                assertThat(firing).contains("https://github.com/movierec/movierec/blob/main/docs/OPERATIONS.md#servicedown");

                inference = metricsStandIn(settings.ports().of(Service.INFERENCE));
                String back = slack.awaitPost(p -> p.contains("ServiceDown") && p.contains(service) && resolved(p),
                        Duration.ofMinutes(2));
                assertThat(back).contains(service);
            } finally {
                if (inference != null) {
                    inference.stop(0);
                }
                tools.stop();
            }
        }
    }

    private static boolean resolved(String slackPost) {
        return slackPost.toLowerCase(Locale.ROOT).contains("resolved");
    }

    /** Answers {@code GET /q/metrics} with one counter, so Prometheus sees the target up. */
    private static HttpServer metricsStandIn(int port) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/q/metrics", exchange -> {
            byte[] body = "# TYPE stand_in_total counter\nstand_in_total 1\n".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }
}
