package org.movierec.inference.realtime;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.movierec.core.foldin.UserVector;
import org.movierec.core.model.RatedItems;
import org.movierec.core.model.SvdModel;
import org.movierec.inference.InferenceConfig;
import org.movierec.inference.models.LoadedModel;
import org.movierec.inference.models.ModelStore;

/**
 * New ratings and watches since the models were trained, folded into every loaded version in real time.
 *
 * <p>Per user it keeps the latest new ratings (at most {@code inference.fold-in.max-ratings-per-user}), the movies
 * they started watching (at most {@code inference.fold-in.max-watches-per-user}) and, per model version, the folded
 * vector. A new rating, or the first minute of a movie not watched before, re-solves the user for every loaded
 * version at once (microseconds each); the later minutes of a movie change nothing and cost a set lookup. A version
 * loaded later folds the user in on their next request. Memory is bounded: at most
 * {@code inference.fold-in.max-users} users, least recently used forgotten first (Caffeine). Each user's state is
 * an immutable value replaced atomically.
 *
 * <p>Watches are implicit feedback (Koren 2008, SVD++): a model with implicit factors adds the watched movies to
 * the user's implicit set N(u), so a user with no rating gets a personal vector after their first watch. An
 * explicit-only model cannot use them for the vector, but the user's list still leaves them out.
 *
 * <p>Policy: a watched movie is never recommended again, like a rated one. The user has found it already; and a
 * list that repeats what the user is watching would earn watch-through for a movie they were going to finish
 * anyway, which is the measure the platform's experiments compare.
 */
@ApplicationScoped
public class FoldedUsers {

    @Inject
    InferenceConfig config;

    @Inject
    ModelStore store;

    @Inject
    MeterRegistry registry;

    private Cache<String, UserState> users;
    private Counter foldIns;

    /** A user's events and their fold-in per version (empty where the version can use none of the events). */
    record UserState(UserEvents events, Map<String, Optional<FoldedUser>> byVersion) {
    }

    @PostConstruct
    void init() {
        users = Caffeine.newBuilder().maximumSize(config.foldIn().maxUsers()).build();
        foldIns = Counter.builder("recsys.foldins").description("user fold-ins computed").register(registry);
        registry.gauge("recsys.foldin.users", this, f -> f.users.estimatedSize());
    }

    /** Records a new rating and folds the user into every loaded version. */
    public void rate(String userId, String movieId, float rating) {
        update(userId, events -> events.withRating(movieId, rating, config.foldIn().maxRatingsPerUser()));
    }

    /**
     * Records that the user watches {@code movieId}; the first minute of a movie folds the user into every loaded
     * version, the later ones change nothing.
     */
    public void watch(String userId, String movieId) {
        UserState known = users.getIfPresent(userId);
        if (known != null && known.events().watched().contains(movieId)) {
            return; // the common case: one more minute of a movie already folded in
        }
        update(userId, events -> events.watched().contains(movieId)
                ? events
                : events.withWatch(movieId, config.foldIn().maxWatchesPerUser()));
    }

    private void update(String userId, UnaryOperator<UserEvents> change) {
        users.asMap().compute(userId, (id, old) -> {
            UserEvents before = old == null ? UserEvents.NONE : old.events();
            UserEvents events = change.apply(before);
            if (old != null && events == before) {
                return old;
            }
            Map<String, Optional<FoldedUser>> byVersion = new HashMap<>();
            for (LoadedModel model : store.current().models().values()) {
                byVersion.put(model.version(), foldIn(model, id, events));
            }
            return new UserState(events, Collections.unmodifiableMap(byVersion));
        });
    }

    /** The user folded into {@code model}, if they have new events; folds them in now if needed. */
    public Optional<FoldedUser> get(String userId, LoadedModel model) {
        UserState state = users.getIfPresent(userId);
        if (state == null) {
            return Optional.empty();
        }
        Optional<FoldedUser> folded = state.byVersion().get(model.version());
        if (folded != null) {
            return folded;
        }
        UserState updated = users.asMap().computeIfPresent(userId, (id, s) -> {
            if (s.byVersion().containsKey(model.version())) {
                return s;
            }
            Map<String, Optional<FoldedUser>> byVersion = new HashMap<>(s.byVersion());
            byVersion.keySet().retainAll(store.current().models().keySet());
            byVersion.put(model.version(), foldIn(model, id, s.events()));
            return new UserState(s.events(), Collections.unmodifiableMap(byVersion));
        });
        return updated == null ? Optional.empty() : updated.byVersion().get(model.version());
    }

    /**
     * The user's training ratings in this model overridden by the new ones, and their implicit set (the model's,
     * if it knows the user, plus every movie rated or watched since), solved by fold-in. Movies the model does not
     * know are left out. Empty when there is nothing the model can use: no rating and, for an explicit-only model,
     * only watches (or, for any model, only movies it does not know); the user is then served as before any event
     * (a known user by their trained vector, an unknown one by the popularity fallback), not by a zero vector.
     */
    private Optional<FoldedUser> foldIn(LoadedModel loaded, String userId, UserEvents events) {
        SvdModel model = loaded.model();
        Map<Integer, Float> merged = new LinkedHashMap<>();
        BitSet implicit = new BitSet(model.items().size());
        int user = model.users().indexOf(userId);
        if (user >= 0) {
            RatedItems rated = model.ratedItems();
            int[] items = rated.of(user);
            float[] values = rated.valuesOf(user);
            for (int j = 0; j < items.length; j++) {
                merged.put(items[j], values[j]);
            }
            model.implicitFactors().ifPresent(f -> f.items().addTo(user, implicit));
        }
        for (Map.Entry<String, Float> e : events.ratings().entrySet()) {
            int item = model.items().indexOf(e.getKey());
            if (item >= 0) {
                merged.put(item, e.getValue());
            }
        }
        for (String movie : events.watched()) {
            int item = model.items().indexOf(movie);
            if (item >= 0) {
                implicit.set(item);
            }
        }
        int n = merged.size();
        if (n == 0 && (model.implicitFactors().isEmpty() || implicit.isEmpty())) {
            return Optional.empty();
        }
        int[] items = new int[n];
        float[] values = new float[n];
        int j = 0;
        for (Map.Entry<Integer, Float> e : merged.entrySet()) {
            items[j] = e.getKey();
            values[j] = e.getValue();
            implicit.set(items[j]);
            j++;
        }
        int[] implicitItems = implicit.stream().toArray();
        UserVector vector = loaded.foldIn().solve(items, values, n, implicitItems, implicitItems.length);
        foldIns.increment();
        return Optional.of(new FoldedUser(vector, implicit, items, values));
    }
}
