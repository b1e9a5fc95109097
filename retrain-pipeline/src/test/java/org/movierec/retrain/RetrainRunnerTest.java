package org.movierec.retrain;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.jsonResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.retrain.dvc.DvcCache;
import org.movierec.retrain.dvc.DvcHash;
import org.movierec.retrain.dvc.DvcIgnore;
import org.movierec.retrain.dvc.DvcOutput;
import org.movierec.retrain.dvc.Yaml12;
import org.movierec.core.generate.GeneratedData;
import org.movierec.core.generate.GeneratorConfig;
import org.movierec.core.generate.SyntheticDataGenerator;
import org.movierec.core.generate.SyntheticDataWriter;
import org.movierec.core.model.ModelFile;
import org.movierec.core.model.SvdModel;
import org.movierec.platform.notify.SlackNotifier;
import org.movierec.registry.ModelRegistry;
import org.movierec.registry.ModelStatus;
import org.movierec.registry.ModelVersion;
import org.movierec.retrain.params.ParamsFile;
import org.movierec.retrain.params.RetrainParams;
import org.movierec.retrain.promote.CanaryClient;
import org.movierec.retrain.promote.PromotionMode;
import org.movierec.retrain.run.RetrainRunner;
import org.movierec.retrain.run.RunConfig;
import org.movierec.retrain.run.RunListener;
import org.movierec.retrain.run.RunOutcome;
import org.movierec.retrain.run.RunRequest;
import org.movierec.retrain.run.RunStatus;
import org.movierec.retrain.run.Stage;
import org.movierec.retrain.snapshot.DemographicsFileSource;
import org.movierec.retrain.snapshot.UserApiClient;
import org.movierec.telemetry.schema.TelemetrySchema;
import org.movierec.testkit.MongoServer;
import org.movierec.testkit.PostgresServer;
import org.movierec.testkit.SlackReceiver;

/**
 * Whole runs against real PostgreSQL (telemetry schema), mongo-java-server (the registry), a user/movie API
 * stand-in, a router stand-in and a Slack receiver.
 */
class RetrainRunnerTest {

    static final String ROUTER_TOKEN = "test-only-router-token";
    static final String CANARY = "/experiments/canary";
    static PostgresServer postgres;
    static MongoServer mongoServer;
    static MongoClient mongo;
    static WireMockServer userApi;
    static WireMockServer router;
    static SlackReceiver slack;
    static GeneratedData data;
    static final AtomicInteger databases = new AtomicInteger();

    @TempDir
    Path work;
    ModelRegistry registry;

    @BeforeAll
    static void start() throws Exception {
        postgres = PostgresServer.builder().database("movierec").build();
        postgres.start();
        TelemetrySchema.migrate(postgres.jdbcUrl(), postgres.user(), postgres.password(), "auto");
        data = SyntheticDataGenerator.generate(GeneratorConfig.of(400, 300, 20_000, 11)
                .withGroupEffect(0.3).withSlugIds(true));
        TelemetryFixture.insert(postgres.jdbcUrl(), postgres.user(), postgres.password(), data.ratings());
        Instant t = Instant.ofEpochSecond(GeneratorConfig.DEFAULT_START);
        // rows the snapshot must drop, one per reason
        TelemetryFixture.insert(postgres.jdbcUrl(), postgres.user(), postgres.password(), 999_999, data.movies().get(0).id(), 4, t);
        TelemetryFixture.insert(postgres.jdbcUrl(), postgres.user(), postgres.password(), 1, "no+such+movie+1900", 4, t);
        TelemetryFixture.insert(postgres.jdbcUrl(), postgres.user(), postgres.password(), 1, "zz+out+of+range", 9, t);
        mongoServer = MongoServer.builder().build();
        mongo = MongoClients.create(mongoServer.start());
        userApi = UserApiStandIn.start(data);
        router = LoopbackWireMock.start();
        slack = SlackReceiver.start();
    }

    @AfterAll
    static void stop() {
        slack.close();
        router.stop();
        userApi.stop();
        mongo.close();
        mongoServer.close();
        postgres.close();
    }

    @BeforeEach
    void freshRegistry() {
        MongoDatabase db = mongo.getDatabase("registry" + databases.incrementAndGet());
        registry = new ModelRegistry(db);
        slack.clear();
        router.resetAll();
        router.stubFor(post(urlEqualTo(CANARY)).atPriority(2)
                .willReturn(jsonResponse("{\"reason\":\"wrong bearer token\"}", 401)));
        routerAnswers(201, "{\"id\":\"exp-1\"}");
    }

    /** The router stand-in answers a canary request carrying the right token with {@code status} and {@code body}. */
    void routerAnswers(int status, String body) {
        router.stubFor(post(urlEqualTo(CANARY)).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + ROUTER_TOKEN))
                .willReturn(jsonResponse(body, status)));
    }

    RetrainRunner runner(RetrainParams params) {
        return runner(params, work);
    }

    RetrainRunner runner(RetrainParams params, Path workDir) {
        RunConfig config = new RunConfig(workDir, params, postgres.jdbcUrl(), postgres.user(), postgres.password(),
                new UserApiClient(LoopbackWireMock.url(userApi), Duration.ofSeconds(10))::fetch, registry,
                new CanaryClient(LoopbackWireMock.url(router), ROUTER_TOKEN, Duration.ofSeconds(10)),
                SlackNotifier.of(slack.webhookUrl(), Duration.ofSeconds(5)), (v, reason, by) -> registry.promote(v));
        return new RetrainRunner(config, Clock.systemUTC());
    }

    RunOutcome run(String runId, RetrainParams params, PromotionMode mode, RunListener listener) {
        return runner(params).run(new RunRequest(runId, Instant.now(), mode), listener);
    }

    RunOutcome goodRun(String runId) {
        RunOutcome o = run(runId, RetrainParams.ofDefaults(), PromotionMode.DIRECT, RunListener.NONE);
        assertThat(o.status()).as("%s", o).isEqualTo(RunStatus.SUCCEEDED);
        return o;
    }

    @Test
    void fullRunRegistersPromotesAndRecordsProvenance() throws Exception {
        RunOutcome o = goodRun("run-1");
        assertThat(o.promoted()).isTrue();
        assertThat(o.promotionMode()).isEqualTo("direct");
        assertThat(registry.productionVersion()).contains(o.version());
        assertThat(o.stageSeconds()).containsOnlyKeys("snapshot", "split", "train", "evaluate", "fairness", "register", "promote");

        RunLayout layout = new RunLayout(work.resolve("runs/run-1"));
        Map<String, Object> quality = RetrainJson.readObject(Files.readString(layout.path(RunLayout.QUALITY)));
        assertThat(quality.get("rows_read")).isEqualTo(20_003L);
        assertThat(quality.get("rows_kept")).isEqualTo(20_000L);
        assertThat(quality.get("dropped").toString()).contains("unknown_user", "unknown_movie", "rating_out_of_range");

        ModelVersion v = registry.get(o.version()).orElseThrow();
        Map<String, Object> lineage = v.lineage();
        assertThat(lineage.get("runId")).isEqualTo("run-1");
        Map<?, ?> dataLineage = (Map<?, ?>) lineage.get("data");
        assertThat(dataLineage.get("md5")).isEqualTo(DvcHash.of(layout.path(RunLayout.SNAPSHOT), "x").md5());
        assertThat(((Number) dataLineage.get("rows")).intValue()).isEqualTo(20_000);
        assertThat(lineage.get("parentVersion")).isNull();
        assertThat(((Map<?, ?>) lineage.get("code")).get("commit")).isNotNull();
        assertThat(lineage).containsKeys("params", "metrics", "fairness", "split", "durationSeconds", "dvcLock");
        assertThat(v.metrics()).containsKeys("rmse", "mae", "precision@10", "recall@10", "ndcg@10");
        assertThat(v.metrics().get("rmse")).isLessThan(1.1);

        // dvc.lock: every stage, and every hash it names is in the cache (a usable DVC remote)
        String lock = Files.readString(layout.path(RunLayout.DVC_LOCK));
        assertThat(lock).startsWith("schema: '2.0'\nstages:\n");
        for (Stage s : Stage.values()) {
            assertThat(lock).contains("  " + s.wireName() + ":\n    cmd: " + s.cmd());
        }
        DvcCache cache = new DvcCache(work.resolve("cache"));
        String snapshotMd5 = DvcHash.of(layout.path(RunLayout.SNAPSHOT), "x").md5();
        assertThat(lock).contains("md5: " + snapshotMd5);
        assertThat(cache.contains(snapshotMd5)).isTrue();
        for (var entry : DvcHash.tree(layout.path(RunLayout.SNAPSHOT))) {
            assertThat(cache.contains(entry.md5())).isTrue();
        }
        assertThat(cache.contains(DvcHash.md5(layout.path(RunLayout.MODEL)))).isTrue();

        assertThat(slack.awaitPost(p -> p.contains("run-1 succeeded"), Duration.ofSeconds(10)))
                .contains(o.version()).contains("promoted to production");

        // the next good run compares with the first and names it as parent
        RunOutcome second = goodRun("run-2");
        assertThat(registry.get(second.version()).orElseThrow().lineage().get("parentVersion")).isEqualTo(o.version());
        assertThat(second.metrics().get("production").toString()).contains(o.version());
    }

    @Test
    void worseCandidateIsRegisteredRejectedAndNotPromoted() throws Exception {
        RunOutcome good = goodRun("good");
        RetrainParams worse = RetrainParams.ofDefaults().with("train.factors", 2).with("train.epochs", 1)
                .with("train.lr", 0.001).with("train.validationFraction", 0);
        RunOutcome bad = run("worse", worse, PromotionMode.DIRECT, RunListener.NONE);
        assertThat(bad.status()).isEqualTo(RunStatus.REJECTED);
        assertThat(bad.promoted()).isFalse();
        assertThat(bad.reasons()).anyMatch(r -> r.startsWith("RMSE"));
        assertThat(registry.productionVersion()).contains(good.version());
        ModelVersion rejected = registry.get(bad.version()).orElseThrow();
        assertThat(rejected.status()).isEqualTo(ModelStatus.REJECTED);
        assertThat(rejected.note()).contains("RMSE");
        assertThat(slack.awaitPost(p -> p.contains("worse") && p.contains("not promoted"), Duration.ofSeconds(10)))
                .contains("RMSE");
    }

    @Test
    void everyRunIsCopiedIntoTheDashboardTablesOfTheTelemetryDatabase() throws Exception {
        RunOutcome first = goodRun("tables-1");
        ModelVersion registered = registry.get(first.version()).orElseThrow();
        Map<String, Object> version = row("SELECT * FROM model_versions WHERE version = ?", first.version());
        assertThat(version.get("run_id")).isEqualTo("tables-1");
        assertThat(version.get("state")).isEqualTo("production");
        assertThat(version.get("production")).isEqualTo(true);
        assertThat((double) version.get("offline_rmse")).isEqualTo(registered.metrics().get("rmse"));
        assertThat((double) version.get("offline_ndcg")).isEqualTo(registered.metrics().get("ndcg@10"));
        assertThat(version.get("offline_k")).isEqualTo(10);
        assertThat(version.get("data_rows")).isEqualTo(20_000L);
        assertThat(version.get("fairness_passed")).isEqualTo(true);
        assertThat(version.get("max_rmse_disparity")).isNotNull();
        assertThat(((java.sql.Timestamp) version.get("created_at")).toInstant()).isEqualTo(registered.createdAt());
        assertThat(row("SELECT count(*) AS n FROM model_fairness WHERE version = ?", first.version()).get("n"))
                .isEqualTo(6L); // gender, age_band, occupation × rmse, precision

        Map<String, Object> run = row("SELECT * FROM retrain_runs WHERE run_id = ?", "tables-1");
        assertThat(run.get("status")).isEqualTo("succeeded");
        assertThat(run.get("promotion_mode")).isEqualTo("direct");
        assertThat(run.get("rows_read")).isEqualTo(20_003L);
        assertThat(run.get("rows_kept")).isEqualTo(20_000L);
        assertThat(run.get("rows_dropped")).isEqualTo(3L);
        assertThat(row("SELECT string_agg(reason || '=' || count, ',' ORDER BY reason) AS r FROM retrain_snapshot_drops"
                + " WHERE run_id = ?", "tables-1").get("r"))
                .isEqualTo("rating_out_of_range=1,unknown_movie=1,unknown_user=1");
        assertThat(row("SELECT count(*) AS n FROM retrain_stage_durations WHERE run_id = ?", "tables-1").get("n"))
                .isEqualTo(7L);

        // a worse candidate: rejected, production unchanged
        RetrainParams worse = RetrainParams.ofDefaults().with("train.factors", 2).with("train.epochs", 1)
                .with("train.lr", 0.001).with("train.validationFraction", 0);
        RunOutcome bad = run("tables-worse", worse, PromotionMode.DIRECT, RunListener.NONE);
        assertThat(bad.status()).isEqualTo(RunStatus.REJECTED);
        assertThat(row("SELECT state, production FROM model_versions WHERE version = ?", bad.version()))
                .containsEntry("state", "rejected").containsEntry("production", false);
        assertThat(row("SELECT status FROM retrain_runs WHERE run_id = ?", "tables-worse").get("status"))
                .isEqualTo("rejected");

        // a better one replaces production: the first is retired, one production row
        RunOutcome second = goodRun("tables-2");
        assertThat(row("SELECT state, production FROM model_versions WHERE version = ?", first.version()))
                .containsEntry("state", "retired").containsEntry("production", false);
        assertThat(row("SELECT version FROM model_versions WHERE production", new Object[0]).get("version"))
                .isEqualTo(second.version());

        // a run that fails before registering: a failed run row, no version
        RunOutcome crashed = run("tables-crash", RetrainParams.ofDefaults(), PromotionMode.DIRECT, crashAt(Stage.TRAIN));
        Map<String, Object> failed = row("SELECT * FROM retrain_runs WHERE run_id = ?", "tables-crash");
        assertThat(failed).containsEntry("status", "failed").containsEntry("stage", "train").containsEntry("version", null);
        assertThat((String) failed.get("error")).contains("simulated crash");
        assertThat(failed.get("rows_kept")).isEqualTo(20_000L);
        assertThat(crashed.version()).isNull();
    }

    /** The one row {@code sql} returns, by column name. */
    private static Map<String, Object> row(String sql, Object... args) throws Exception {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
             var st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            try (var rs = st.executeQuery()) {
                assertThat(rs.next()).as("a row of %s", sql).isTrue();
                Map<String, Object> m = new java.util.LinkedHashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    m.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                }
                assertThat(rs.next()).as("one row of %s", sql).isFalse();
                return m;
            }
        }
    }

    @Test
    void fairnessViolationBlocksPromotionAndNotifies() throws Exception {
        RetrainParams strict = RetrainParams.ofDefaults().with("fairness.max_rmse_disparity", 0.0001);
        RunOutcome o = run("unfair", strict, PromotionMode.DIRECT, RunListener.NONE);
        assertThat(o.status()).isEqualTo(RunStatus.REJECTED);
        assertThat(o.reasons()).anyMatch(r -> r.startsWith("fairness: rmse_disparity."));
        assertThat(registry.productionVersion()).isEmpty();
        assertThat(registry.get(o.version()).orElseThrow().status()).isEqualTo(ModelStatus.REJECTED);
        Map<String, Object> fairness = RetrainJson.readObject(
                Files.readString(work.resolve("runs/unfair").resolve(RunLayout.FAIRNESS)));
        assertThat(fairness.get("passed")).isEqualTo(false);
        assertThat(fairness.get("groups").toString()).contains("gender", "age_band", "occupation");
        assertThat(slack.awaitPost(p -> p.contains("unfair") && p.contains("not promoted"), Duration.ofSeconds(10)))
                .contains("fairness: rmse_disparity");
    }

    @Test
    void crashBeforeRegisteringLeavesTheRegistryAsItWas() throws Exception {
        RunOutcome good = goodRun("base");
        int versions = registry.list().size();
        RunOutcome crashed = run("crash-train", RetrainParams.ofDefaults(), PromotionMode.DIRECT, crashAt(Stage.TRAIN));
        assertThat(crashed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(crashed.stage()).isEqualTo(Stage.TRAIN);
        assertThat(crashed.error()).contains("simulated crash");
        assertThat(crashed.version()).isNull();
        assertThat(registry.list()).hasSize(versions);
        assertThat(registry.productionVersion()).contains(good.version());
        assertThat(slack.awaitPost(p -> p.contains("crash-train failed"), Duration.ofSeconds(10))).contains("`train`");
    }

    @Test
    void crashAfterRegisteringRejectsTheOrphanAndKeepsProduction() throws Exception {
        RunOutcome good = goodRun("base2");
        RunOutcome crashed = run("crash-promote", RetrainParams.ofDefaults(), PromotionMode.DIRECT, crashAt(Stage.PROMOTE));
        assertThat(crashed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(crashed.stage()).isEqualTo(Stage.PROMOTE);
        assertThat(registry.productionVersion()).contains(good.version());
        ModelVersion orphan = registry.get(crashed.version()).orElseThrow();
        assertThat(orphan.status()).isEqualTo(ModelStatus.REJECTED);
        assertThat(orphan.note()).contains("crash-promote failed at stage promote");
        assertThat(registry.loadModel(good.version())).isNotNull();
    }

    @Test
    void canaryPromotionStartsAnExperimentAndLeavesProductionAlone() throws Exception {
        RunOutcome first = run("first", RetrainParams.ofDefaults(), PromotionMode.CANARY, RunListener.NONE);
        // no production yet: nothing to compare a canary with, so the first good candidate goes direct
        assertThat(first.promotionMode()).isEqualTo("direct");
        assertThat(registry.productionVersion()).contains(first.version());

        RunOutcome canary = run("canary", RetrainParams.ofDefaults(), PromotionMode.CANARY, RunListener.NONE);
        assertThat(canary.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(canary.promotionMode()).isEqualTo("canary");
        assertThat(canary.experimentId()).startsWith("exp-");
        assertThat(registry.productionVersion()).contains(first.version());
        List<LoggedRequest> posts = router.findAll(postRequestedFor(urlEqualTo(CANARY)));
        LoggedRequest posted = posts.get(posts.size() - 1);
        assertThat(RetrainJson.readObject(posted.getBodyAsString())).containsEntry("candidateVersion", canary.version())
                .containsEntry("requestedBy", "retrain-service run canary");

        routerAnswers(409, "{\"reason\":\"canary exp-1 is running\"}");
        RunOutcome busy = run("busy", RetrainParams.ofDefaults(), PromotionMode.CANARY, RunListener.NONE);
        assertThat(busy.status()).isEqualTo(RunStatus.FAILED);
        assertThat(busy.error()).contains("already running").contains("409");
        assertThat(registry.get(busy.version()).orElseThrow().status()).isEqualTo(ModelStatus.REJECTED);
        assertThat(registry.productionVersion()).contains(first.version());
    }

    /**
     * The README's steps in a clone, checked the way {@code dvc pull} and {@code dvc status} check them (DVC
     * itself is not installed here): the service runs with its default work directory ({@code .movierec/retrain}
     * under the clone); the clone has the repository's dvc.yaml, params.yaml, .dvcignore and .dvc/config and the
     * run's dvc.lock. "Pull": every output the lock names is fetched from the remote the committed .dvc/config
     * names (directories through their .dir manifest), and every object there is read-only for all (0444).
     * "Status": for each stage of dvc.yaml the lock has the same cmd, deps, outs and param keys; each hash,
     * size and file count equals what DVC computes from the pulled workspace; each param value equals
     * params.yaml's (read by YAML 1.2). The lock lists deps and outs by path and params by key, as DVC writes it.
     * {@code dvc metrics show} reads the pulled metrics files.
     */
    @Test
    void aRunsLockAndCachePullIntoACloneThatDvcFindsUpToDate() throws Exception {
        Path clone = Files.createDirectories(work.resolve("clone"));
        for (String f : List.of("dvc.yaml", "params.yaml", ".dvcignore", ".dvc/config", ".dvc/.gitignore")) {
            Files.createDirectories(clone.resolve(f).getParent());
            Files.copy(RepositoryFilesTest.ROOT.resolve(f), clone.resolve(f));
        }
        RunOutcome o = runner(RetrainParams.ofDefaults(), clone.resolve(".movierec/retrain"))
                .run(new RunRequest("pulled", Instant.now(), PromotionMode.DIRECT), RunListener.NONE);
        assertThat(o.status()).as("%s", o).isEqualTo(RunStatus.SUCCEEDED);
        Path run = clone.resolve(".movierec/retrain/runs/pulled");
        Files.copy(run.resolve("dvc.lock"), clone.resolve("dvc.lock"));
        assertThat(Files.readString(run.resolve("params.yaml"))).isEqualTo(Files.readString(clone.resolve("params.yaml")));

        // dvc pull, from the remote .dvc/config names (a url relative to .dvc/)
        String url = Files.readAllLines(clone.resolve(".dvc/config")).stream().map(String::strip)
                .filter(l -> l.startsWith("url = ")).findFirst().orElseThrow().substring("url = ".length());
        DvcCache remote = new DvcCache(clone.resolve(".dvc").resolve(url).normalize());
        Map<String, Object> lock = Yaml12.loader().load(Files.readString(clone.resolve("dvc.lock")));
        Map<String, Map<String, Object>> lockStages = castMap(lock.get("stages"));
        Set<PosixFilePermission> readOnly = PosixFilePermissions.fromString("r--r--r--");
        for (Map<String, Object> stage : lockStages.values()) {
            for (Map<String, Object> out : castList(stage.get("outs"))) {
                String md5 = (String) out.get("md5");
                Path target = clone.resolve((String) out.get("path"));
                assertThat(remote.contains(md5)).as("%s in the remote", out.get("path")).isTrue();
                assertThat(Files.getPosixFilePermissions(remote.pathOf(md5))).isEqualTo(readOnly);
                if (md5.endsWith(".dir")) {
                    List<Map<String, Object>> manifest = castList(Yaml12.loader().load(Files.readString(remote.pathOf(md5))));
                    for (Map<String, Object> entry : manifest) {
                        Path object = remote.pathOf((String) entry.get("md5"));
                        assertThat(Files.getPosixFilePermissions(object)).isEqualTo(readOnly);
                        Files.createDirectories(target.resolve((String) entry.get("relpath")).getParent());
                        Files.copy(object, target.resolve((String) entry.get("relpath")));
                    }
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(remote.pathOf(md5), target);
                }
            }
        }

        // dvc status
        Map<String, Object> pipeline = Yaml12.loader().load(Files.readString(clone.resolve("dvc.yaml")));
        Map<String, Map<String, Object>> stages = castMap(pipeline.get("stages"));
        assertThat(lockStages.keySet()).containsExactlyElementsOf(stages.keySet());
        Map<String, Object> paramValues = ParamsFile.load(clone.resolve("params.yaml"));
        DvcIgnore ignore = DvcIgnore.of(clone);
        for (Map.Entry<String, Map<String, Object>> e : stages.entrySet()) {
            Map<String, Object> declared = e.getValue();
            Map<String, Object> recorded = lockStages.get(e.getKey());
            assertThat(recorded.get("cmd")).isEqualTo(declared.get("cmd"));
            List<String> declaredOuts = new java.util.ArrayList<>(stringList(declared.get("outs")));
            declaredOuts.addAll(stringList(declared.get("metrics")));
            declaredOuts.sort(String::compareTo);
            for (String key : List.of("deps", "outs")) {
                List<Map<String, Object>> entries = castList(recorded.get(key));
                List<String> paths = entries.stream().map(m -> (String) m.get("path")).toList();
                assertThat(paths).as("%s %s", e.getKey(), key)
                        .containsExactlyElementsOf(key.equals("deps") ? stringList(declared.get("deps")) : declaredOuts);
                assertThat(paths).as("sorted by path").isSorted();
                for (Map<String, Object> entry : entries) {
                    assertThat(entry.keySet()).startsWith("path", "hash", "md5", "size");
                    assertThat(entry.get("hash")).isEqualTo("md5");
                    DvcOutput now = DvcHash.of(clone.resolve((String) entry.get("path")), (String) entry.get("path"), ignore);
                    assertThat(entry.get("md5")).as("%s %s", e.getKey(), entry.get("path")).isEqualTo(now.md5());
                    assertThat(((Number) entry.get("size")).longValue()).isEqualTo(now.size());
                    assertThat(entry.get("nfiles")).isEqualTo(now.nfiles());
                }
            }
            List<String> keys = stringList(declared.get("params"));
            Map<String, Map<String, Object>> params = castMap(recorded.getOrDefault("params", Map.of()));
            Map<String, Object> recordedParams = params.getOrDefault("params.yaml", Map.of());
            assertThat(new java.util.ArrayList<>(recordedParams.keySet())).as("%s params", e.getKey())
                    .containsExactlyElementsOf(keys).isSorted();
            keys.forEach(k -> assertThat(recordedParams.get(k)).as(k).isEqualTo(paramValues.get(k)));
        }

        // dvc metrics show reads these from the workspace
        for (String metrics : List.of(RunLayout.QUALITY, RunLayout.METRICS, RunLayout.FAIRNESS)) {
            assertThat(RetrainJson.readObject(Files.readString(clone.resolve(metrics)))).as(metrics).isNotEmpty();
        }
        assertThat(stages.get("register")).containsEntry("frozen", true).doesNotContainKey("always_changed");
        assertThat(stages.get("promote")).containsEntry("frozen", true).doesNotContainKey("always_changed");
    }

    /** Outside the service, register and promote run only when asked to (RETRAIN_REGISTRY_WRITES or the option). */
    @Test
    void registerAndPromoteRefuseToWriteTheRegistryUnlessAsked() throws Exception {
        for (String stage : List.of("register", "promote")) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = cliWithErr(err, stage, "--dir", work.toString());
            assertThat(code).as(stage).isEqualTo(1);
            assertThat(err.toString()).contains(stage + " writes to the model registry")
                    .contains("--registry-writes yes").contains("RETRAIN_REGISTRY_WRITES=yes");
        }
        assertThat(cliWithErr(new ByteArrayOutputStream(), "register", "--registry-writes", "maybe")).isEqualTo(2);
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> castMap(Object o) {
        return (Map<String, V>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> castList(Object o) {
        return o == null ? List.of() : (List<Map<String, Object>>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<String> stringList(Object o) {
        return o == null ? List.of() : (List<String>) o;
    }

    @Test
    void stagesRunByHandFromTheFilesReproduceTheRun() throws Exception {
        goodRun("repro");
        RunLayout run = new RunLayout(work.resolve("runs/repro"));
        Path dir = Files.createDirectories(work.resolve("by-hand"));
        Files.createDirectories(dir.resolve("data/snapshot"));
        Files.createDirectories(dir.resolve("reports"));
        for (String f : List.of("ratings.tsv", "users.tsv", "movies.tsv")) {
            Files.copy(run.path(RunLayout.SNAPSHOT).resolve(f), dir.resolve("data/snapshot").resolve(f));
        }
        Files.copy(run.path(RunLayout.QUALITY), dir.resolve(RunLayout.QUALITY));
        Files.copy(run.path(RunLayout.PARAMS), dir.resolve(RunLayout.PARAMS));
        for (String stage : List.of("split", "train", "fairness")) {
            assertThat(cli(stage, "--dir", dir.toString())).as(stage).isZero();
        }
        assertThat(cli("evaluate", "--dir", dir.toString(), "--registry", "no")).isZero();
        RunLayout byHand = new RunLayout(dir);
        assertThat(DvcHash.of(byHand.path(RunLayout.SPLIT), "x")).isEqualTo(DvcHash.of(run.path(RunLayout.SPLIT), "x"));
        SvdModel a = ModelFile.read(run.path(RunLayout.MODEL));
        SvdModel b = ModelFile.read(byHand.path(RunLayout.MODEL));
        assertThat(b.userFactors()).isEqualTo(a.userFactors());
        assertThat(b.itemFactors()).isEqualTo(a.itemFactors());
        assertThat(Files.readString(byHand.path(RunLayout.FAIRNESS))).isEqualTo(Files.readString(run.path(RunLayout.FAIRNESS)));
        Map<String, Object> metrics = RetrainJson.readObject(Files.readString(byHand.path(RunLayout.METRICS)));
        Map<String, Object> runMetrics = RetrainJson.readObject(Files.readString(run.path(RunLayout.METRICS)));
        assertThat(metrics.get("candidate")).isEqualTo(runMetrics.get("candidate"));
    }

    @Test
    void anEarlierCutoffTakesOnlyTheRatingsBeforeIt() throws Exception {
        long[] times = new long[data.ratings().size()];
        for (int r = 0; r < times.length; r++) {
            times[r] = data.ratings().time(r);
        }
        java.util.Arrays.sort(times);
        Instant cutoff = Instant.ofEpochSecond(times[times.length / 2]);
        long expected = java.util.Arrays.stream(times).filter(t -> t <= cutoff.getEpochSecond()).count();
        RunOutcome o = runner(RetrainParams.ofDefaults()).run(new RunRequest("half", cutoff, PromotionMode.DIRECT),
                RunListener.NONE);
        assertThat(o.status()).isEqualTo(RunStatus.SUCCEEDED);
        Map<?, ?> lineage = (Map<?, ?>) registry.get(o.version()).orElseThrow().lineage().get("data");
        assertThat(lineage.get("cutoff")).isEqualTo(cutoff.toString());
        assertThat(((Number) lineage.get("rows")).longValue()).isEqualTo(expected);
    }

    @Test
    void movieLensIntegerIdsAndADemographicsFileWork() throws Exception {
        // a second database on the same server, with MovieLens-style integer movie ids
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password())) {
            c.createStatement().execute("CREATE DATABASE movielens");
        }
        String url = postgres.jdbcUrl().replace("/movierec", "/movielens");
        TelemetrySchema.migrate(url, postgres.user(), postgres.password(), "auto");
        GeneratedData ml = SyntheticDataGenerator.generate(GeneratorConfig.of(200, 150, 6_000, 5));
        TelemetryFixture.insert(url, postgres.user(), postgres.password(), ml.ratings());
        Path gen = work.resolve("gen");
        SyntheticDataWriter.write(ml, gen);
        RunConfig config = new RunConfig(work, RetrainParams.ofDefaults(), url, postgres.user(), postgres.password(),
                () -> DemographicsFileSource.load(gen.resolve(SyntheticDataWriter.USERS_FILE)), registry, null,
                SlackNotifier.disabled(), (v, reason, by) -> registry.promote(v));
        RunOutcome o = new RetrainRunner(config, Clock.systemUTC())
                .run(new RunRequest("movielens", Instant.now(), PromotionMode.DIRECT), RunListener.NONE);
        assertThat(o.status()).as("%s", o).isEqualTo(RunStatus.SUCCEEDED);
        RunLayout layout = new RunLayout(work.resolve("runs/movielens"));
        List<String> lines = Files.readAllLines(layout.path(RunLayout.SNAPSHOT).resolve("ratings.tsv"));
        assertThat(lines).hasSize(6_000);
        // canonical order: user ids numerically, then movie ids
        assertThat(lines.get(0)).startsWith("1\t");
        assertThat(Files.readAllLines(layout.path(RunLayout.SNAPSHOT).resolve("users.tsv"))).hasSize(201);
        Map<String, Object> quality = RetrainJson.readObject(Files.readString(layout.path(RunLayout.QUALITY)));
        assertThat(quality.get("movies_checked")).isEqualTo(false);
        assertThat(quality.get("users_checked")).isEqualTo(true);
        assertThat(quality.get("rows_dropped")).isEqualTo(0L);
    }

    static RunListener crashAt(Stage at) {
        return new RunListener() {
            @Override
            public void stageStarted(String runId, Stage stage) {
                if (stage == at) {
                    throw new IllegalStateException("simulated crash at " + stage.wireName());
                }
            }
        };
    }

    static int cliWithErr(ByteArrayOutputStream err, String... args) throws Exception {
        Class<?> cli = Class.forName("org.movierec.retrain.cli.RetrainCli");
        var method = cli.getDeclaredMethod("run", String[].class, PrintStream.class, PrintStream.class);
        method.setAccessible(true);
        return (int) method.invoke(null, args, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
    }

    static int cli(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Class<?> cli = Class.forName("org.movierec.retrain.cli.RetrainCli");
        var method = cli.getDeclaredMethod("run", String[].class, PrintStream.class, PrintStream.class);
        method.setAccessible(true);
        int code = (int) method.invoke(null, args, new PrintStream(out), new PrintStream(err));
        if (code != 0) {
            System.err.println(err);
        }
        return code;
    }
}
