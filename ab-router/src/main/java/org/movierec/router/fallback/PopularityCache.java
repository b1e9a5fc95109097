package org.movierec.router.fallback;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.vertx.core.Future;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import org.movierec.platform.loops.LoopHealth;
import org.movierec.router.RouterConfig;
import org.movierec.router.routing.UpstreamClient;

/**
 * The router's last good popularity list ({@code GET /popular?size=N} of the inference service),
 * fetched at start-up and every {@code router.popular.refresh-interval}; a failed fetch keeps the list
 * it has. Gauge {@code router.popular.age.seconds} shows how old it is (−1 before the first); a failed
 * fetch is logged and counted as a restart of the loop {@value #LOOP}, whose
 * {@code movierec_background_loop_up} is 0 until a fetch succeeds again.
 */
@ApplicationScoped
public class PopularityCache {

    @Inject
    UpstreamClient upstream;

    @Inject
    RouterConfig config;

    @Inject
    MeterRegistry registry;

    private volatile PopularList list;

    /** This loop's name in {@code movierec_background_loop_up} and {@code movierec_background_loop_restarts_total}. */
    public static final String LOOP = "popular-refresher";

    private LoopHealth health;

    @PostConstruct
    void registerLoop() {
        health = new LoopHealth(registry, LOOP);
    }

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
                .onSuccess(fetched -> {
                    list = fetched;
                    health.running();
                })
                .onFailure(error -> {
                    registry.counter("router.popular.refresh.failures").increment();
                    health.failed("popularity list not refreshed (" + (list == null ? "none cached yet"
                            : "keeping the one of " + list.fetchedAt()) + ")", error);
                });
    }

    /** The last good list, or null if none was ever fetched. */
    public PopularList current() {
        return list;
    }
}
