package org.movierec.inference.models;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The versions this replica serves at one moment, and which of them answers requests that name no
 * version. Immutable: a swap replaces the whole snapshot, so a request sees one consistent set.
 *
 * @param models     loaded versions by version id
 * @param production the default version (null while none is known)
 */
public record ServingSnapshot(Map<String, LoadedModel> models, String production) {

    public static final ServingSnapshot EMPTY = new ServingSnapshot(Map.of(), null);

    public ServingSnapshot {
        models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
    }

    public Optional<LoadedModel> get(String version) {
        return Optional.ofNullable(models.get(version));
    }

    /** The production model, or when it is not loaded (yet) any loaded one, so a poor answer beats none. */
    public Optional<LoadedModel> defaultModel() {
        LoadedModel p = production == null ? null : models.get(production);
        if (p != null) {
            return Optional.of(p);
        }
        return models.values().stream().findFirst();
    }

    public boolean isEmpty() {
        return models.isEmpty();
    }
}
