package org.movierec.ops.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.movierec.ops.grafana.GrafanaFiles.Dashboard;
import org.movierec.ops.grafana.GrafanaFiles.Query;
import org.movierec.ops.Repository;

/**
 * The structure of {@code grafana/}: dashboards parse and carry the contract uids, every panel says what it shows
 * and what "bad" looks like and queries only provisioned datasources; the provisioning files parse, take every
 * secret from the environment and point where the dashboards are mounted; every Grafana alert rule has its
 * labels, annotations and a runbook section in docs/OPERATIONS.md.
 */
class GrafanaProvisioningTest {

    /** Where the dashboard provider reads the JSON files (grafana/dashboards is mounted there). */
    static final String DASHBOARDS_MOUNT = "/var/lib/grafana/dashboards/movierec";

    private final GrafanaFiles files = GrafanaFiles.inRepository();

    @Test
    void dashboardsParseAndCarryTheContractUidsOnce() {
        List<Dashboard> dashboards = files.dashboards();
        List<String> uids = dashboards.stream().map(Dashboard::uid).toList();
        assertThat(uids).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(GrafanaFiles.CONTRACT_UIDS);
        for (Dashboard d : dashboards) {
            assertThat(d.json().path("title").asText()).as(d.file().toString()).isNotBlank();
            assertThat(d.json().path("schemaVersion").asInt()).as(d.file().toString()).isGreaterThanOrEqualTo(39);
            assertThat(d.json().has("id")).as("%s: no database id in a provisioned file", d.file()).isFalse();
        }
    }

    @Test
    void everyPanelHasATitleAOneLineDescriptionAndQueries() {
        for (Dashboard d : files.dashboards()) {
            Set<Integer> ids = new HashSet<>();
            for (JsonNode p : d.panels()) {
                String where = d.uid() + " / panel " + p.path("id").asInt() + " " + p.path("title").asText();
                assertThat(ids.add(p.path("id").asInt())).as("%s: panel ids unique", where).isTrue();
                assertThat(p.path("title").asText()).as(where).isNotBlank();
                String description = p.path("description").asText();
                assertThat(description).as("%s: description", where).isNotBlank().doesNotContain("\n");
                assertThat(description.toLowerCase(Locale.ROOT)).as("%s: says what bad looks like", where).contains("bad");
                assertThat(p.path("targets").size()).as("%s: queries", where).isPositive();
                Set<String> refIds = new HashSet<>();
                p.path("targets").forEach(t -> assertThat(refIds.add(t.path("refId").asText())).as(where).isTrue());
                JsonNode grid = p.path("gridPos");
                assertThat(grid.path("x").asInt() + grid.path("w").asInt()).as("%s: fits 24 columns", where)
                        .isLessThanOrEqualTo(24);
            }
        }
    }

    @Test
    void everyPanelTargetAndVariableUsesAProvisionedDatasource() {
        List<String> provisioned = files.provisionedDatasourceUids();
        assertThat(provisioned).containsExactlyInAnyOrder(GrafanaFiles.PROMETHEUS_UID, GrafanaFiles.POSTGRES_UID);
        for (Dashboard d : files.dashboards()) {
            for (JsonNode p : d.panels()) {
                assertThat(p.path("datasource").path("uid").asText())
                        .as("%s / %s: panel datasource", d.uid(), p.path("title").asText()).isIn(provisioned);
            }
        }
        List<Query> queries = files.dashboardQueries();
        assertThat(queries).allSatisfy(q -> assertThat(q.datasourceUid()).as(q.where()).isIn(provisioned));
        assertThat(queries).allSatisfy(q -> assertThat(q.isSql() ? q.sql() : q.expr()).as(q.where()).isNotBlank());
    }

    @Test
    @SuppressWarnings("unchecked")
    void datasourcesTakeAddressesAndSecretsFromTheEnvironment() {
        List<Map<String, Object>> datasources = new ArrayList<>();
        files.provisioning("datasources").forEach(f -> datasources.addAll((List<Map<String, Object>>) f.get("datasources")));
        for (Map<String, Object> ds : datasources) {
            assertThat(String.valueOf(ds.get("url"))).as("%s url", ds.get("uid")).startsWith("$__env{");
        }
        Map<String, Object> postgres = datasources.stream()
                .filter(ds -> GrafanaFiles.POSTGRES_UID.equals(ds.get("uid"))).findFirst().orElseThrow();
        Map<String, Object> json = (Map<String, Object>) postgres.get("jsonData");
        assertThat(json.get("timescaledb")).isEqualTo(true);
        assertThat(String.valueOf(json.get("database"))).startsWith("$__env{");
        assertThat(String.valueOf(postgres.get("user"))).startsWith("$__env{");
        assertThat(postgres).doesNotContainKey("password");
        assertThat(String.valueOf(((Map<String, Object>) postgres.get("secureJsonData")).get("password")))
                .isEqualTo("$__env{TELEMETRY_DB_PASSWORD}");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDashboardProviderReadsWhereTheDashboardsAreMounted() throws IOException {
        List<Map<String, Object>> providers = new ArrayList<>();
        files.provisioning("dashboards").forEach(f -> providers.addAll((List<Map<String, Object>>) f.get("providers")));
        assertThat(providers).hasSize(1);
        Map<String, Object> provider = providers.get(0);
        assertThat(provider.get("type")).isEqualTo("file");
        assertThat(((Map<String, Object>) provider.get("options")).get("path")).isEqualTo(DASHBOARDS_MOUNT);
        assertThat(files.dashboardFiles()).hasSize(GrafanaFiles.CONTRACT_UIDS.size());
        try (Stream<Path> s = Files.list(files.root().resolve("provisioning/dashboards"))) {
            String text = Files.readString(s.findFirst().orElseThrow());
            assertThat(text).as("the provider file documents the mount").contains("grafana/dashboards    ->  " + DASHBOARDS_MOUNT);
        }
    }

    @Test
    void noSecretIsCommittedUnderGrafana() throws IOException {
        try (Stream<Path> s = Files.walk(files.root())) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(f);
                assertThat(text).as(f.toString()).doesNotContain("hooks.slack.com").doesNotContainPattern("password:\\s*[^$\\s]");
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void slackContactPointAndPolicyAreWired() {
        List<String> receivers = new ArrayList<>();
        for (Map<String, Object> f : files.provisioning("alerting")) {
            for (Map<String, Object> cp : (List<Map<String, Object>>) f.getOrDefault("contactPoints", List.of())) {
                receivers.add(String.valueOf(cp.get("name")));
                for (Map<String, Object> r : (List<Map<String, Object>>) cp.get("receivers")) {
                    assertThat(r.get("type")).isEqualTo("slack");
                    assertThat(((Map<String, Object>) r.get("settings")).get("url")).isEqualTo("${SLACK_WEBHOOK_URL}");
                }
            }
        }
        assertThat(receivers).containsExactly("movierec-slack");
        List<Map<String, Object>> policies = new ArrayList<>();
        files.provisioning("alerting").forEach(f -> policies.addAll(
                (List<Map<String, Object>>) f.getOrDefault("policies", List.of())));
        assertThat(policies).hasSize(1);
        assertThat(policies.get(0).get("receiver")).isIn(receivers);
        for (Map<String, Object> route : (List<Map<String, Object>>) policies.get(0).getOrDefault("routes", List.of())) {
            assertThat(route.get("receiver")).isIn(receivers);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyGrafanaAlertRuleHasItsLabelsAnnotationsAndRunbook() throws IOException {
        String operations = Files.readString(Repository.root().resolve("docs/OPERATIONS.md"));
        List<String> provisioned = files.provisionedDatasourceUids();
        int rules = 0;
        for (Map<String, Object> f : files.provisioning("alerting")) {
            for (Map<String, Object> group : (List<Map<String, Object>>) f.getOrDefault("groups", List.of())) {
                for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                    rules++;
                    String title = String.valueOf(rule.get("title"));
                    Map<String, Object> labels = (Map<String, Object>) rule.get("labels");
                    assertThat(labels.get("severity")).as(title).isIn("critical", "warning", "info");
                    assertThat(labels.get("service")).as(title).isIn("inference-service", "telemetry-collector",
                            "retrain-service", "ab-router", "simulator", "platform");
                    Map<String, Object> annotations = (Map<String, Object>) rule.get("annotations");
                    assertThat(annotations).as(title).containsKeys("summary", "description", "runbook_url", "dashboard");
                    assertThat(annotations.get("runbook_url")).as(title).isEqualTo(
                            "https://github.com/movierec/movierec/blob/main/docs/OPERATIONS.md#" + title.toLowerCase(Locale.ROOT));
                    assertThat(operations).as("docs/OPERATIONS.md has a section for %s", title).contains("\n### " + title + "\n");
                    assertThat(String.valueOf(annotations.get("dashboard"))).as(title)
                            .isIn(GrafanaFiles.CONTRACT_UIDS.stream().map(u -> "/d/" + u).toList());
                    List<Map<String, Object>> data = (List<Map<String, Object>>) rule.get("data");
                    List<String> refIds = data.stream().map(d -> String.valueOf(d.get("refId"))).toList();
                    assertThat(refIds).as(title).contains(String.valueOf(rule.get("condition")));
                    for (Map<String, Object> d : data) {
                        assertThat(String.valueOf(d.get("datasourceUid"))).as(title)
                                .isIn(Stream.concat(provisioned.stream(), Stream.of("__expr__")).toList());
                    }
                }
            }
        }
        assertThat(rules).isEqualTo(2);
    }
}
