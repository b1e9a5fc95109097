package org.movierec.ops.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.testkit.FreePorts;
import org.movierec.testkit.SlackReceiver;

/**
 * The real Alertmanager (Debian package prometheus-alertmanager) with the project's alertmanager/ folder, laid
 * out as bin/start and Kubernetes lay it out: a copy of the folder as the working directory, the webhook written
 * into secrets/slack-webhook-url. A critical alert reaches the Slack stand-in with its summary, value, runbook
 * and dashboard links; a ServiceDown inhibits the other alerts of its service and no one else's.
 */
class AlertmanagerDeliveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private final HttpClient http = HttpClient.newHttpClient();
    private SlackReceiver slack;
    private Process alertmanager;
    private String baseUrl;

    @BeforeEach
    void start() throws Exception {
        Path binary = OpsFiles.tool("prometheus-alertmanager", "prometheus-alertmanager");
        Path home = temp.resolve("alertmanager");
        copy(OpsFiles.alertmanager(), home);
        slack = SlackReceiver.start();
        Files.createDirectories(home.resolve("secrets"));
        Files.writeString(home.resolve("secrets/slack-webhook-url"), slack.webhookUrl() + "\n");
        int port = FreePorts.find();
        baseUrl = "http://127.0.0.1:" + port;
        alertmanager = new ProcessBuilder(binary.toString(), "--config.file=alertmanager.yml",
                "--storage.path=" + temp.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=").directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(temp.resolve("alertmanager.log").toFile()).start();
        awaitReady();
    }

    @AfterEach
    void stop() throws Exception {
        if (alertmanager != null) {
            alertmanager.destroy();
            alertmanager.waitFor();
        }
        if (slack != null) {
            slack.close();
        }
    }

    @Test
    void aCriticalAlertReachesSlackWithItsLinks() throws Exception {
        post(alert("ServiceDown", "telemetry-collector", "critical", "127.0.0.1:8083",
                "telemetry-collector is down (127.0.0.1:8083)",
                "Prometheus could not scrape telemetry-collector at 127.0.0.1:8083 for 1 minute (up = 0)."));

        String message = slack.awaitPost(p -> p.contains("ServiceDown"), Duration.ofSeconds(90));
        JsonNode attachment = JSON.readTree(message).path("attachments").path(0);
        assertThat(attachment.path("title").asText()).isEqualTo("[FIRING:1] ServiceDown · telemetry-collector (critical)");
        assertThat(attachment.path("color").asText()).isEqualTo("danger");
        assertThat(attachment.path("pretext").asText()).contains("<!channel>");
        assertThat(attachment.path("title_link").asText()).startsWith("http").endsWith("/d/movierec-platform");
        assertThat(attachment.path("text").asText())
                .contains("*telemetry-collector is down (127.0.0.1:8083)*")
                .contains("(up = 0)")
                .contains("<" + OpsFiles.RUNBOOK_BASE + "servicedown|Runbook>")
                .contains(attachment.path("title_link").asText() + "|Dashboard>");
    }

    @Test
    void serviceDownSilencesTheOtherAlertsOfItsServiceOnly() throws Exception {
        post(alert("ServiceDown", "ab-router", "critical", "127.0.0.1:8082", "ab-router is down", "up = 0"));
        post(alert("ErrorRatioHigh", "ab-router", "critical", null, "ab-router answers 5xx", "9.091%"));
        post(alert("ErrorRatioHigh", "inference-service", "critical", null, "inference-service answers 5xx", "7%"));

        assertThat(state("ErrorRatioHigh", "ab-router")).isEqualTo("suppressed");
        assertThat(state("ErrorRatioHigh", "inference-service")).isEqualTo("active");
        assertThat(state("ServiceDown", "ab-router")).isEqualTo("active");
    }

    private static Map<String, Object> alert(String name, String service, String severity, String instance,
            String summary, String description) {
        Map<String, String> labels = new java.util.LinkedHashMap<>(Map.of("alertname", name, "service", service,
                "severity", severity, "job", service));
        if (instance != null) {
            labels.put("instance", instance);
        }
        return Map.of("labels", labels,
                "annotations", Map.of("summary", summary, "description", description,
                        "runbook_url", OpsFiles.RUNBOOK_BASE + name.toLowerCase(java.util.Locale.ROOT),
                        "dashboard", "/d/movierec-platform"),
                "startsAt", Instant.now().toString());
    }

    private void post(Map<String, Object> alert) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v2/alerts"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(List.of(alert)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** The state Alertmanager's API reports for the alert (active, suppressed, unprocessed). */
    private String state(String name, String service) throws Exception {
        String filter = URLEncoder.encode("alertname=\"" + name + "\"", StandardCharsets.UTF_8) + "&filter="
                + URLEncoder.encode("service=\"" + service + "\"", StandardCharsets.UTF_8);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v2/alerts?filter="
                + filter)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode alerts = JSON.readTree(response.body());
        assertThat(alerts.size()).as(response.body()).isEqualTo(1);
        return alerts.get(0).path("status").path("state").asText();
    }

    /** Waits for the HTTP API (a start-up wait, not a timing assertion: a slow machine only waits longer). */
    private void awaitReady() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            if (!alertmanager.isAlive()) {
                fail("Alertmanager exited with " + alertmanager.exitValue() + ":\n"
                        + Files.readString(temp.resolve("alertmanager.log")));
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/-/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        fail("Alertmanager did not become ready:\n" + Files.readString(temp.resolve("alertmanager.log")));
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
