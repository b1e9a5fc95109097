package org.movierec.retrain.cli;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.movierec.core.json.Json;
import org.movierec.core.model.SvdModel;
import org.movierec.platform.notify.SlackNotifier;
import org.movierec.core.split.Split;
import org.movierec.registry.ModelRegistry;
import org.movierec.registry.ModelVersion;
import org.movierec.registry.release.ReleaseClient;
import org.movierec.retrain.RunLayout;
import org.movierec.retrain.evaluate.EvaluateStage;
import org.movierec.retrain.evaluate.Evaluation;
import org.movierec.retrain.evaluate.ProductionModel;
import org.movierec.retrain.fairness.FairnessReport;
import org.movierec.retrain.fairness.FairnessStage;
import org.movierec.retrain.params.ParamsYaml;
import org.movierec.retrain.params.RetrainParams;
import org.movierec.retrain.promote.CanaryClient;
import org.movierec.retrain.promote.PromoteStage;
import org.movierec.retrain.promote.Releaser;
import org.movierec.retrain.promote.Promotion;
import org.movierec.retrain.promote.PromotionMode;
import org.movierec.retrain.register.Lineage;
import org.movierec.retrain.register.RegisterStage;
import org.movierec.retrain.run.DirectorySource;
import org.movierec.retrain.run.DvcYaml;
import org.movierec.retrain.run.RegistryProduction;
import org.movierec.retrain.run.RetrainRunner;
import org.movierec.retrain.run.RunConfig;
import org.movierec.retrain.run.RunListener;
import org.movierec.retrain.run.RunOutcome;
import org.movierec.retrain.run.RunRequest;
import org.movierec.retrain.run.RunStatus;
import org.movierec.retrain.run.Stage;
import org.movierec.retrain.snapshot.DemographicsFileSource;
import org.movierec.retrain.snapshot.Directory;
import org.movierec.retrain.snapshot.Snapshot;
import org.movierec.retrain.snapshot.SnapshotStage;
import org.movierec.retrain.snapshot.UserApiClient;
import org.movierec.retrain.split.SplitStage;
import org.movierec.retrain.train.TrainStage;

/**
 * {@code bin/retrain}: one subcommand per pipeline stage (what {@code dvc repro} runs, in the current
 * directory by default) and {@code run} for the whole pipeline as the service runs it. Results go to stdout
 * as JSON, progress and errors to stderr; bad arguments exit 2, failures 1 (a gate rejection is not a
 * failure: exit 0 with {@code "status":"rejected"}).
 */
public final class RetrainCli {

    private static final String USAGE = """
            usage: bin/retrain <command> [options]
              snapshot  [--dir .] [--params params.yaml] [--cutoff now|ISO-8601] [--users-file u.user|users.dat|none]
              split     [--dir .] [--params params.yaml]
              train     [--dir .] [--params params.yaml]
              evaluate  [--dir .] [--params params.yaml] [--registry yes|no]
              fairness  [--dir .] [--params params.yaml]
              register  [--dir .] [--params params.yaml] [--run-id ID] [--registry-writes yes|no]
              promote   [--dir .] [--params params.yaml] [--promotion direct|canary] [--run-id ID]
                        [--registry-writes yes|no]
                        register and promote write to the model registry (promote: production); they run only
                        with --registry-writes yes or RETRAIN_REGISTRY_WRITES=yes; a direct promotion is
                        released by retrain-service (POST $RETRAIN_URL/models/{version}/promote)
              run       [--work-dir DIR] [--params FILE] [--run-id ID] [--cutoff now|ISO-8601]
                        [--promotion direct|canary] [--users-file FILE|none]
              dvc-yaml  print the dvc.yaml of the pipeline
              params    print the default params.yaml
            environment: DATABASE_URL DATABASE_USER DATABASE_PASSWORD MONGODB_URI USER_API_URL ROUTER_URL
                         ROUTER_ADMIN_TOKEN SLACK_WEBHOOK_URL RETRAIN_WORK_DIR RETRAIN_PROMOTION
                         RETRAIN_REGISTRY_WRITES RETRAIN_URL RETRAIN_ADMIN_TOKEN
            """;

    private static final Set<String> STAGE_OPTIONS = Set.of("dir", "params", "cutoff", "users-file", "registry",
            "run-id", "promotion", "registry-writes");
    private static final Set<String> RUN_OPTIONS = Set.of("work-dir", "params", "run-id", "cutoff", "promotion",
            "users-file");

    private RetrainCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
            (args.length == 0 ? err : out).print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        try {
            switch (args[0]) {
                case "dvc-yaml" -> out.print(DvcYaml.text());
                case "params" -> out.print(ParamsYaml.text(RetrainParams.ofDefaults()));
                case "run" -> {
                    RunOutcome o = runAll(new Options(args, 1, RUN_OPTIONS), err);
                    out.println(Json.write(outcomeJson(o)));
                    return o.status() == RunStatus.FAILED ? 1 : 0;
                }
                default -> {
                    Stage stage;
                    try {
                        stage = Stage.parse(args[0]);
                    } catch (IllegalArgumentException e) {
                        throw new Options.UsageException("unknown command " + args[0]);
                    }
                    out.println(Json.write(runStage(stage, new Options(args, 1, STAGE_OPTIONS), err)));
                }
            }
            return 0;
        } catch (Options.UsageException e) {
            err.println("retrain: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (Exception e) {
            err.println("retrain: " + args[0] + " failed: " + e);
            return 1;
        }
    }

    private static Map<String, Object> runStage(Stage stage, Options o, PrintStream err) throws Exception {
        if (stage.writesRegistry() && !registryWritesAllowed(o)) {
            throw new IllegalStateException(stage.wireName() + " writes to the model registry"
                    + (stage == Stage.PROMOTE ? " and can change production" : "")
                    + "; outside the retrain-service it runs only when asked to: pass --registry-writes yes or set"
                    + " RETRAIN_REGISTRY_WRITES=yes (with dvc: `dvc unfreeze register promote` too)");
        }
        RunLayout layout = new RunLayout(Path.of(o.get("dir", ".")));
        RetrainParams params = params(o.get("params", layout.path(RunLayout.PARAMS).toString()));
        long start = System.nanoTime();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("stage", stage.wireName());
        switch (stage) {
            case SNAPSHOT -> {
                Directory directory = directorySource(o.get("users-file", null)).fetch();
                Snapshot s = SnapshotStage.take(Environment.databaseUrl(), Environment.databaseUser(),
                        Environment.databasePassword(), cutoff(o.get("cutoff", "now")), directory, params.scale());
                SnapshotStage.write(s, layout);
                result.put("quality", s.quality());
            }
            case SPLIT -> {
                Split split = SplitStage.split(SnapshotStage.read(layout, params.scale()).ratings(), params);
                SplitStage.write(split, layout);
                result.put("train", split.train().size());
                result.put("test", split.test().size());
            }
            case TRAIN -> {
                SvdModel model = TrainStage.train(SplitStage.read(layout, params.scale()).train(), params);
                TrainStage.write(model, layout);
                result.put("model", model.toString());
            }
            case EVALUATE -> {
                Split split = SplitStage.read(layout, params.scale());
                try (MongoClient mongo = "no".equals(o.get("registry", "yes")) ? null : mongo()) {
                    ProductionModel production = mongo == null ? ProductionModel.NONE
                            : new RegistryProduction(new ModelRegistry(mongo.getDatabase("movierec")));
                    Evaluation e = EvaluateStage.evaluate(TrainStage.read(layout), split, production, params);
                    EvaluateStage.write(e, layout);
                    result.putAll(e.toMap());
                }
            }
            case FAIRNESS -> {
                Snapshot s = SnapshotStage.read(layout, params.scale());
                FairnessReport f = FairnessStage.audit(TrainStage.read(layout), SplitStage.read(layout, params.scale()),
                        s.directory(), params);
                FairnessStage.write(f, layout);
                result.put("passed", f.passed());
                result.put("failed", f.failures());
            }
            case REGISTER -> {
                try (MongoClient mongo = mongo()) {
                    ModelRegistry registry = new ModelRegistry(mongo.getDatabase("movierec"));
                    Evaluation e = EvaluateStage.read(layout);
                    Map<String, Object> lineage = Lineage.of(o.get("run-id", cliRunId()), layout,
                            SnapshotStage.read(layout, params.scale()), e, FairnessStage.read(layout), params);
                    SvdModel model = TrainStage.read(layout);
                    ModelVersion v = RegisterStage.register(registry, layout, model.hyperparameters(),
                            e.candidate().toMetrics(), lineage);
                    RegisterStage.write(v, layout);
                    result.put("version", v.version());
                }
            }
            case PROMOTE -> {
                try (MongoClient mongo = mongo()) {
                    ModelRegistry registry = new ModelRegistry(mongo.getDatabase("movierec"));
                    String runId = o.get("run-id", cliRunId());
                    Promotion p = PromoteStage.promote(registry, releaser(), RegisterStage.readVersion(layout),
                            EvaluateStage.read(layout), FairnessStage.read(layout), params,
                            PromotionMode.parse(o.get("promotion", Environment.get("RETRAIN_PROMOTION", "direct"))),
                            canary(), "bin/retrain promote " + runId);
                    PromoteStage.write(p, layout);
                    result.putAll(p.toMap());
                }
            }
        }
        result.put("seconds", (System.nanoTime() - start) / 1e9);
        err.printf("retrain: %s done in %.2f s%n", stage.wireName(), (System.nanoTime() - start) / 1e9);
        return result;
    }

    /**
     * Whether {@code register}/{@code promote} may write to the registry: only when asked for, by option or
     * environment, so that a {@code dvc repro} on a laptop never changes production by accident.
     */
    private static boolean registryWritesAllowed(Options o) {
        String value = o.get("registry-writes", Environment.get("RETRAIN_REGISTRY_WRITES", "no"));
        if (!value.equals("yes") && !value.equals("no")) {
            throw new Options.UsageException("registry-writes must be yes or no, got " + value);
        }
        return value.equals("yes");
    }

    private static RunOutcome runAll(Options o, PrintStream err) throws Exception {
        RetrainParams params = o.has("params") ? params(o.get("params", null)) : RetrainParams.ofDefaults();
        Path workDir = Path.of(o.get("work-dir", Environment.workDir().toString()));
        try (MongoClient mongo = mongo()) {
            RunConfig config = new RunConfig(workDir, params, Environment.databaseUrl(), Environment.databaseUser(),
                    Environment.databasePassword(), directorySource(o.get("users-file", null)),
                    new ModelRegistry(mongo.getDatabase("movierec")), canary(),
                    SlackNotifier.of(Environment.slackWebhook(), Duration.ofSeconds(10)), releaser());
            RunRequest request = new RunRequest(o.get("run-id", cliRunId()), cutoff(o.get("cutoff", "now")),
                    PromotionMode.parse(o.get("promotion", Environment.get("RETRAIN_PROMOTION", "direct"))));
            RunOutcome outcome = new RetrainRunner(config, Clock.systemUTC()).run(request, new RunListener() {
                @Override
                public void stageStarted(String runId, Stage stage) {
                    err.println("retrain: " + stage.wireName() + " ...");
                }

                @Override
                public void stageFinished(String runId, Stage stage, double seconds) {
                    err.printf("retrain: %s done in %.2f s%n", stage.wireName(), seconds);
                }
            });
            return outcome;
        }
    }

    /** The run's outcome as JSON (also the service's run record fields). */
    public static Map<String, Object> outcomeJson(RunOutcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runId", o.runId());
        m.put("status", o.status().wireName());
        m.put("stage", o.stage() == null ? null : o.stage().wireName());
        m.put("error", o.error());
        m.put("version", o.version());
        m.put("promoted", o.promoted());
        m.put("promotionMode", o.promotionMode());
        m.put("experimentId", o.experimentId());
        m.put("reasons", o.reasons());
        m.put("startedAt", o.startedAt().toString());
        m.put("finishedAt", o.finishedAt().toString());
        m.put("durationSeconds", o.durationSeconds());
        m.put("stageSeconds", o.stageSeconds());
        m.put("metrics", o.metrics());
        return m;
    }

    private static RetrainParams params(String file) throws Exception {
        Path p = Path.of(file);
        return Files.exists(p) ? RetrainParams.load(p) : RetrainParams.ofDefaults();
    }

    private static DirectorySource directorySource(String usersFile) {
        if (usersFile == null) {
            return new UserApiClient(Environment.userApiUrl(), Duration.ofSeconds(30))::fetch;
        }
        if (usersFile.equals("none")) {
            return Directory::none;
        }
        Path file = Path.of(usersFile);
        return () -> DemographicsFileSource.load(file);
    }

    private static CanaryClient canary() {
        return new CanaryClient(Environment.routerUrl(), Environment.routerToken(), Duration.ofSeconds(10));
    }

    /**
     * Releases through retrain-service, the one writer of the production pointer, so a release from the command
     * line is in the same history as every other.
     */
    private static Releaser releaser() {
        ReleaseClient client = new ReleaseClient(Environment.retrainUrl(), Environment.retrainToken(), Duration.ofSeconds(60));
        return (version, reason, requestedBy) -> Optional.ofNullable(
                (String) client.promote(version, reason, requestedBy, null).get("previous"));
    }

    private static MongoClient mongo() {
        return MongoClients.create(Environment.mongodbUri());
    }

    static Instant cutoff(String s) {
        if (s.equals("now")) {
            return Instant.now();
        }
        try {
            return Instant.parse(s);
        } catch (RuntimeException e) {
            throw new Options.UsageException("cutoff must be now or an ISO-8601 instant such as 2025-10-17T00:00:00Z, got " + s);
        }
    }

    private static String cliRunId() {
        return "cli-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
    }
}
