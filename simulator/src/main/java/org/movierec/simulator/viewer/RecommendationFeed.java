package org.movierec.simulator.viewer;

import io.vertx.core.Vertx;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.movierec.contracts.events.RecommendationRequestEvent;
import org.movierec.simulator.SimulatorConfig;
import org.movierec.simulator.catalog.World;
import org.movierec.simulator.movielog.LineKind;
import org.movierec.simulator.movielog.LineSink;
import org.movierec.simulator.traffic.RouterAnswer;
import org.movierec.simulator.traffic.RouterClient;
import org.movierec.simulator.traffic.ServedAnswer;

/**
 * A person's list, asked of the router exactly as the robots' sessions ask it ({@link RouterClient}, plain text,
 * the same timeout) and logged the same way: one {@code recommendation request} line per call, also a failed one,
 * so the collector sees the app's calls as the streaming service's. The movie ids become cards from the catalogue.
 */
@ApplicationScoped
public class RecommendationFeed {

    @Inject
    SimulatorConfig config;

    @Inject
    Vertx vertx;

    @Inject
    World world;

    @Inject
    LineSink lines;

    private RouterClient router;
    private String server;

    @PostConstruct
    void start() {
        router = new RouterClient(vertx, config.routerUrl(), config.requestTimeout().toMillis());
        server = config.traffic().serverName().orElse(router.server());
    }

    @PreDestroy
    void stop() {
        router.close();
    }

    /** User {@code userId}'s list now; the stage always completes normally (a failure is a list with an error). */
    public CompletionStage<RecommendationList> listFor(long userId) {
        LocalDateTime start = LocalDateTime.ofInstant(Clock.systemUTC().instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        return router.recommendServed(userId).thenApply(served -> {
            RouterAnswer answer = served.answer();
            lines.write(userId, (answer.succeeded()
                    ? RecommendationRequestEvent.success(start, userId, server, answer.status(), answer.movieIds(), answer.latencyMs())
                    : RecommendationRequestEvent.failure(start, userId, server, answer.status(), answer.error(), answer.latencyMs()))
                    .toLine(), LineKind.REQUEST);
            return list(userId, served);
        });
    }

    private RecommendationList list(long userId, ServedAnswer served) {
        RouterAnswer answer = served.answer();
        List<MovieCard> cards = new ArrayList<>(answer.movieIds().size());
        for (String id : answer.movieIds()) {
            int movie = world.movieIndex(id);
            if (movie >= 0) {
                cards.add(MovieCard.of(world.movie(movie)));
            }
        }
        return new RecommendationList(userId, answer.status(), answer.succeeded() ? null : answer.error(),
                served.modelVersion(), served.experiment(), served.arm(), served.fallback(), cards);
    }
}
