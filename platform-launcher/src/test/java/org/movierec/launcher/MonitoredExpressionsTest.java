package org.movierec.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitoredExpressionsTest {

    @TempDir
    Path dir;

    @Test
    void findsRuleAndDashboardExpressionsAndReportsOnlyTheNamesNothingExports() throws Exception {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Path dashboards = Files.createDirectories(dir.resolve("dashboards"));
        Files.writeString(rules.resolve("a.yml"), """
                groups:
                  - name: a
                    rules:
                      - record: job:errors:ratio5m
                        expr: sum by (job) (rate(errors_total[5m])) / sum by (job) (rate(requests_total[5m]))
                      - alert: ErrorRatioHigh
                        expr: job:errors:ratio5m > 0.05
                        for: 5m
                      - alert: ServiceDown
                        expr: up == 0
                """);
        Files.writeString(dashboards.resolve("d.json"), """
                {"uid":"d","title":"D","templating":{"list":[
                  {"name":"job","type":"query","datasource":{"type":"prometheus","uid":"movierec-prometheus"},
                   "query":{"query":"label_values(jvm_threads_live_threads, job)"}},
                  {"name":"version","type":"query","datasource":{"type":"grafana-postgresql-datasource","uid":"movierec-postgres"},
                   "query":"SELECT version FROM model_versions"}]},
                 "panels":[
                  {"type":"row","title":"R","panels":[
                    {"type":"timeseries","title":"Heap","targets":[{"expr":"jvm_memory_used_bytes{job=~\\"$job\\"}"}]}]},
                  {"type":"timeseries","title":"Ghost","targets":[{"expr":"rate(ghost_total[$__rate_interval])"},
                    {"rawSql":"SELECT 1 AS x"}]}]}
                """);

        MonitoredExpressions found = MonitoredExpressions.read(rules, dashboards);

        assertThat(found.recordedNames()).containsExactly("job:errors:ratio5m");
        assertThat(found.expressions()).extracting(MonitoredExpressions.Expression::source).containsExactly(
                "a.yml: record job:errors:ratio5m", "a.yml: alert ErrorRatioHigh", "a.yml: alert ServiceDown",
                "d.json: panel \"Heap\"", "d.json: panel \"Ghost\"", "d.json: variable job");
        Map<String, List<String>> missing = found.missing(Set.of("errors_total", "requests_total",
                "jvm_memory_used_bytes"));
        assertThat(missing).containsOnlyKeys("ghost_total", "jvm_threads_live_threads");
        assertThat(missing.get("ghost_total")).containsExactly("d.json: panel \"Ghost\"");
    }

    @Test
    void aMissingFolderIsAFailureNotAnEmptyPass() {
        assertThatThrownBy(() -> MonitoredExpressions.read(dir.resolve("rules"), dir.resolve("dashboards")))
                .hasMessageContaining("does not exist");
    }

    @Test
    void exportedNamesAreTheSampleNamesOfTheExposition() {
        assertThat(ExportedMetrics.names("""
                # HELP http_server_requests_seconds x
                # TYPE http_server_requests_seconds histogram
                http_server_requests_seconds_bucket{le="0.1",uri="/recommend"} 3.0
                http_server_requests_seconds_count{uri="/recommend"} 3.0
                http_server_requests_seconds_sum{uri="/recommend"} 0.2

                jvm_threads_live_threads 12.0
                """)).containsExactly("http_server_requests_seconds_bucket", "http_server_requests_seconds_count",
                "http_server_requests_seconds_sum", "jvm_threads_live_threads");
    }
}
