package org.movierec.retrain.run;

import java.util.Locale;
import java.util.Map;

/** The Slack texts of a run's end: success (version, metrics, promoted or not), gate rejection, failure. */
public final class Notices {

    private Notices() {
    }

    /** The notice for {@code outcome}. */
    public static String of(RunOutcome o) {
        return switch (o.status()) {
            case SUCCEEDED -> String.format(Locale.ROOT,
                    ":white_check_mark: *retrain run %s succeeded*: version `%s` %s. %s (%.1f s)", o.runId(),
                    o.version(), promotedText(o), metricsText(o.metrics()), o.durationSeconds());
            case REJECTED -> String.format(Locale.ROOT,
                    ":no_entry: *retrain run %s*: version `%s` registered but *not promoted*: %s. %s", o.runId(),
                    o.version(), String.join("; ", o.reasons()), metricsText(o.metrics()));
            case FAILED -> String.format(Locale.ROOT,
                    ":x: *retrain run %s failed* at stage `%s`: %s. Production is unchanged.", o.runId(),
                    o.stage() == null ? "start" : o.stage().wireName(), o.error());
            case RUNNING -> throw new IllegalArgumentException("no notice for a running run");
        };
    }

    private static String promotedText(RunOutcome o) {
        if (!o.promoted()) {
            return "not promoted";
        }
        return "canary".equals(o.promotionMode()) ? "promoted as canary experiment `" + o.experimentId() + "`"
                : "promoted to production";
    }

    @SuppressWarnings("unchecked")
    private static String metricsText(Map<String, Object> metrics) {
        if (!(metrics.get("candidate") instanceof Map<?, ?> c)) {
            return "";
        }
        Object k = metrics.get("k");
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "RMSE %s, NDCG@%s %s",
                fmt(c.get("rmse")), k, fmt(c.get("ndcg@" + k))));
        if (metrics.get("production") instanceof Map<?, ?> p) {
            s.append(String.format(Locale.ROOT, " (production `%s`: RMSE %s, NDCG@%s %s)", p.get("version"),
                    fmt(p.get("rmse")), k, fmt(p.get("ndcg@" + k))));
        }
        return s.toString();
    }

    private static String fmt(Object v) {
        return v instanceof Number n ? String.format(Locale.ROOT, "%.4f", n.doubleValue()) : "n/a";
    }
}
