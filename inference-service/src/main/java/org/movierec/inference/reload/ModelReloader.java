package org.movierec.inference.reload;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.movierec.core.model.ModelFormatException;
import org.movierec.inference.models.LoadedModel;
import org.movierec.inference.models.ModelStore;
import org.movierec.inference.models.ServingSnapshot;
import org.movierec.platform.loops.LoopHealth;

/**
 * Keeps the served versions in line with the source: every {@code inference.reload-interval} (and on
 * {@code POST /admin/reload}) it asks the source which versions to serve, loads the new ones on this
 * background thread, validates them, then swaps in a new snapshot atomically and drops the versions
 * no longer wanted, except the one answering until now while the new production version is not
 * loaded. A version that fails to load is never served and the previous ones keep serving;
 * a counter by reason and a log line say why, and it is retried after {@link #RETRY_FAILED_AFTER}
 * (or at once on an admin reload). After every check the source is told what is served
 * ({@link ModelSource#serving}: the registry's heartbeat).
 */
@ApplicationScoped
public class ModelReloader {

    private static final Logger LOG = Logger.getLogger(ModelReloader.class);
    static final Duration RETRY_FAILED_AFTER = Duration.ofMinutes(5);

    @Inject
    ModelStore store;

    @Inject
    ModelSources sources;

    @Inject
    MeterRegistry registry;

    /** This loop's name in {@code movierec_background_loop_up} and {@code movierec_background_loop_restarts_total}. */
    public static final String LOOP = "model-reload";

    private final Map<String, Failure> failures = new ConcurrentHashMap<>();
    /** Up while the source (registry or file) can be read; a version that fails to load is counted apart. */
    private LoopHealth health;
    private final Map<String, List<Meter>> versionMeters = new HashMap<>();

    /** Why a version could not be served, and when that was last tried. */
    public record Failure(String reason, String message, Instant at) {
    }

    /** What one check did. */
    public record Outcome(List<String> loaded, List<String> dropped, String production, Map<String, Failure> failed) {
    }

    /**
     * Registers {@code recsys_model_production_loaded}: 1 while the version the source names production is
     * loaded here, 0 while none is named or it could not be loaded (another version answers meanwhile).
     * The per-version gauges cannot say this: they list what is loaded, not what should be.
     */
    /** Every reason {@link #reasonOf} gives, registered at 0 so the first failure is an increase an alert sees. */
    static final List<String> FAILURE_REASONS = List.of("out_of_memory", "validation", "not_found", "checksum", "format",
            "registry_unavailable", "io", "error");

    @jakarta.annotation.PostConstruct
    void registerProductionGauge() {
        FAILURE_REASONS.forEach(reason -> registry.counter("recsys.reload.failures", "reason", reason));
        health = new LoopHealth(registry, LOOP);
        Gauge.builder("recsys.model.production.loaded", store, s -> {
            ServingSnapshot current = s.current();
            return current.production() != null && current.models().containsKey(current.production()) ? 1 : 0;
        }).description("1 while the production version is loaded on this replica, else 0").register(registry);
    }

    /** Loads the first models right after start-up, in the background: readiness turns up when they are in. */
    void loadAtStartup(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent event) {
        Thread initial = new Thread(() -> check(false), "initial-model-load");
        initial.setDaemon(true);
        initial.start();
    }

    @Scheduled(every = "${inference.reload-interval}", delayed = "${inference.reload-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduledCheck() {
        check(false);
    }

    /** One reconciliation with the source; {@code force} retries versions that failed before. */
    public synchronized Outcome check(boolean force) {
        ModelSource source = sources.source();
        ModelSource.Wanted wanted;
        try {
            wanted = source.wanted();
        } catch (Exception e) {
            String reason = reasonOf(e);
            count("reload.failures", reason);
            health.failed("cannot read " + source.describe() + " (" + reason + "); serving what is loaded", e);
            return new Outcome(List.of(), List.of(), store.current().production(),
                    Map.of("source", new Failure(reason, e.getMessage(), Instant.now())));
        }
        health.running();
        ServingSnapshot before = store.current();
        Map<String, LoadedModel> fresh = new LinkedHashMap<>();
        Map<String, Failure> failedNow = new LinkedHashMap<>();
        for (String version : wanted.versions()) {
            if (before.models().containsKey(version)) {
                continue;
            }
            Failure failed = failures.get(version);
            if (!force && failed != null && failed.at().plus(RETRY_FAILED_AFTER).isAfter(Instant.now())) {
                continue;
            }
            try {
                ModelSource.Artifact artifact = source.load(version);
                LoadedModel model = LoadedModel.of(version, artifact.md5(), artifact.model());
                ModelValidator.validate(model.model(), model.recommender());
                fresh.put(version, model);
                failures.remove(version);
                count("reload.successes", "loaded");
            } catch (Exception | OutOfMemoryError e) {
                String reason = reasonOf(e);
                Failure failure = new Failure(reason, String.valueOf(e.getMessage()), Instant.now());
                failures.put(version, failure);
                failedNow.put(version, failure);
                count("reload.failures", reason);
                LOG.errorf("model version %s rejected (%s): %s; it will not serve", version, reason, e.getMessage());
            }
        }
        ServingSnapshot after = store.update(current -> {
            Map<String, LoadedModel> next = new LinkedHashMap<>();
            for (Map.Entry<String, LoadedModel> e : current.models().entrySet()) {
                if (wanted.versions().contains(e.getKey())) {
                    next.put(e.getKey(), e.getValue());
                }
            }
            next.putAll(fresh);
            // A production version that could not be loaded never leaves the replica without a model:
            // the one that answered until now keeps answering.
            if (wanted.production() == null || !next.containsKey(wanted.production())) {
                current.defaultModel().ifPresent(m -> next.putIfAbsent(m.version(), m));
            }
            return new ServingSnapshot(next, wanted.production());
        });
        List<String> dropped = new ArrayList<>();
        for (String version : before.models().keySet()) {
            if (!after.models().containsKey(version)) {
                dropped.add(version);
            }
        }
        updateVersionMeters(after, fresh.keySet(), dropped);
        heartbeat(source, after);
        if (!fresh.isEmpty() || !dropped.isEmpty() || !java.util.Objects.equals(before.production(), after.production())) {
            LOG.infof("serving %s (production %s); loaded %s, dropped %s", after.models().keySet(), after.production(),
                    fresh.keySet(), dropped);
        }
        return new Outcome(List.copyOf(fresh.keySet()), dropped, after.production(), failedNow);
    }

    /**
     * Tells the source what this replica serves now (the registry's heartbeat). A failed write changes nothing here
     * and is logged: the heartbeat grows stale, and the router stops waiting for this replica once it is.
     */
    private static void heartbeat(ModelSource source, ServingSnapshot serving) {
        try {
            source.serving(serving.models().keySet());
        } catch (Exception e) {
            LOG.warnf("could not record the versions this replica serves in %s: %s", source.describe(), e.getMessage());
        }
    }

    /** Failures still remembered, by version. */
    public Map<String, Failure> failures() {
        return Map.copyOf(failures);
    }

    private void updateVersionMeters(ServingSnapshot after, Iterable<String> loaded, List<String> dropped) {
        for (String version : dropped) {
            List<Meter> meters = versionMeters.remove(version);
            if (meters != null) {
                meters.forEach(registry::remove);
            }
        }
        for (String version : loaded) {
            LoadedModel model = after.models().get(version);
            if (model == null) {
                continue;
            }
            List<Meter> meters = new ArrayList<>();
            meters.add(Gauge.builder("recsys.model.loaded", () -> 1).tag("version", version)
                    .description("1 for every model version this replica serves").register(registry));
            meters.add(Gauge.builder("recsys.model.age.seconds", model,
                            m -> Duration.between(m.loadedAt(), Instant.now()).toSeconds())
                    .tag("version", version).description("seconds since the version was loaded").register(registry));
            versionMeters.put(version, meters);
        }
    }

    private void count(String name, String reason) {
        registry.counter("recsys." + name, "reason", reason).increment();
    }

    /** A short, stable reason for metrics and logs. */
    static String reasonOf(Throwable e) {
        String name = e.getClass().getSimpleName();
        String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        if (e instanceof OutOfMemoryError) {
            return "out_of_memory";
        }
        if (e instanceof ModelValidator.InvalidModelException) {
            return "validation";
        }
        if (name.startsWith("Unknown") || name.contains("Missing") || e instanceof java.util.NoSuchElementException) {
            return "not_found";
        }
        if (message.contains("checksum") || message.contains("md5") || name.contains("Corrupt")) {
            return "checksum";
        }
        if (e instanceof ModelFormatException) {
            return "format";
        }
        if (name.startsWith("Mongo")) {
            return "registry_unavailable";
        }
        if (e instanceof java.io.IOException) {
            return "io";
        }
        return "error";
    }
}
