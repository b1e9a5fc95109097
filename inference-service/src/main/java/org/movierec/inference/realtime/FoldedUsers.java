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
import org.movierec.core.foldin.UserVector;
import org.movierec.core.model.RatedItems;
import org.movierec.core.model.SvdModel;
import org.movierec.inference.InferenceConfig;
import org.movierec.inference.models.LoadedModel;
import org.movierec.inference.models.ModelStore;

/**
 * New ratings since the models were trained, folded into every loaded version in real time.
 *
 * <p>Per user it keeps the latest new ratings (at most {@code inference.fold-in.max-ratings-per-user})
 * and, per model version, the folded vector. A new rating re-solves the user for every loaded
 * version at once (microseconds each); a version loaded later folds the user in on their next
 * request. Memory is bounded: at most {@code inference.fold-in.max-users} users, least recently used
 * forgotten first (Caffeine). Each user's state is an immutable value replaced atomically.
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

    /** A user's new ratings (movie id → rating, oldest first) and their fold-in per version. */
    record UserState(Map<String, Float> ratings, Map<String, FoldedUser> byVersion) {
    }

    @PostConstruct
    void init() {
        users = Caffeine.newBuilder().maximumSize(config.foldIn().maxUsers()).build();
        foldIns = Counter.builder("recsys.foldins").description("user fold-ins computed").register(registry);
        registry.gauge("recsys.foldin.users", this, f -> f.users.estimatedSize());
    }

    /** Records a new rating and folds the user into every loaded version. */
    public void rate(String userId, String movieId, float rating) {
        users.asMap().compute(userId, (id, old) -> {
            LinkedHashMap<String, Float> ratings = new LinkedHashMap<>(old == null ? Map.of() : old.ratings());
            ratings.remove(movieId);
            ratings.put(movieId, rating);
            while (ratings.size() > config.foldIn().maxRatingsPerUser()) {
                ratings.remove(ratings.keySet().iterator().next());
            }
            Map<String, FoldedUser> byVersion = new HashMap<>();
            for (LoadedModel model : store.current().models().values()) {
                byVersion.put(model.version(), foldIn(model, id, ratings));
            }
            return new UserState(Collections.unmodifiableMap(ratings), Collections.unmodifiableMap(byVersion));
        });
    }

    /** The user folded into {@code model}, if they have new ratings; folds them in now if needed. */
    public Optional<FoldedUser> get(String userId, LoadedModel model) {
        UserState state = users.getIfPresent(userId);
        if (state == null) {
            return Optional.empty();
        }
        FoldedUser folded = state.byVersion().get(model.version());
        if (folded != null) {
            return Optional.of(folded);
        }
        UserState updated = users.asMap().computeIfPresent(userId, (id, s) -> {
            if (s.byVersion().containsKey(model.version())) {
                return s;
            }
            Map<String, FoldedUser> byVersion = new HashMap<>(s.byVersion());
            byVersion.keySet().retainAll(store.current().models().keySet());
            byVersion.put(model.version(), foldIn(model, id, s.ratings()));
            return new UserState(s.ratings(), Collections.unmodifiableMap(byVersion));
        });
        return updated == null ? Optional.empty() : Optional.ofNullable(updated.byVersion().get(model.version()));
    }

    /** The user's training ratings in this model, overridden by the new ones, solved by fold-in. */
    private FoldedUser foldIn(LoadedModel loaded, String userId, Map<String, Float> newRatings) {
        SvdModel model = loaded.model();
        Map<Integer, Float> merged = new LinkedHashMap<>();
        int user = model.users().indexOf(userId);
        if (user >= 0) {
            RatedItems rated = model.ratedItems();
            int[] items = rated.of(user);
            float[] values = rated.valuesOf(user);
            for (int j = 0; j < items.length; j++) {
                merged.put(items[j], values[j]);
            }
        }
        for (Map.Entry<String, Float> e : newRatings.entrySet()) {
            int item = model.items().indexOf(e.getKey());
            if (item >= 0) {
                merged.put(item, e.getValue());
            }
        }
        int n = merged.size();
        int[] items = new int[n];
        float[] values = new float[n];
        BitSet rated = new BitSet(model.items().size());
        int j = 0;
        for (Map.Entry<Integer, Float> e : merged.entrySet()) {
            items[j] = e.getKey();
            values[j] = e.getValue();
            rated.set(items[j]);
            j++;
        }
        UserVector vector = loaded.foldIn().solve(items, values, n);
        foldIns.increment();
        return new FoldedUser(vector, rated, items, values);
    }
}
