package org.movierec.ops.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** prometheus/prometheus.yml scrapes each module under its own name at /q/metrics and loads every rule file. */
class ScrapeConfigTest {

    @Test
    @SuppressWarnings("unchecked")
    void jobsAreTheModulesScrapedAtQuarkusMetricsPath() throws Exception {
        Map<String, Object> config = OpsFiles.yaml(OpsFiles.prometheus().resolve("prometheus.yml"));
        List<Map<String, Object>> jobs = (List<Map<String, Object>>) config.get("scrape_configs");
        assertThat(jobs).extracting(j -> j.get("job_name")).containsExactlyInAnyOrderElementsOf(OpsFiles.JOBS);
        assertThat(jobs).allSatisfy(j -> assertThat(j.get("metrics_path")).isEqualTo("/q/metrics"));
        assertThat((List<String>) config.get("rule_files")).containsExactly("rules/*.yml");
        assertThat((Map<String, Object>) config.get("alerting")).containsKey("alertmanagers");
    }
}
