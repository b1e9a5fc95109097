package org.movierec.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * Every PromQL expression of the repository's Prometheus rules ({@code prometheus/rules/*.yml}: alerting and recording
 * rules) and Grafana dashboards ({@code grafana/dashboards/*.json}: every {@code expr} of a panel target, and the
 * Prometheus template variables' queries), with where each comes from, so a test can check that each metric they
 * use is exported by a running service.
 */
final class MonitoredExpressions {

    /** One PromQL expression and where it is written ({@code rules/x.yml: alert ServiceDown}). */
    record Expression(String source, String promql) {
    }

    private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\s*\\(\\s*(.*),\\s*[A-Za-z_]\\w*\\s*\\)\\s*$",
            Pattern.DOTALL);
    private static final Pattern QUERY_RESULT = Pattern.compile("^\\s*query_result\\s*\\((.*)\\)\\s*$", Pattern.DOTALL);
    private static final Pattern NO_METRIC = Pattern.compile("^\\s*(label_names|metrics|label_values)\\s*\\(.*", Pattern.DOTALL);

    private final List<Expression> expressions = new ArrayList<>();
    private final Set<String> recorded = new LinkedHashSet<>();

    private MonitoredExpressions() {
    }

    /**
     * Reads the rule files and dashboards.
     *
     * @throws IllegalStateException when a folder is missing or empty (nothing checked is a failure, not a pass)
     */
    static MonitoredExpressions read(Path rulesDir, Path dashboardsDir) {
        MonitoredExpressions all = new MonitoredExpressions();
        for (Path file : files(rulesDir, ".yml")) {
            all.readRules(file);
        }
        for (Path file : files(dashboardsDir, ".json")) {
            all.readDashboard(file);
        }
        return all;
    }

    List<Expression> expressions() {
        return List.copyOf(expressions);
    }

    /** The names the rules record ({@code job:...}): defined by an expression that is itself checked. */
    Set<String> recordedNames() {
        return Set.copyOf(recorded);
    }

    /**
     * The metric names used but neither exported, nor recorded by a rule, nor added by Prometheus, with where each
     * is used; empty when everything exists.
     */
    Map<String, List<String>> missing(Set<String> exported) {
        Map<String, List<String>> missing = new TreeMap<>();
        for (Expression e : expressions) {
            for (String name : PromqlMetricNames.of(e.promql())) {
                if (!exported.contains(name) && !recorded.contains(name) && !ExportedMetrics.FROM_PROMETHEUS.contains(name)) {
                    missing.computeIfAbsent(name, n -> new ArrayList<>()).add(e.source());
                }
            }
        }
        return missing;
    }

    @SuppressWarnings("unchecked")
    private void readRules(Path file) {
        Object doc = new Yaml().load(read(file));
        if (!(doc instanceof Map<?, ?> map) || !(map.get("groups") instanceof List<?> groups)) {
            throw new IllegalStateException(file + " is not a Prometheus rule file (no groups)");
        }
        for (Object g : groups) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) ((Map<String, Object>) g).getOrDefault("rules", List.of())) {
                String name = rule.containsKey("alert") ? "alert " + rule.get("alert") : "record " + rule.get("record");
                if (rule.containsKey("record")) {
                    recorded.add(String.valueOf(rule.get("record")));
                }
                expressions.add(new Expression(file.getFileName() + ": " + name, String.valueOf(rule.get("expr"))));
            }
        }
    }

    private void readDashboard(Path file) {
        Map<String, Object> dashboard = JsonValues.object(read(file));
        walkTargets(dashboard, file.getFileName() + ": ", "");
        if (dashboard.get("templating") instanceof Map<?, ?> templating && templating.get("list") instanceof List<?> list) {
            for (Object v : list) {
                if (v instanceof Map<?, ?> variable && "query".equals(variable.get("type")) && prometheus(variable.get("datasource"))) {
                    Object query = variable.get("query");
                    if (query instanceof Map<?, ?> q) {
                        query = q.get("query");
                    }
                    variableQuery(file.getFileName() + ": variable " + variable.get("name"), String.valueOf(query));
                }
            }
        }
    }

    private void variableQuery(String source, String query) {
        Matcher labelValues = LABEL_VALUES.matcher(query);
        Matcher queryResult = QUERY_RESULT.matcher(query);
        if (labelValues.matches()) {
            expressions.add(new Expression(source, labelValues.group(1)));
        } else if (queryResult.matches()) {
            expressions.add(new Expression(source, queryResult.group(1)));
        } else if (!NO_METRIC.matcher(query).matches()) {
            expressions.add(new Expression(source, query));
        }
    }

    /** Every {@code "expr"} string under the dashboard (panels, rows' nested panels, library panels inlined). */
    private void walkTargets(Object node, String file, String panel) {
        if (node instanceof Map<?, ?> map) {
            String title = map.get("title") instanceof String t && map.containsKey("type") ? t : panel;
            if (map.get("expr") instanceof String expr && !expr.isBlank()) {
                expressions.add(new Expression(file + "panel \"" + title + "\"", expr));
            }
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!"templating".equals(e.getKey())) {
                    walkTargets(e.getValue(), file, title);
                }
            }
        } else if (node instanceof List<?> list) {
            list.forEach(item -> walkTargets(item, file, panel));
        }
    }

    private static boolean prometheus(Object datasource) {
        if (datasource instanceof Map<?, ?> ds) {
            return "prometheus".equals(ds.get("type")) || "movierec-prometheus".equals(ds.get("uid"));
        }
        return datasource == null || String.valueOf(datasource).toLowerCase(java.util.Locale.ROOT).contains("prometheus");
    }

    private static List<Path> files(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(dir + " does not exist");
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found = files.filter(f -> f.toString().endsWith(suffix)).sorted().toList();
            if (found.isEmpty()) {
                throw new IllegalStateException("no *" + suffix + " in " + dir);
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
