package org.movierec.ops.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Holds every alerting rule in prometheus/rules/ to the contract the dashboards, Alertmanager and on-call rely
 * on: labels severity and service, annotations summary, description with the current value, runbook_url to an
 * existing {@code ### <AlertName>} section of docs/OPERATIONS.md, and dashboard; and a promtool unit test that
 * fires it (expecting its runbook_url) and one that expects it silent.
 */
class AlertRulesContractTest {

    private static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");
    private static final String SERVICE_FROM_JOB = "{{ $labels.job }}";

    @Test
    void everyAlertCarriesTheLabelsAndAnnotationsOfTheContract() throws IOException {
        Map<String, Map<String, Object>> alerts = alerts();
        assertThat(alerts).containsKeys("ServiceDown", "ErrorRatioHigh", "RecommendLatencyHigh", "RouterFallbacksHigh",
                "ProductionModelMissing", "ModelStale", "ModelReloadsFailing", "CollectorLagGrowing",
                "CollectorIngestStalled", "DeadLettersSpike", "OnlineRmseDegraded", "RetrainFailed", "RetrainOverdue",
                "CanaryAborted", "ServedEventsDropped", "JvmMemoryNearLimit");
        SoftAssertions softly = new SoftAssertions();
        alerts.forEach((name, rule) -> {
            Map<String, Object> labels = map(rule.get("labels"));
            Map<String, Object> annotations = map(rule.get("annotations"));
            softly.assertThat(labels.get("severity")).as("%s severity", name).isIn(SEVERITIES.toArray());
            Object service = labels.get("service");
            softly.assertThat(OpsFiles.JOBS.contains(service) || "platform".equals(service) || SERVICE_FROM_JOB.equals(service))
                    .as("%s service label %s is a job name, platform or the job itself", name, service).isTrue();
            if (SERVICE_FROM_JOB.equals(service)) {
                softly.assertThat((String) rule.get("expr")).as("%s takes service from job: its expr must keep job", name)
                        .containsAnyOf("job", "up{");
            }
            softly.assertThat(annotations).as("%s annotations", name)
                    .containsOnlyKeys("summary", "description", "runbook_url", "dashboard");
            softly.assertThat((String) annotations.get("description")).as("%s description shows the value", name)
                    .contains("{{ $value");
            softly.assertThat(annotations.get("runbook_url")).as("%s runbook_url", name)
                    .isEqualTo(OpsFiles.RUNBOOK_BASE + name.toLowerCase(Locale.ROOT));
            softly.assertThat(annotations.get("dashboard")).as("%s dashboard", name).isIn(OpsFiles.DASHBOARDS.toArray());
        });
        softly.assertAll();
    }

    @Test
    void serviceDownIsTheContractsOne() throws IOException {
        Map<String, Object> rule = alerts().get("ServiceDown");
        assertThat((String) rule.get("expr")).startsWith("up{").endsWith("== 0");
        assertThat(map(rule.get("labels"))).containsEntry("severity", "critical").containsEntry("service", SERVICE_FROM_JOB);
        for (String job : OpsFiles.JOBS) {
            assertThat((String) rule.get("expr")).contains(job);
        }
    }

    /** Each runbook_url anchor is the GitHub anchor of a "### AlertName" heading in the Alerts section. */
    @Test
    void everyAlertHasItsRunbookSection() throws IOException {
        String operations = Files.readString(OpsFiles.root().resolve("docs/OPERATIONS.md"));
        int start = operations.indexOf("\n## Alerts\n");
        assertThat(start).as("docs/OPERATIONS.md has a section '## Alerts'").isNotNegative();
        int end = operations.indexOf("\n## ", start + 1);
        String section = end < 0 ? operations.substring(start) : operations.substring(start, end);
        Set<String> anchors = new HashSet<>();
        Matcher heading = Pattern.compile("(?m)^### (.+)$").matcher(section);
        while (heading.find()) {
            anchors.add(githubAnchor(heading.group(1)));
        }
        for (Map.Entry<String, Map<String, Object>> alert : alerts().entrySet()) {
            String url = (String) map(alert.getValue().get("annotations")).get("runbook_url");
            assertThat(anchors).as("a '### %s' heading in the Alerts section of docs/OPERATIONS.md", alert.getKey())
                    .contains(url.substring(url.indexOf('#') + 1));
        }
    }

    /**
     * Each alert has a promtool test case that expects it firing, with the labels and annotations spelled out
     * (the runbook_url among them), and one that expects it silent.
     */
    @Test
    void everyAlertIsFiredAndSilencedByAUnitTest() throws IOException {
        Map<String, List<Map<String, Object>>> fired = new LinkedHashMap<>();
        Set<String> silenced = new HashSet<>();
        Set<String> ruleFilesUsed = new HashSet<>();
        for (Path file : OpsFiles.yamlFiles(OpsFiles.prometheus().resolve("tests"))) {
            Map<String, Object> tests = OpsFiles.yaml(file);
            for (Object ruleFile : list(tests.get("rule_files"))) {
                ruleFilesUsed.add(file.getParent().resolve((String) ruleFile).normalize().getFileName().toString());
            }
            for (Object test : list(tests.get("tests"))) {
                for (Object caseObject : list(map(test).get("alert_rule_test"))) {
                    Map<String, Object> c = map(caseObject);
                    List<Object> expected = list(c.get("exp_alerts"));
                    String name = (String) c.get("alertname");
                    if (expected.isEmpty()) {
                        silenced.add(name);
                    } else {
                        expected.forEach(e -> fired.computeIfAbsent(name, n -> new ArrayList<>()).add(map(e)));
                    }
                }
            }
        }
        assertThat(ruleFilesUsed).as("the tests load every rule file")
                .containsAll(OpsFiles.yamlFiles(OpsFiles.prometheus().resolve("rules")).stream()
                        .map(p -> p.getFileName().toString()).toList());
        SoftAssertions softly = new SoftAssertions();
        alerts().forEach((name, rule) -> {
            softly.assertThat(fired).as("a test that fires %s", name).containsKey(name);
            softly.assertThat(silenced).as("a test that expects %s silent", name).contains(name);
            for (Map<String, Object> expected : fired.getOrDefault(name, List.of())) {
                Map<String, Object> labels = map(expected.get("exp_labels"));
                Map<String, Object> annotations = map(expected.get("exp_annotations"));
                softly.assertThat(labels).as("%s expected labels", name).containsKeys("severity", "service")
                        .containsEntry("severity", map(rule.get("labels")).get("severity"));
                softly.assertThat(annotations).as("%s expected annotations", name)
                        .containsOnlyKeys("summary", "description", "runbook_url", "dashboard")
                        .containsEntry("runbook_url", map(rule.get("annotations")).get("runbook_url"));
            }
        });
        softly.assertAll();
    }

    /** The alerting rules of prometheus/rules/*.yml by alert name (names are unique across files). */
    static Map<String, Map<String, Object>> alerts() throws IOException {
        Map<String, Map<String, Object>> alerts = new LinkedHashMap<>();
        for (Path file : OpsFiles.yamlFiles(OpsFiles.prometheus().resolve("rules"))) {
            for (Object group : list(OpsFiles.yaml(file).get("groups"))) {
                for (Object ruleObject : list(map(group).get("rules"))) {
                    Map<String, Object> rule = map(ruleObject);
                    String name = (String) rule.get("alert");
                    if (name != null) {
                        assertThat(alerts.put(name, rule)).as("alert %s defined once", name).isNull();
                    }
                }
            }
        }
        return alerts;
    }

    /** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
    static String githubAnchor(String heading) {
        return heading.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o == null ? Map.of() : (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return o == null ? List.of() : (List<Object>) o;
    }
}
