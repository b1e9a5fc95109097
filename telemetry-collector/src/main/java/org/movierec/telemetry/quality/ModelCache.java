package org.movierec.telemetry.quality;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.client.MongoClient;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.movierec.core.model.SvdModel;
import org.movierec.registry.ModelRegistry;
import org.movierec.telemetry.TelemetryConfig;

/**
 * Model versions from the registry (md5-verified), kept by version in a bounded cache for online predictions. A
 * version that cannot be loaded (unknown, corrupted, registry down) is not tried again for
 * {@code telemetry.models.retry-after}; meanwhile ratings it would predict are stored without a prediction.
 */
@ApplicationScoped
public class ModelCache {

    private static final Logger LOG = Logger.getLogger(ModelCache.class);

    @Inject
    TelemetryConfig config;

    @Inject
    MongoClient mongo;

    @Inject
    MeterRegistry registry;

    private Cache<String, SvdModel> models;
    private Cache<String, String> failures;
    private ModelRegistry modelRegistry;

    @PostConstruct
    void init() {
        models = Caffeine.newBuilder().maximumSize(config.models().cacheSize()).build();
        failures = Caffeine.newBuilder().maximumSize(1000).expireAfterWrite(config.models().retryAfter()).build();
        modelRegistry = new ModelRegistry(mongo.getDatabase(config.models().database()));
    }

    /** The model of {@code version}, loading it if needed; empty if it cannot be loaded now. */
    public Optional<SvdModel> model(String version) {
        SvdModel model = models.getIfPresent(version);
        if (model != null) {
            return Optional.of(model);
        }
        if (failures.getIfPresent(version) != null) {
            return Optional.empty();
        }
        try {
            model = modelRegistry.loadModel(version);
            models.put(version, model);
            registry.counter("telemetry.models.loaded").increment();
            LOG.infof("loaded model %s for online predictions", version);
            return Optional.of(model);
        } catch (Exception e) {
            failures.put(version, String.valueOf(e));
            registry.counter("telemetry.models.load.failures").increment();
            LOG.warnf("model %s cannot be loaded (retry in %s): %s", version, config.models().retryAfter(), e);
            return Optional.empty();
        }
    }

    /** Forgets every model and failure (tests, and after a registry change). */
    public void clear() {
        models.invalidateAll();
        failures.invalidateAll();
    }
}
