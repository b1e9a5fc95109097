package org.movierec.retrain.service;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import org.movierec.platform.notify.SlackNotifier;
import org.movierec.registry.ModelRegistry;
import org.movierec.retrain.release.ReleaseService;
import org.movierec.retrain.params.RetrainParams;
import org.movierec.retrain.promote.CanaryClient;
import org.movierec.retrain.promote.PromotionMode;
import org.movierec.retrain.run.DirectorySource;
import org.movierec.retrain.run.RetrainRunner;
import org.movierec.retrain.run.RunConfig;
import org.movierec.retrain.run.RunListener;
import org.movierec.retrain.run.RunOutcome;
import org.movierec.retrain.run.RunRequest;
import org.movierec.retrain.run.RunStatus;
import org.movierec.retrain.run.Stage;
import org.movierec.retrain.snapshot.DemographicsFileSource;
import org.movierec.retrain.snapshot.UserApiClient;

/**
 * Starts runs (from the schedule or the admin API), one at a time across replicas: takes the
 * {@link RunLease}, records the run, runs the pipeline on a worker thread with heartbeats, records the
 * outcome and releases the lease. A run's direct promotion goes through the {@link ReleaseService}, the one
 * writer of the production pointer. Metrics: {@code retrain_runs_total{outcome}} (promoted, canary, rejected, failed),
 * {@code retrain_stage_seconds{stage}}, {@code retrain_last_success_timestamp_seconds},
 * {@code retrain_running}.
 */
@ApplicationScoped
public class RetrainCoordinator {

    private static final Logger LOG = Logger.getLogger(RetrainCoordinator.class);
    private static final DateTimeFormatter RUN_ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final RetrainConfig config;
    private final MeterRegistry meters;
    private final Clock clock = Clock.systemUTC();
    private final String owner;
    private final RunLease lease;
    private final RunRecords records;
    private final ModelRegistry registry;
    private final RetrainRunner runner;
    private final PromotionMode defaultPromotion;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "retrain-run"));
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "retrain-lease-heartbeat"));
    private final AtomicLong lastSuccess = new AtomicLong();
    private final AtomicInteger running = new AtomicInteger();

    public RetrainCoordinator(RetrainConfig config, MongoClient mongo, MeterRegistry meters, ReleaseService releases)
            throws IOException {
        this.config = config;
        this.meters = meters;
        this.owner = hostName() + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        MongoDatabase db = mongo.getDatabase(config.mongodbDatabase());
        this.lease = new RunLease(db, owner, config.lease().ttl(), clock);
        this.records = new RunRecords(db);
        this.registry = new ModelRegistry(db);
        this.defaultPromotion = PromotionMode.parse(config.promotion());
        RetrainParams params = config.paramsFile().isPresent()
                ? RetrainParams.load(Path.of(config.paramsFile().get())) : RetrainParams.ofDefaults();
        DirectorySource directory = config.usersFile().isPresent()
                ? () -> DemographicsFileSource.load(Path.of(config.usersFile().get()))
                : new UserApiClient(config.userApiUrl(), Duration.ofSeconds(30))::fetch;
        RunConfig runConfig = new RunConfig(Path.of(config.workDir()), params, config.database().url(),
                config.database().user(), config.database().password(), directory, registry,
                new CanaryClient(config.routerUrl(), config.routerAdminToken().orElse(null), Duration.ofSeconds(10)),
                SlackNotifier.of(config.slackWebhookUrl().orElse(null), Duration.ofSeconds(10)), releases);
        this.runner = new RetrainRunner(runConfig, clock);
        meters.gauge("retrain_last_success_timestamp_seconds", lastSuccess, AtomicLong::doubleValue);
        meters.gauge("retrain_running", running, AtomicInteger::doubleValue);
    }

    /**
     * Registers {@code retrain_runs_total} for every outcome at 0 when the service starts (this bean itself is
     * created on first use): the first failure after a start is then an increase that alerts can see.
     */
    static void registerRunCounters(@Observes StartupEvent event, MeterRegistry meters) {
        for (String outcome : new String[] {"promoted", "canary", "rejected", "failed"}) {
            meters.counter("retrain_runs", "outcome", outcome);
        }
    }

    /** The registry (for lineage). */
    public ModelRegistry registry() {
        return registry;
    }

    /** The run records. */
    public RunRecords records() {
        return records;
    }

    /** The promotion used when a trigger names none. */
    public PromotionMode defaultPromotion() {
        return defaultPromotion;
    }

    /**
     * Starts a run unless one is in progress on any replica, or one for the same {@code cutoff} already ran without
     * failing. The trigger's cutoff is its identity: the schedule fires on every replica with the same nominal time,
     * and an operator's trigger sent to two replicas names the same cutoff; checked under the lease, so two replicas
     * cannot both find none.
     *
     * @param trigger {@code cron} or {@code api}
     */
    public synchronized TriggerResult trigger(Instant cutoff, PromotionMode promotion, String trigger) {
        Instant now = clock.instant();
        String runId = RUN_ID_TIME.format(now) + "-" + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
        RunLease.Attempt attempt = lease.acquire(runId);
        if (attempt instanceof RunLease.Busy busy) {
            return TriggerResult.refused(busy.runId(), "is in progress");
        }
        String abandoned = ((RunLease.Acquired) attempt).abandonedRunId();
        if (abandoned != null) {
            LOG.warnf("retrain run %s abandoned (its lease expired); taking over", abandoned);
            records.abandoned(abandoned, now);
        }
        try {
            Optional<String> same = records.notFailedFor(cutoff);
            if (same.isPresent()) {
                lease.release(runId);
                return TriggerResult.refused(same.get(), "already ran for cutoff " + cutoff);
            }
            records.started(runId, trigger, cutoff, promotion.wireName(), owner, now);
        } catch (RuntimeException e) {
            lease.release(runId);
            throw e;
        }
        running.incrementAndGet();
        long every = config.lease().heartbeat().toMillis();
        ScheduledFuture<?> heartbeat = heartbeats.scheduleAtFixedRate(() -> renew(runId), every, every, TimeUnit.MILLISECONDS);
        worker.submit(() -> execute(new RunRequest(runId, cutoff, promotion), heartbeat));
        LOG.infof("retrain run %s started (%s, cutoff %s, promotion %s)", runId, trigger, cutoff, promotion.wireName());
        return TriggerResult.started(runId);
    }

    private void renew(String runId) {
        try {
            if (!lease.renew(runId)) {
                LOG.warnf("retrain run %s lost its lease", runId);
            }
        } catch (RuntimeException e) {
            LOG.warnf("retrain run %s: lease heartbeat failed: %s", runId, e.toString());
        }
    }

    private void execute(RunRequest request, ScheduledFuture<?> heartbeat) {
        try {
            RunOutcome outcome = runner.run(request, new RunListener() {
                @Override
                public void stageStarted(String runId, Stage stage) {
                    records.stage(runId, stage);
                }

                @Override
                public void stageFinished(String runId, Stage stage, double seconds) {
                    Timer.builder("retrain_stage").tag("stage", stage.wireName())
                            .description("Duration of each pipeline stage").register(meters)
                            .record(Duration.ofNanos((long) (seconds * 1e9)));
                    records.stageDone(runId, stage, seconds);
                }
            });
            meters.counter("retrain_runs", "outcome", outcomeTag(outcome)).increment();
            if (outcome.status() == RunStatus.SUCCEEDED) {
                lastSuccess.set(outcome.finishedAt().getEpochSecond());
            }
            records.finished(outcome);
            LOG.infof("retrain run %s %s (version %s, promoted %s) in %.1f s", request.runId(),
                    outcome.status().wireName(), outcome.version(), outcome.promoted(), outcome.durationSeconds());
        } catch (RuntimeException e) {
            LOG.errorf(e, "retrain run %s: could not record its outcome", request.runId());
        } finally {
            heartbeat.cancel(false);
            running.decrementAndGet();
            try {
                lease.release(request.runId());
            } catch (RuntimeException e) {
                LOG.warnf("retrain run %s: could not release the lease (it expires by itself): %s", request.runId(), e);
            }
        }
    }

    /**
     * The {@code outcome} tag of {@code retrain_runs_total}: {@code promoted} (straight to production),
     * {@code canary} (a canary experiment started), {@code rejected} (a gate failed) or {@code failed}; the
     * alerts and dashboards tell a promotion from a canary start by it.
     */
    static String outcomeTag(RunOutcome outcome) {
        return switch (outcome.status()) {
            case SUCCEEDED -> "canary".equals(outcome.promotionMode()) ? "canary" : "promoted";
            case REJECTED -> "rejected";
            case FAILED, RUNNING -> "failed";
        };
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
        heartbeats.shutdownNow();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "retrain";
        }
    }
}
