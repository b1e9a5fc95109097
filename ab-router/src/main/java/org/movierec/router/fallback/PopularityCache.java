package org.movierec.router.fallback;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.vertx.core.Future;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import org.jboss.logging.Logger;
import org.movierec.router.RouterConfig;
import org.movierec.router.routing.UpstreamClient;

/**
 * The router's last good popularity list ({@code GET /popular?size=N} of the inference service),
 * fetched at start-up and every {@code router.popular.refresh-interval}; a failed fetch keeps the list
 * it has. Gauge {@code router.popular.age.seconds} shows how old it is (−1 before the first).
 */
@ApplicationScoped
public class PopularityCache {

    private static final Logger LOG = Logger.getLogger(PopularityCache.class);

    @Inject
    UpstreamClient upstream;

    @Inject
    RouterConfig config;

    @Inject
    MeterRegistry registry;

    private volatile PopularList list;

    void start(@Observes StartupEvent event) {
        registry.gauge("router.popular.age.seconds", this,
                cache -> cache.list == null ? -1 : (Instant.now().toEpochMilli() - cache.list.fetchedAt().toEpochMilli()) / 1000.0);
        refresh();
    }

    @Scheduled(every = "${router.popular.refresh-interval}", delayed = "${router.popular.refresh-interval}")
    void scheduledRefresh() {
        refresh();
    }

    /** Fetches the list now; completes with it, or fails (the previous list stays). */
    public Future<PopularList> refresh() {
        return upstream.get("/popular?size=" + config.popular().size(), "Accept", "application/json")
                .map(response -> PopularList.fromJson(response.body().toString(), Instant.now()))
                .onSuccess(fetched -> list = fetched)
                .onFailure(error -> {
                    registry.counter("router.popular.refresh.failures").increment();
                    LOG.warnf("popularity list not refreshed (%s): %s", list == null ? "none cached yet"
                            : "keeping the one of " + list.fetchedAt(), error.getMessage());
                });
    }

    /** The last good list, or null if none was ever fetched. */
    public PopularList current() {
        return list;
    }
}
