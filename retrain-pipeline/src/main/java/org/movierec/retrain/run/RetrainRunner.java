package org.movierec.retrain.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.movierec.retrain.dvc.DvcCache;
import org.movierec.registry.ModelVersion;
import org.movierec.retrain.RunLayout;
import org.movierec.retrain.evaluate.Evaluation;
import org.movierec.retrain.params.ParamsYaml;
import org.movierec.retrain.params.RetrainParams;
import org.movierec.retrain.promote.Promotion;
import org.movierec.retrain.record.RunFacts;
import org.movierec.retrain.record.RunTables;

/**
 * Runs the whole pipeline in one process: every stage ({@link StageTask}, in {@link Stage} order) writes its files
 * into {@code runs/<runId>} (the layout of {@code dvc.yaml}) and hands its result to the next in memory through
 * the run's {@link RunContext}; after each stage the outputs go
 * into the DVC cache and the run's {@code dvc.lock}. Ends with a Slack notice.
 *
 * <h2>Failures</h2>
 * <p>Any exception fails the run at the current stage. Production is only ever changed by the last step
 * (the registry's atomic pointer write, or the router starting a canary), so it is untouched; a version the
 * run registered before failing is marked rejected with the reason, so no unexplained candidate is left.
 */
public final class RetrainRunner {

    private static final System.Logger LOG = System.getLogger(RetrainRunner.class.getName());
    private static final long NOTICE_WAIT_SECONDS = 30;

    private final RunConfig config;
    private final Clock clock;

    public RetrainRunner(RunConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public RunConfig config() {
        return config;
    }

    /** Runs {@code request} to the end; never throws (a failure is a failed outcome). */
    public RunOutcome run(RunRequest request, RunListener listener) {
        Execution e = new Execution(request, listener);
        RunOutcome outcome = e.execute();
        e.recordTables(outcome);
        // wait for the notice (bounded: the notifier times out by itself), so a command-line run that exits
        // right after still delivers it
        config.slack().send(Notices.of(outcome)).completeOnTimeout(false, NOTICE_WAIT_SECONDS, TimeUnit.SECONDS).join();
        return outcome;
    }

    /** The state of one run. */
    private final class Execution {
        private final RunRequest request;
        private final RunListener listener;
        private final Instant startedAt = clock.instant();
        private final Map<String, Double> stageSeconds = new LinkedHashMap<>();
        private final RunContext context;
        private Stage stage;
        private long stageStart;

        Execution(RunRequest request, RunListener listener) {
            this.request = request;
            this.listener = listener;
            this.context = new RunContext(new RunLayout(config.workDir().resolve("runs").resolve(request.runId())),
                    config.params(), request, "retrain-service run " + request.runId(), RunServices.of(config));
        }

        RunOutcome execute() {
            RetrainParams params = config.params();
            RunLayout layout = context.layout();
            try {
                Files.createDirectories(layout.dir());
                Files.writeString(layout.path(RunLayout.PARAMS), ParamsYaml.text(params), StandardCharsets.UTF_8);
                Provenance provenance = new Provenance(layout, new DvcCache(config.workDir().resolve("cache")), params);
                for (Stage next : Stage.values()) {
                    begin(next);
                    StageTask.of(next).run(context);
                    end(provenance);
                }

                Instant finishedAt = clock.instant();
                recordDuration(layout, provenance, finishedAt);
                Promotion promotion = context.promotionIfAny();
                return new RunOutcome(request.runId(), promotion.promoted() ? RunStatus.SUCCEEDED : RunStatus.REJECTED,
                        stage, null, version(), promotion.promoted(), promotion.mode(), promotion.experimentId(),
                        promotion.promoted() ? List.of() : promotion.reasons(), metrics(), stageSeconds, startedAt,
                        finishedAt);
            } catch (Exception | Error failure) {
                if (failure instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                String error = describe(failure);
                LOG.log(System.Logger.Level.WARNING, "retrain run " + request.runId() + " failed at stage "
                        + (stage == null ? "start" : stage.wireName()) + ": " + error, failure);
                rejectOwnVersion(error);
                return new RunOutcome(request.runId(), RunStatus.FAILED, stage, error, version(), false, "none", null,
                        List.of(), metrics(), stageSeconds, startedAt, clock.instant());
            }
        }

        /** The version this run registered, or null. */
        private String version() {
            ModelVersion registered = context.registeredIfAny();
            return registered == null ? null : registered.version();
        }

        /** {@code metrics.json}'s content once evaluate ran, else empty. */
        private Map<String, Object> metrics() {
            Evaluation evaluation = context.evaluationIfKnown();
            return evaluation == null ? Map.of() : evaluation.toMap();
        }

        /**
         * Copies the run into the telemetry database's dashboard tables ({@link RunTables}). Best effort, like the
         * lineage's duration: the run is complete without it, and the next run re-synchronises production.
         */
        void recordTables(RunOutcome outcome) {
            try {
                String production = config.registry().productionVersion().orElse(null);
                ModelVersion registered = context.registeredIfAny();
                RunTables.write(config.jdbcUrl(), config.dbUser(), config.dbPassword(),
                        new RunFacts(outcome, context.qualityIfTaken(), registered == null ? null : registered.createdAt(),
                                context.evaluationIfKnown(), context.fairnessIfKnown(), production));
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "could not record run " + request.runId()
                        + " in the telemetry database's dashboard tables: " + describe(e), e);
            }
        }

        private void begin(Stage next) {
            stage = next;
            stageStart = System.nanoTime();
            listener.stageStarted(request.runId(), next);
        }

        private void end(Provenance provenance) throws IOException {
            provenance.record(stage);
            double seconds = (System.nanoTime() - stageStart) / 1e9;
            stageSeconds.put(stage.wireName(), seconds);
            listener.stageFinished(request.runId(), stage, seconds);
        }

        private void recordDuration(RunLayout layout, Provenance provenance, Instant finishedAt) {
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("durationSeconds", (finishedAt.toEpochMilli() - startedAt.toEpochMilli()) / 1000.0);
            extra.put("stageSeconds", new LinkedHashMap<String, Object>(stageSeconds));
            extra.put("dvcLock", provenance.lockText());
            extra.put("runDir", layout.dir().toString());
            try {
                config.registry().updateLineage(version(), extra);
            } catch (RuntimeException e) {
                // the version is complete without it; the run record keeps the durations
                LOG.log(System.Logger.Level.WARNING, "could not add the duration to the lineage of " + version(), e);
            }
        }

        /** A version this run registered and did not promote is marked rejected, with the failure. */
        private void rejectOwnVersion(String error) {
            String version = version();
            if (version == null) {
                return;
            }
            try {
                if (config.registry().productionVersion().filter(version::equals).isEmpty()) {
                    config.registry().reject(version, "retrain run " + request.runId() + " failed at stage "
                            + stage.wireName() + ": " + error);
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "could not mark version " + version + " rejected", e);
            }
        }
    }

    /** A failure in one line: the message, or the type when there is none. */
    static String describe(Throwable t) {
        String message = t.getMessage();
        String text = message == null || message.isBlank() ? t.getClass().getSimpleName()
                : t.getClass().getSimpleName() + ": " + message;
        return text.length() > 500 ? text.substring(0, 500) + "…" : text;
    }
}
