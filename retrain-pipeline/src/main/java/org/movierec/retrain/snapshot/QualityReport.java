package org.movierec.retrain.snapshot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the snapshot read and dropped, and why: {@code rows_read}, {@code rows_kept}, and per reason
 * ({@code unknown_user}, {@code unknown_movie}, {@code invalid_movie_id}, {@code invalid_user_id},
 * {@code rating_out_of_range}, {@code duplicate}) a count and a few examples.
 */
public final class QualityReport {

    /** Examples kept per reason. */
    public static final int EXAMPLES = 5;

    private long read;
    private long kept;
    private final Map<String, Long> dropped = new LinkedHashMap<>();
    private final Map<String, List<String>> examples = new LinkedHashMap<>();

    /** Counts one row read. */
    public void read() {
        read++;
    }

    /** Counts one row kept. */
    public void kept() {
        kept++;
    }

    /** Counts one row dropped for {@code reason}, keeping {@code example} if there are few yet. */
    public void drop(String reason, String example) {
        dropped.merge(reason, 1L, Long::sum);
        List<String> list = examples.computeIfAbsent(reason, r -> new ArrayList<>());
        if (list.size() < EXAMPLES) {
            list.add(example);
        }
    }

    public long rowsRead() {
        return read;
    }

    public long rowsKept() {
        return kept;
    }

    public long rowsDropped() {
        return dropped.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The report as a JSON-ready map. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows_read", read);
        m.put("rows_kept", kept);
        m.put("rows_dropped", rowsDropped());
        Map<String, Object> reasons = new LinkedHashMap<>();
        dropped.forEach((reason, count) -> {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("count", count);
            r.put("examples", examples.get(reason));
            reasons.put(reason, r);
        });
        m.put("dropped", reasons);
        return m;
    }
}
