package org.movierec.retrain.release;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.movierec.registry.ModelRegistry;
import org.movierec.registry.ModelStatus;
import org.movierec.registry.ModelVersion;
import org.movierec.registry.UnknownVersionException;
import org.movierec.retrain.promote.Releaser;
import org.movierec.retrain.service.RetrainConfig;

/**
 * The one writer of the production pointer: releases a version forward ({@link #promote}), back
 * ({@link #rollback}), and keeps the {@link ReleaseHistory}. The HTTP API ({@link ReleasesResource}), the
 * service's own retrain runs (as the pipeline's {@link Releaser}) and, through the API, the router's canary all
 * come here, so every switch follows the same rules and is in the same history.
 *
 * <h2>Rules</h2>
 * <ul>
 * <li>Promote: a registered version that is not rejected and was never in production (a version that was is
 *     an archived one: roll back to it, so the history says what happened). Promoting the version already in
 *     production changes nothing and answers its last release, so a caller that lost an answer may repeat.</li>
 * <li>Rollback: to a named version, or by default the previous production version (the archived version that
 *     became production most recently); it must have been in production before and not be rejected since.
 *     Rolling back twice in a row returns to where the first rollback started, as "previous" is meant.</li>
 * <li>Either way the model must load from the registry (artifact present, md5 verified, a model file) before
 *     the pointer moves: a version the inference service could not load is refused here, not discovered by
 *     every replica after the switch.</li>
 * </ul>
 *
 * <h2>The history and the pointer</h2>
 * <p>The pointer switch is the registry's one atomic write; the history record is appended right after it,
 * with the previous version that switch returned. mongo-java-server and a standalone MongoDB have no
 * multi-document transactions, so a crash between the two writes would leave one switch unrecorded; the
 * releases of one replica are serialised ({@code synchronized}), and a concurrent release on another replica
 * records the version it really replaced.
 */
@ApplicationScoped
public class ReleaseService implements Releaser {

    private static final Logger LOG = Logger.getLogger(ReleaseService.class);
    /** The {@link Release#credential()} of the service's own runs. */
    static final String IN_PROCESS = "in-process";

    private final ModelRegistry registry;
    private final ReleaseHistory history;

    public ReleaseService(MongoClient mongo, RetrainConfig config) {
        MongoDatabase db = mongo.getDatabase(config.mongodbDatabase());
        this.registry = new ModelRegistry(db);
        this.history = new ReleaseHistory(db);
    }

    /**
     * Releases {@code version} to production.
     *
     * @param caller who asks, and how they were authenticated
     * @param experimentId the canary experiment that decided it, or {@code null}
     * @return the release; for the version already in production, its last release (nothing changes)
     * @throws UnknownVersionException  if the version is not registered
     * @throws ReleaseRefusedException  if it is rejected, was in production before, or does not load
     */
    public synchronized Release promote(String version, String reason, Caller caller, String experimentId) {
        ModelVersion target = registry.get(version).orElseThrow(() -> new UnknownVersionException(version));
        switch (target.status()) {
            case PRODUCTION -> {
                return lastReleaseOf(version).orElseGet(() -> new Release(Release.PROMOTE, version, null,
                        target.promotedAt(), caller.name(), caller.credential(), reason, experimentId));
            }
            case REJECTED -> throw new ReleaseRefusedException("version " + version + " is rejected"
                    + (target.note() == null ? "" : ": " + target.note()));
            case ARCHIVED -> {
                if (target.promotedAt() != null) {
                    throw new ReleaseRefusedException("version " + version + " was in production before: roll back to it"
                            + " with POST /models/rollback {\"version\": \"" + version + "\"}");
                }
            }
            case CANDIDATE -> {
                // the usual case
            }
        }
        return switchTo(Release.PROMOTE, target, reason, caller, experimentId);
    }

    /**
     * Returns production to {@code version}, or to the previous production version when it is empty.
     *
     * @return the release
     * @throws UnknownVersionException  if a named version is not registered
     * @throws ReleaseRefusedException  if nothing is in production, there is no previous version, or the
     *                                  target was never in production, is rejected, is in production or does not load
     */
    public synchronized Release rollback(Optional<String> version, String reason, Caller caller) {
        String current = registry.productionVersion()
                .orElseThrow(() -> new ReleaseRefusedException("no version is in production: nothing to roll back"));
        ModelVersion target;
        if (version.isPresent()) {
            target = registry.get(version.get()).orElseThrow(() -> new UnknownVersionException(version.get()));
            if (target.status() == ModelStatus.PRODUCTION) {
                throw new ReleaseRefusedException("version " + target.version() + " is in production already");
            }
            if (target.status() == ModelStatus.REJECTED) {
                throw new ReleaseRefusedException("version " + target.version() + " is rejected"
                        + (target.note() == null ? "" : ": " + target.note()));
            }
            if (target.promotedAt() == null) {
                throw new ReleaseRefusedException("version " + target.version() + " was never in production: release it"
                        + " with POST /models/" + target.version() + "/promote");
            }
        } else {
            target = previousProduction().orElseThrow(() -> new ReleaseRefusedException(
                    "no earlier production version to roll back to (production is " + current + ")"));
        }
        return switchTo(Release.ROLLBACK, target, reason, caller, null);
    }

    /** The newest {@code limit} releases, newest first. */
    public List<Release> history(int limit) {
        return history.newest(limit);
    }

    /** The production version, if any. */
    public Optional<String> productionVersion() {
        return registry.productionVersion();
    }

    /** The pipeline's direct promotion: a release by the run named {@code requestedBy}, in process. */
    @Override
    public Optional<String> release(String version, String reason, String requestedBy) {
        return Optional.ofNullable(promote(version, reason, new Caller(requestedBy, IN_PROCESS), null).previous());
    }

    private Release switchTo(String kind, ModelVersion target, String reason, Caller caller, String experimentId) {
        try {
            registry.loadModel(target.version());
        } catch (IOException e) {
            throw new ReleaseRefusedException("version " + target.version() + " cannot be loaded: " + e.getMessage());
        }
        String previous = registry.promote(target.version()).orElse(null);
        Instant at = registry.get(target.version()).map(ModelVersion::promotedAt).orElseGet(Instant::now);
        Release release = new Release(kind, target.version(), previous, at, caller.name(), caller.credential(), reason,
                experimentId);
        history.append(release);
        LOG.infof("release: %s %s (was %s) by %s via %s: %s", kind, target.version(), previous, caller.name(),
                caller.credential(), reason);
        return release;
    }

    /** The archived version that became production most recently, not rejected since. */
    private Optional<ModelVersion> previousProduction() {
        return registry.list(ModelStatus.ARCHIVED).stream()
                .filter(v -> v.promotedAt() != null)
                .max(Comparator.comparing(ModelVersion::promotedAt));
    }

    private Optional<Release> lastReleaseOf(String version) {
        return history.newest(50).stream().filter(r -> r.version().equals(version)).findFirst();
    }

    /**
     * Who asks for a release.
     *
     * @param name       the validated {@code X-Requested-By}, or the run
     * @param credential how they were authenticated ({@code retrain-admin-token}, {@code in-process})
     */
    public record Caller(String name, String credential) {
    }
}
