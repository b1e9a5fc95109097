package org.movierec.ops.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.movierec.ops.k8s.KubernetesConfigConsistencyTest.find;
import static org.movierec.ops.k8s.KubernetesConfigConsistencyTest.ofKind;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.movierec.ops.Repository;

/**
 * The monitoring objects come from the repository's own files, unchanged: every dashboard in grafana/dashboards/
 * and every rules file in prometheus/rules/ is in a generated ConfigMap byte for byte (and nothing else is), every
 * PrometheusRule that prometheus-rule.sh prints has exactly its file's content as spec, and the ServiceMonitor
 * selects every service on its http port at /q/metrics.
 */
class MonitoringSourcesTest {

    static Stream<Path> overlays() {
        return Kustomize.overlays().stream();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyDashboardIsAConfigMapForTheGrafanaSidecarWithTheFilesContent(Path dir) throws IOException {
        Map<String, String> generated = new HashMap<>();
        for (Manifest configMap : ofKind(Manifest.of(Kustomize.render(dir)), "ConfigMap")) {
            if ("1".equals(configMap.get("metadata", "labels", "grafana_dashboard"))) {
                configMap.map("data").forEach((key, value) -> generated.put(key, (String) value));
            }
        }
        Map<String, String> files = files(Repository.root().resolve("grafana/dashboards"), ".json");

        assertThat(files).as("dashboards in grafana/dashboards").isNotEmpty();
        assertThat(generated).as("dashboard ConfigMaps of %s against grafana/dashboards/*.json", dir)
                .containsExactlyInAnyOrderEntriesOf(files);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theRulesConfigMapHoldsEveryRulesFileUnchanged(Path dir) throws IOException {
        Manifest rules = KubernetesConfigConsistencyTest.find(Manifest.of(Kustomize.render(dir)), "ConfigMap",
                "movierec-prometheus-rules").orElseThrow();
        Map<String, String> files = files(Repository.root().resolve("prometheus/rules"), ".yml");

        assertThat(files).as("rules in prometheus/rules").isNotEmpty();
        assertThat(rules.map("data")).containsExactlyInAnyOrderEntriesOf(new HashMap<>(files));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theServiceMonitorScrapesEveryServiceOnHttpAtQMetrics(Path dir) {
        List<Manifest> objects = Manifest.of(Kustomize.render(dir));
        Manifest monitor = ofKind(objects, "ServiceMonitor").get(0);
        Map<String, Object> selector = monitor.map("spec", "selector", "matchLabels");

        assertThat(monitor.list("spec", "endpoints")).singleElement().satisfies(endpoint -> {
            assertThat(endpoint.get("port")).isEqualTo("http");
            assertThat(endpoint.get("path")).isEqualTo("/q/metrics");
        });
        List<Manifest> services = ofKind(objects, "Service");
        List<Manifest> clusterIp = services.stream().filter(s -> !"None".equals(s.get("spec", "clusterIP"))).toList();
        assertThat(clusterIp).isNotEmpty().allSatisfy(service -> {
            assertThat(service.map("metadata", "labels")).as(service.id()).containsAllEntriesOf(selector);
            assertThat(service.list("spec", "ports")).extracting(port -> port.get("name")).contains("http");
        });
        assertThat(services).filteredOn(s -> "None".equals(s.get("spec", "clusterIP"))).allSatisfy(headless ->
                assertThat(headless.map("metadata", "labels")).as("%s is not scraped twice", headless.id())
                        .doesNotContainKeys(selector.keySet().toArray(String[]::new)));
    }

    /**
     * prometheus/prometheus.yml discovers every replica through the SRV records of "<job>-headless" Services in the
     * namespace "movierec" (production): each job it scrapes has such a Service in the production overlay, with
     * a port named http and not-ready pods kept listed (so a crashed replica shows up == 0).
     */
    @SuppressWarnings("unchecked")
    @Test
    void everyJobOfTheProductionScrapeConfigHasItsHeadlessService() throws IOException {
        Map<String, Object> config = new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Files.readString(Repository.root().resolve("prometheus/prometheus.yml")));
        List<Manifest> objects = Manifest.of(Kustomize.render(Repository.root().resolve("k8s/overlays/production")));
        for (Map<String, Object> job : (List<Map<String, Object>>) config.get("scrape_configs")) {
            String name = (String) job.get("job_name");
            if (name.equals("simulator")) {
                continue; // staging only: production's users are real
            }
            Manifest headless = find(objects, "Service", name + "-headless")
                    .orElseThrow(() -> new AssertionError("no Service " + name + "-headless for job " + name));
            assertThat(headless.get("metadata", "namespace")).isEqualTo("movierec");
            assertThat(headless.get("spec", "clusterIP")).isEqualTo("None");
            assertThat(headless.get("spec", "publishNotReadyAddresses")).isEqualTo(true);
            assertThat(headless.list("spec", "ports")).extracting(port -> port.get("name")).contains("http");
            List<Map<String, Object>> sd = (List<Map<String, Object>>) job.get("dns_sd_configs");
            assertThat(sd).singleElement().satisfies(c -> assertThat((List<String>) c.get("names"))
                    .containsExactly("_http._tcp." + name + "-headless.movierec.svc"));
        }
    }

    @SuppressWarnings("unchecked")
    @Test
    void prometheusRuleShWrapsEachRulesFileUnchanged() throws IOException {
        Path script = Repository.root().resolve("k8s/components/monitoring/prometheus-rule.sh");
        String output = Kustomize.Tools.run(List.of("bash", script.toString()), Repository.root());
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        List<Manifest> rules = new ArrayList<>();
        for (Object doc : yaml.loadAll(output)) {
            rules.add(new Manifest((Map<String, Object>) doc));
        }
        Map<String, String> files = files(Repository.root().resolve("prometheus/rules"), ".yml");

        assertThat(rules).hasSize(files.size());
        for (Manifest rule : rules) {
            assertThat(KubernetesSchema.problems(rule)).as(rule.id()).isEmpty();
            String file = rule.name().substring("movierec-".length());
            String source = files.entrySet().stream()
                    .filter(entry -> entry.getKey().replaceFirst("\\.ya?ml$", "").replaceAll("[_.]", "-").toLowerCase()
                            .equals(file))
                    .map(Map.Entry::getValue).findFirst()
                    .orElseThrow(() -> new AssertionError(rule.id() + " matches no rules file"));
            assertThat(rule.map("spec")).as(rule.id()).isEqualTo(yaml.load(source));
        }
    }

    private static Map<String, String> files(Path dir, String suffix) throws IOException {
        Map<String, String> files = new HashMap<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (Stream<Path> list = Files.list(dir)) {
            for (Path file : list.filter(f -> f.getFileName().toString().endsWith(suffix)).toList()) {
                files.put(file.getFileName().toString(), Files.readString(file));
            }
        }
        return files;
    }
}
