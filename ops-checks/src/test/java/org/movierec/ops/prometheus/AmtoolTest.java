package org.movierec.ops.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * amtool (Debian package prometheus-alertmanager) checks alertmanager/alertmanager.yml, resolves its routing
 * tree for each severity, and renders the Slack messages of every receiver from the project's templates.
 */
class AmtoolTest {

    private static final String RUNBOOK = OpsFiles.RUNBOOK_BASE + "servicedown";

    private final Path amtool = OpsFiles.tool("amtool", "prometheus-alertmanager");

    @TempDir
    Path temp;

    @Test
    void configIsValid() throws Exception {
        OpsFiles.Result result = run(List.of("check-config", "alertmanager.yml"));
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS").contains("1 templates").doesNotContain("FAILED");
    }

    @Test
    void routesBySeverity() throws Exception {
        assertThat(receiverFor("severity=critical", "service=ab-router", "alertname=ServiceDown")).isEqualTo("slack-critical");
        assertThat(receiverFor("severity=warning", "service=inference-service", "alertname=ModelStale")).isEqualTo("slack-warning");
        assertThat(receiverFor("severity=info", "service=ab-router", "alertname=CanaryAborted")).isEqualTo("slack-info");
        // an alert without a severity still reaches someone
        assertThat(receiverFor("service=simulator", "alertname=SomethingNew")).isEqualTo("slack-warning");
    }

    @Test
    void firingMessageCarriesSummaryValueRunbookAndDashboard() throws Exception {
        Path data = data("firing");
        String grafana = render("{{ template \"movierec.grafana.url\" }}", data);
        assertThat(grafana).startsWith("http").doesNotEndWith("/");

        assertThat(render("{{ template \"movierec.slack.title\" . }}", data))
                .isEqualTo("[FIRING:1] ServiceDown · simulator (critical)");
        assertThat(render("{{ template \"movierec.slack.titlelink\" . }}", data)).isEqualTo(grafana + "/d/movierec-platform");
        assertThat(render("{{ template \"movierec.slack.color\" . }}", data)).isEqualTo("danger");
        assertThat(render("{{ template \"movierec.slack.text\" . }}", data))
                .contains("*simulator is down (127.0.0.1:8085)*")
                .contains("(up = 0)")
                .contains("<" + RUNBOOK + "|Runbook>")
                .contains("<" + grafana + "/d/movierec-platform|Dashboard>");
    }

    @Test
    void resolvedMessageSaysSo() throws Exception {
        Path data = data("resolved");
        assertThat(render("{{ template \"movierec.slack.title\" . }}", data)).isEqualTo("[RESOLVED] ServiceDown · simulator (critical)");
        assertThat(render("{{ template \"movierec.slack.color\" . }}", data)).isEqualTo("good");
        assertThat(render("{{ template \"movierec.slack.text\" . }}", data))
                .contains("*Resolved: simulator is down (127.0.0.1:8085)*").contains("<" + RUNBOOK + "|Runbook>");
    }

    /** Every Slack field of every receiver renders with the project's templates (no undefined template). */
    @Test
    @SuppressWarnings("unchecked")
    void everyReceiverRendersWithTheTemplates() throws Exception {
        Map<String, Object> config = OpsFiles.yaml(OpsFiles.alertmanager().resolve("alertmanager.yml"));
        List<Map<String, Object>> receivers = (List<Map<String, Object>>) config.get("receivers");
        assertThat(receivers).extracting(r -> r.get("name")).containsExactlyInAnyOrder("slack-critical", "slack-warning", "slack-info");
        Path data = data("firing");
        for (Map<String, Object> receiver : receivers) {
            List<Map<String, Object>> slack = (List<Map<String, Object>>) receiver.get("slack_configs");
            assertThat(slack).as("receiver %s", receiver.get("name")).hasSize(1);
            Map<String, Object> fields = slack.get(0);
            assertThat(fields.get("send_resolved")).as("receiver %s", receiver.get("name")).isEqualTo(true);
            assertThat(fields).as("the webhook comes from the global slack_api_url_file only")
                    .doesNotContainKeys("api_url", "api_url_file");
            for (String field : List.of("title", "title_link", "text", "color", "fallback")) {
                assertThat(render((String) fields.get(field), data)).as("%s of %s", field, receiver.get("name")).isNotBlank();
            }
        }
        assertThat((Map<String, Object>) config.get("global")).containsEntry("slack_api_url_file", "secrets/slack-webhook-url");
    }

    private String receiverFor(String... labels) throws Exception {
        List<String> command = new ArrayList<>(List.of("config", "routes", "test", "--config.file=alertmanager.yml"));
        command.addAll(List.of(labels));
        OpsFiles.Result result = run(command);
        assertThat(result.exitCode()).as(result.output()).isZero();
        return result.output().lines().filter(l -> !l.startsWith("Warning:")).findFirst().orElse("").trim();
    }

    private String render(String text, Path data) throws Exception {
        OpsFiles.Result result = run(List.of("template", "render", "--template.glob=templates/*.tmpl",
                "--template.text=" + text, "--template.data=" + data));
        assertThat(result.exitCode()).as(result.output()).isZero();
        return result.output().lines().filter(l -> !l.startsWith("Warning:")).reduce((a, b) -> a + "\n" + b).orElse("").strip();
    }

    private OpsFiles.Result run(List<String> arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(amtool.toString()));
        command.addAll(arguments);
        return OpsFiles.run(OpsFiles.alertmanager(), command);
    }

    /** Notification data as Alertmanager hands it to the templates: one ServiceDown alert of the simulator. */
    private Path data(String status) throws Exception {
        Map<String, String> labels = Map.of("alertname", "ServiceDown", "service", "simulator", "severity", "critical",
                "job", "simulator", "instance", "127.0.0.1:8085");
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("status", status);
        alert.put("labels", labels);
        alert.put("annotations", Map.of("summary", "simulator is down (127.0.0.1:8085)",
                "description", "Prometheus could not scrape simulator at 127.0.0.1:8085 for 1 minute (up = 0).",
                "runbook_url", RUNBOOK, "dashboard", "/d/movierec-platform"));
        alert.put("startsAt", "2026-11-30T15:00:00Z");
        alert.put("endsAt", status.equals("resolved") ? "2026-11-30T15:07:00Z" : "0001-01-01T00:00:00Z");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("receiver", "slack-critical");
        data.put("status", status);
        data.put("alerts", List.of(alert));
        data.put("groupLabels", Map.of("alertname", "ServiceDown", "service", "simulator"));
        data.put("commonLabels", Map.of("alertname", "ServiceDown", "service", "simulator", "severity", "critical"));
        data.put("commonAnnotations", Map.of());
        data.put("externalURL", "http://127.0.0.1:9093");
        Path file = temp.resolve(status + ".json");
        Files.writeString(file, new ObjectMapper().writeValueAsString(data));
        return file;
    }
}
