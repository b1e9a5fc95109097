package org.movierec.platform.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Folds the {@code method} tag of {@value LatencyHistograms#HTTP_SERVER_REQUESTS} into the standard HTTP methods plus
 * {@value #OTHER}. Vert.x accepts any token as a method name, so without this every {@code FOO} or {@code PROPFIND} an
 * unauthenticated client sends would become a new series: unbounded label cardinality in Prometheus.
 */
public final class HttpMethodTag implements MeterFilter {

    /** The value for every method not in {@link #KNOWN}. */
    public static final String OTHER = "OTHER";

    /** The methods of RFC 9110 plus PATCH, kept as they are. */
    static final Set<String> KNOWN = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE",
            "CONNECT");

    @Override
    public Meter.Id map(Meter.Id id) {
        if (!LatencyHistograms.HTTP_SERVER_REQUESTS.equals(id.getName())) {
            return id;
        }
        String method = id.getTag("method");
        if (method == null || KNOWN.contains(method)) {
            return id;
        }
        List<Tag> tags = new ArrayList<>();
        for (Tag tag : id.getTagsAsIterable()) {
            tags.add(tag.getKey().equals("method") ? Tag.of("method", OTHER) : tag);
        }
        return id.replaceTags(tags);
    }
}
