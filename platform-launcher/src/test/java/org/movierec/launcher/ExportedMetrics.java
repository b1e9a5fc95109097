package org.movierec.launcher;

import java.util.Set;
import java.util.TreeSet;

/**
 * The sample names in a Prometheus text exposition ({@code /q/metrics}): {@code http_server_requests_seconds_bucket},
 * {@code _count}, {@code _sum} and {@code _max} each as exported, since PromQL selects samples, not families.
 */
final class ExportedMetrics {

    /** Series Prometheus itself adds for every target or rule, which no service exports. */
    static final Set<String> FROM_PROMETHEUS = Set.of("up", "scrape_duration_seconds", "scrape_samples_scraped",
            "scrape_samples_post_metric_relabeling", "scrape_series_added", "ALERTS", "ALERTS_FOR_STATE");

    private ExportedMetrics() {
    }

    /** The sample names of {@code exposition} (comment lines and blank lines skipped). */
    static Set<String> names(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < l.length() && l.charAt(end) != '{' && !Character.isWhitespace(l.charAt(end))) {
                end++;
            }
            names.add(l.substring(0, end));
        }
        return names;
    }
}
