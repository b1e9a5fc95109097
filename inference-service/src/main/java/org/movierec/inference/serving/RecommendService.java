package org.movierec.inference.serving;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Optional;
import org.movierec.contracts.events.ServedEvent;
import org.movierec.core.ids.RequestIds;
import org.movierec.core.ids.UserIds;
import org.movierec.core.recommend.Recommendation;
import org.movierec.inference.InferenceConfig;
import org.movierec.inference.events.ServedEventPublisher;
import org.movierec.inference.models.LoadedModel;
import org.movierec.inference.models.ModelStore;
import org.movierec.inference.models.ServingSnapshot;
import org.movierec.inference.realtime.FoldedUser;
import org.movierec.inference.realtime.FoldedUsers;

/**
 * The decision behind {@code /recommend}: which loaded version answers, and what it recommends (from the user's
 * folded-in ratings when there are new ones, the popularity fallback for a user the model does not know, never a
 * movie the user rated); then what an answer leaves behind — its meters and its served event. HTTP stays in
 * {@link RecommendResource}.
 */
@Singleton
public class RecommendService {

    private final ModelStore store;
    private final FoldedUsers foldedUsers;
    private final RecommendMetrics metrics;
    private final ServedEventPublisher publisher;
    private final int size;

    RecommendService(ModelStore store, FoldedUsers foldedUsers, RecommendMetrics metrics,
                     ServedEventPublisher publisher, InferenceConfig config) {
        this.store = store;
        this.foldedUsers = foldedUsers;
        this.metrics = metrics;
        this.publisher = publisher;
        this.size = config.recommendationSize();
    }

    /**
     * Recommends for one user from the version asked for, or the production version.
     *
     * @param userId a valid user id ({@code UserIds})
     * @param version the model version to answer from; null or empty for the production version
     * @return the list, or why there is none
     */
    public Answer recommend(String userId, String version) {
        ServingSnapshot snapshot = store.current();
        Optional<LoadedModel> chosen = version == null || version.isEmpty()
                ? snapshot.defaultModel()
                : snapshot.get(version);
        if (chosen.isEmpty()) {
            return snapshot.isEmpty()
                    ? Answer.NoModelLoaded.INSTANCE
                    : new Answer.VersionNotLoaded(version, snapshot.models().keySet());
        }
        LoadedModel model = chosen.get();
        Optional<FoldedUser> folded = foldedUsers.get(userId, model);
        Recommendation r = folded.isPresent()
                ? model.recommender().forVector(folded.get().vector(), folded.get().rated(), size)
                : model.recommender().forUser(userId, size);
        return new Answer.Served(model, r, folded);
    }

    /**
     * Records an answer sent: its time on {@code recsys.recommend}, a fallback on {@code recsys.fallbacks}, and its
     * served event (when Kafka is configured and the router does not publish it; never waits).
     *
     * @param userId the user
     * @param served what was answered
     * @param experiment the {@code X-Experiment} header, or null
     * @param arm the {@code X-Arm} header, or null
     * @param requestId the {@code X-Request-Id} header, or null (a new id is made)
     * @param routerPublishes whether the A/B router publishes this request's served event with the client's wait
     *     ({@link org.movierec.contracts.events.ServedEventHeaders}), so none is published here
     * @param nanos time to answer
     */
    public void answered(String userId, Answer.Served served, String experiment, String arm, String requestId,
                         boolean routerPublishes, long nanos) {
        LoadedModel model = served.model();
        Recommendation r = served.recommendation();
        metrics.answered(model.version(), r.fallback(), nanos);
        if (publisher.enabled() && !routerPublishes) {
            publisher.publish(new ServedEvent(Instant.now(), RequestIds.orNew(requestId), UserIds.parse(userId),
                    experiment, arm, model.version(), r.movieIds(model.model().items()), nanos / 1e6, 200,
                    r.fallback()));
        }
    }
}
