package org.movierec.ops.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;
import org.movierec.ops.Repository;

/**
 * The files of {@code grafana/} as the tests read them: dashboards (with their panels, nested rows included, and
 * their queries), provisioning YAML, and the SQL of the provisioned alert rules.
 */
final class GrafanaFiles {

    static final ObjectMapper JSON = new ObjectMapper();

    /** The dashboard uids the other parts of the platform link to (alerts, docs, console). */
    static final List<String> CONTRACT_UIDS = List.of("movierec-platform", "movierec-model-quality",
            "movierec-experiments", "movierec-data-pipeline");

    static final String PROMETHEUS_UID = "movierec-prometheus";
    static final String POSTGRES_UID = "movierec-postgres";

    /** A dashboard file and its JSON. */
    record Dashboard(Path file, JsonNode json) {
        String uid() {
            return json.path("uid").asText();
        }

        /** Every panel, the panels of collapsed rows included, rows themselves excluded. */
        List<JsonNode> panels() {
            List<JsonNode> out = new ArrayList<>();
            for (JsonNode p : json.path("panels")) {
                if ("row".equals(p.path("type").asText())) {
                    p.path("panels").forEach(out::add);
                } else {
                    out.add(p);
                }
            }
            return out;
        }

        List<JsonNode> variables() {
            List<JsonNode> out = new ArrayList<>();
            json.path("templating").path("list").forEach(out::add);
            return out;
        }
    }

    /**
     * One query of a panel (or a variable, or an alert rule) with the datasource it goes to.
     *
     * @param panel the panel it belongs to, or an empty node (variables, alert rules)
     */
    record Query(String where, String datasourceUid, JsonNode target, JsonNode panel) {
        boolean isSql() {
            return POSTGRES_UID.equals(datasourceUid);
        }

        boolean isPromql() {
            return PROMETHEUS_UID.equals(datasourceUid);
        }

        /** A dashboard variable's query (for Prometheus in Grafana's own syntax, e.g. {@code label_values(up, job)}). */
        boolean isVariable() {
            return where.contains(" / variable ");
        }

        String sql() {
            return target.path("rawSql").asText();
        }

        String expr() {
            return target.path("expr").asText();
        }

        /** {@code time_series} or {@code table}. */
        String format() {
            return target.path("format").asText("time_series");
        }
    }

    private final Path root;

    GrafanaFiles(Path root) {
        this.root = root;
    }

    static GrafanaFiles inRepository() {
        return new GrafanaFiles(Repository.root().resolve("grafana"));
    }

    Path root() {
        return root;
    }

    List<Path> dashboardFiles() {
        try (Stream<Path> s = Files.list(root.resolve("dashboards"))) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Dashboard> dashboards() {
        List<Dashboard> out = new ArrayList<>();
        for (Path f : dashboardFiles()) {
            try {
                out.add(new Dashboard(f, JSON.readTree(f.toFile())));
            } catch (IOException e) {
                throw new UncheckedIOException(f + " does not parse", e);
            }
        }
        return out;
    }

    /** Every YAML file under {@code provisioning/<kind>}, parsed. */
    List<Map<String, Object>> provisioning(String kind) {
        try (Stream<Path> s = Files.list(root.resolve("provisioning").resolve(kind))) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Path f : s.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).sorted().toList()) {
                out.add(new Yaml().load(Files.readString(f)));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every panel query and every query variable of every dashboard. */
    List<Query> dashboardQueries() {
        List<Query> out = new ArrayList<>();
        for (Dashboard d : dashboards()) {
            for (JsonNode p : d.panels()) {
                String panelDs = p.path("datasource").path("uid").asText(null);
                for (JsonNode t : p.path("targets")) {
                    String ds = t.path("datasource").path("uid").asText(panelDs);
                    out.add(new Query(d.uid() + " / " + p.path("title").asText() + " / " + t.path("refId").asText(),
                            ds, t, p));
                }
            }
            for (JsonNode v : d.variables()) {
                if ("query".equals(v.path("type").asText())) {
                    JsonNode q = v.path("query");
                    String ds = v.path("datasource").path("uid").asText(null);
                    JsonNode target = JSON.createObjectNode()
                            .put(POSTGRES_UID.equals(ds) ? "rawSql" : "expr",
                                    q.isTextual() ? q.asText() : q.path("query").asText())
                            .put("format", "table");
                    out.add(new Query(d.uid() + " / variable " + v.path("name").asText(), ds, target,
                            JSON.createObjectNode()));
                }
            }
        }
        return out;
    }

    /** The queries of the provisioned Grafana alert rules ({@code provisioning/alerting}), expressions excluded. */
    @SuppressWarnings("unchecked")
    List<Query> alertQueries() {
        List<Query> out = new ArrayList<>();
        for (Map<String, Object> file : provisioning("alerting")) {
            for (Map<String, Object> group : (List<Map<String, Object>>) file.getOrDefault("groups", List.of())) {
                for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                    for (Map<String, Object> data : (List<Map<String, Object>>) rule.get("data")) {
                        String ds = String.valueOf(data.get("datasourceUid"));
                        if (!"__expr__".equals(ds)) {
                            out.add(new Query("alert " + rule.get("title") + " / " + data.get("refId"), ds,
                                    JSON.valueToTree(data.get("model")), JSON.createObjectNode()));
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The datasource uids the provisioning files declare. */
    @SuppressWarnings("unchecked")
    List<String> provisionedDatasourceUids() {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> file : provisioning("datasources")) {
            for (Map<String, Object> ds : (List<Map<String, Object>>) file.get("datasources")) {
                out.add(String.valueOf(ds.get("uid")));
            }
        }
        return out;
    }
}
