package org.movierec.ops.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.ops.grafana.GrafanaFiles.Query;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Every PromQL expression of the dashboard panels (Grafana's variables replaced by values; variable queries such
 * as {@code label_values(up, job)} are Grafana's syntax, not PromQL) parses: promtool 2.42 has no
 * expression parser command, so each becomes a recording rule of a generated rule file that
 * {@code promtool check rules} parses. The metric names they read are written to
 * {@code target/grafana-metric-names.txt}, for the end-to-end check that a running stack exports each of them.
 */
class GrafanaPromqlTest {

    /** Values of Grafana's built-in and the dashboards' variables in PromQL. */
    static final Map<String, String> VARIABLES = Map.of(
            "$__rate_interval", "1m",
            "$__interval", "1m",
            "$__range", "1h",
            "$job", ".+",
            "$experiment", "exp-1");

    private static final Pattern LABEL_MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern GROUPING = Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
    private static final Pattern STRINGS = Pattern.compile("\"[^\"]*\"");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*+(?!\\s*\\()");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without",
            "on", "ignoring", "group_left", "group_right", "inf", "nan");

    @TempDir
    Path temp;

    @Test
    void everyDashboardExpressionParsesWithPromtool() throws Exception {
        List<Query> queries = GrafanaFiles.inRepository().dashboardQueries().stream()
                .filter(q -> q.isPromql() && !q.isVariable()).toList();
        assertThat(queries).hasSizeGreaterThan(20);
        List<Map<String, Object>> rules = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("record", "grafana_dashboard:expr_" + i);
            rule.put("expr", expand(queries.get(i).expr()));
            rules.add(rule);
        }
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        Path file = temp.resolve("grafana-dashboard-exprs.yml");
        Files.writeString(file, new Yaml(options).dump(Map.of("groups",
                List.of(Map.of("name", "grafana-dashboards", "rules", rules)))));

        Process p;
        try {
            p = new ProcessBuilder("promtool", "check", "rules", file.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("promtool is not installed: run bin/setup (Debian package prometheus)", e);
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as("promtool check rules:\n%s\nexpressions:\n%s", output, Files.readString(file)).isZero();
        assertThat(output).contains("SUCCESS: " + queries.size() + " rules found");
    }

    @Test
    void theMetricNamesAreListedForTheEndToEndCheck() throws IOException {
        Set<String> names = new TreeSet<>();
        for (Query q : GrafanaFiles.inRepository().dashboardQueries()) {
            if (q.isPromql() && !q.isVariable()) {
                names.addAll(metricNames(expand(q.expr())));
            }
        }
        assertThat(names).contains("up", "http_server_requests_seconds_bucket", "telemetry_consumer_lag")
                .allSatisfy(n -> assertThat(n).matches("[a-z_:][a-z0-9_:]*"));
        Path out = Paths.get("target", "grafana-metric-names.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, String.join("\n", names) + "\n");
    }

    @Test
    void metricNamesAreFoundOutsideLabelsGroupingAndFunctions() {
        assertThat(metricNames("sum by (job, le) (rate(a_total{job=~\"x\", uri!~\"/q/.*\"}[5m])) / ignoring(arm) "
                + "group_left sum(b_seconds_count offset 5m) > 0 and time() - c"))
                .containsExactlyInAnyOrder("a_total", "b_seconds_count", "c");
    }

    static String expand(String expr) {
        String out = expr;
        for (Map.Entry<String, String> v : VARIABLES.entrySet()) {
            out = out.replace(v.getKey(), v.getValue());
        }
        assertThat(out).as("a Grafana variable left in %s", expr).doesNotContain("$");
        return out;
    }

    /** Metric names of an expression: identifiers outside strings, label matchers, ranges and groupings, not called. */
    static Set<String> metricNames(String expr) {
        String s = STRINGS.matcher(expr).replaceAll("\"\"");
        s = LABEL_MATCHERS.matcher(s).replaceAll(" ");
        s = RANGES.matcher(s).replaceAll(" ");
        s = GROUPING.matcher(s).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(s);
        while (m.find()) {
            String id = m.group();
            int before = m.start() - 1;
            boolean partOfNumber = before >= 0 && (Character.isDigit(s.charAt(before)) || s.charAt(before) == '.');
            if (!KEYWORDS.contains(id) && !partOfNumber) {
                names.add(id);
            }
        }
        return names;
    }
}
