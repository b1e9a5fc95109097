package org.movierec.registry;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One registered model version: what the registry knows about it, as one document of the {@code models}
 * collection (see {@link ModelDocuments} for the stored shape).
 *
 * @param version         the version id, {@code yyyyMMdd-HHmmss-<first 8 hex of md5>} in UTC (see
 *                        {@link VersionIds}); the document's {@code _id}
 * @param md5             lower-case hex md5 of the artifact bytes; the artifact's key in GridFS
 * @param size            the artifact's length in bytes
 * @param status          the status, as corrected by the production pointer (see {@link ModelRegistry})
 * @param createdAt       when the version was registered, millisecond precision
 * @param hyperparameters training hyperparameters, in their original order
 * @param metrics         evaluation metrics by name, for example {@code rmse}, {@code ndcg@20}
 * @param lineage         free provenance sub-document (data hash, code version, parent version, ...):
 *                        values are strings, numbers, booleans, {@link java.util.Date}s, lists and nested
 *                        maps, as MongoDB returns them
 * @param promotedAt      when the version last became production, or {@code null} if it never did
 * @param note            a free reason attached to the last status change, such as why it was rejected,
 *                        or {@code null}
 */
public record ModelVersion(
        String version,
        String md5,
        long size,
        ModelStatus status,
        Instant createdAt,
        Map<String, String> hyperparameters,
        Map<String, Double> metrics,
        Map<String, Object> lineage,
        Instant promotedAt,
        String note) {

    /** Validates the required fields and makes unmodifiable copies of the maps (nested lineage values are shared). */
    public ModelVersion {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(md5, "md5");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0: " + size);
        }
        hyperparameters = copy(hyperparameters);
        metrics = copy(metrics);
        lineage = copy(lineage);
    }

    /** This version with another status and promotion time; used to correct a stale status. */
    ModelVersion withStatus(ModelStatus newStatus, Instant newPromotedAt) {
        return new ModelVersion(version, md5, size, newStatus, createdAt, hyperparameters, metrics, lineage,
                newPromotedAt, note);
    }

    private static <V> Map<String, V> copy(Map<String, V> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
