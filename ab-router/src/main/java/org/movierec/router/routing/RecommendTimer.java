package org.movierec.router.routing;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.movierec.platform.metrics.LatencyHistograms;

/**
 * Times {@code GET /recommend/{userId}} as {@value LatencyHistograms#HTTP_SERVER_REQUESTS} with the tags Quarkus' HTTP
 * server binder gives it ({@code method}, {@code uri}, {@code status}, {@code outcome}), so the series the dashboards,
 * the recording rules and the {@code RecommendLatencyHigh} alert read stay as they were. The binder ignores this route
 * ({@code quarkus.micrometer.binder.http-server.ignore-patterns}). Per request the binder built a tag list, looked its
 * timer up by it and kept an active-requests gauge, on top of normalising the path against the {@code match-patterns}
 * regexes (about 6 % of the event loops' samples in issue 16's profile, {@code docs/BENCHMARKS.md}); here the timer of
 * each status is looked up once. The binder still sees the route (Vert.x's metrics SPI calls it, and it normalises the
 * path before it finds the route ignored), so this takes only part of that cost away.
 *
 * <p>A request is timed from its handler's start to handing the answer to Vert.x ({@code end}), not to the last byte
 * written as the binder did: the write itself is the event loop's next step, not part of what the router decides.
 */
@ApplicationScoped
public class RecommendTimer {

    /** The route's {@code uri} tag, as the binder's {@code match-patterns} named it. */
    private static final String URI = "/recommend/{userId}";

    @Inject
    MeterRegistry registry;

    private final Timer[] byStatus = new Timer[600];

    @PostConstruct
    void init() {
        for (int status : new int[] {200, 400, 503}) {
            byStatus[status] = register(status);
        }
    }

    /** Records a request answered with {@code status} that started at {@code startNanos} ({@link System#nanoTime}). */
    public void record(int status, long startNanos) {
        Timer timer = status >= 0 && status < byStatus.length ? byStatus[status] : null;
        if (timer == null) {
            timer = register(status); // a status the route does not answer itself; the registry keeps one timer per id
        }
        timer.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    private Timer register(int status) {
        return Timer.builder(LatencyHistograms.HTTP_SERVER_REQUESTS).tag("method", "GET").tag("uri", URI)
                .tag("status", Integer.toString(status)).tags(List.of(Outcome.forStatus(status).asTag())).register(registry);
    }
}
