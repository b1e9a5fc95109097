package org.movierec.inference;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.bson.types.Binary;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.movierec.contracts.events.RejectReason;
import org.movierec.contracts.events.ServedEvent;
import org.movierec.contracts.events.ServedEventHeaders;
import org.movierec.contracts.events.Topics;
import org.movierec.core.model.SvdModel;
import org.movierec.inference.realtime.RatingConsumer;
import org.movierec.registry.ModelRegistry;
import org.movierec.registry.ModelVersion;
import org.movierec.registry.ServingReplica;
import org.movierec.registry.ServingReplicas;
import org.movierec.testkit.KafkaTestResource;
import org.movierec.testkit.MongoTestResource;

/**
 * The inference service against a real Kafka broker and a real (wire-compatible) MongoDB: the
 * /recommend contract, validation, fallback, exclusion of rated movies, swaps, a corrupted artifact,
 * real-time fold-in and the served events. Each test starts from the same registry: one production version,
 * loaded ({@link #oneProductionVersion}); the broker, the MongoDB server and the service are shared per JVM.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = MongoTestResource.class, restrictToAnnotatedClass = false)
class InferenceServiceTest {

    @Inject
    RatingConsumer ratingConsumer;

    static final String TOKEN = "Bearer test-only-admin-token";
    static final String LINE = "[^,\\s]+(,[^,\\s]+){19}";

    static MongoClient mongo;
    static MongoDatabase db;
    /** The model of every test's production version. */
    static final SvdModel FIRST = TestModels.trained(1);

    ModelRegistry registry;
    /** This test's production version (of {@link #FIRST}), loaded. */
    ModelVersion production;

    @BeforeAll
    static void connect() {
        mongo = MongoClients.create(ConfigProvider.getConfig().getValue("quarkus.mongodb.connection-string", String.class));
        db = mongo.getDatabase("movierec");
    }

    @AfterAll
    static void close() {
        if (mongo != null) {
            mongo.close();
        }
    }

    /** An empty registry but for one production version, which the service then loads (dropping any other). */
    @BeforeEach
    void oneProductionVersion() throws Exception {
        db.drop();
        registry = new ModelRegistry(db);
        production = registry.register(FIRST, Map.of("rmse", 0.9), Map.of());
        registry.promote(production.version());
        reload();
    }

    /** Stores running experiment {@code id}: production (control) against {@code candidate}, 50/50. */
    private void startExperiment(String id, ModelVersion candidate) {
        db.getCollection("experiments").insertOne(new Document("_id", id).append("name", id)
                .append("status", "running").append("arms", List.of(
                        new Document("name", "control").append("modelVersion", production.version()).append("weight", 50),
                        new Document("name", "candidate").append("modelVersion", candidate.version()).append("weight", 50))));
    }

    static void reload() {
        given().header("Authorization", TOKEN).post("/admin/reload").then().statusCode(200);
    }

    @Test
    void readyOnceAModelIsLoaded() {
        given().get("/q/health/ready").then().statusCode(200).body(containsString(production.version()));
        given().get("/q/health/live").then().statusCode(200)
                .body(containsString("served-event-publisher"));
    }

    @Test
    void plainTextContract() {
        given().get("/recommend/7").then().statusCode(200)
                .contentType(containsString("text/plain"))
                .header("X-Model-Version", production.version())
                .body(matchesPattern(LINE + "\\n?"));
    }

    @Test
    void jsonContract() {
        given().accept(ContentType.JSON).get("/recommend/7").then().statusCode(200)
                .body("userId", equalTo("7"))
                .body("modelVersion", equalTo(production.version()))
                .body("items", hasSize(20))
                .body("items[0].movieId", matchesPattern("\\d+"))
                .body("fallback", equalTo(false));
    }

    @Test
    void badUserIdsAre400WithAReason() {
        for (String bad : List.of("abc", "0", "-3", "007", "1234567890123456789", "7.5", "42;x=1")) {
            // as sent, so that "42;x=1" arrives with a matrix parameter (the router answers 400 for it too)
            given().urlEncodingEnabled(false).get("/recommend/" + bad).then().statusCode(400)
                    .contentType("application/problem+json").body("status", equalTo(400))
                    .body("detail", containsString("userId"));
        }
    }

    @Test
    void unknownUserGetsThePopularityFallback() {
        List<String> items = given().accept(ContentType.JSON).get("/recommend/987654321").then().statusCode(200)
                .body("fallback", equalTo(true)).extract().jsonPath().getList("items.movieId");
        List<String> popular = new ArrayList<>();
        for (int j = 0; j < 20; j++) {
            popular.add(FIRST.items().idAt(FIRST.popularItems()[j]));
        }
        assertThat(items).containsExactlyElementsOf(popular);
    }

    @Test
    void neverAMovieTheUserRated() {
        for (int u = 0; u < 40; u++) {
            String user = FIRST.users().idAt(u);
            Set<String> rated = new HashSet<>();
            for (int i : FIRST.ratedItems().of(u)) {
                rated.add(FIRST.items().idAt(i));
            }
            String line = given().get("/recommend/" + user).then().statusCode(200).extract().asString().strip();
            assertThat(Arrays.asList(line.split(","))).as("user %s", user).doesNotContainAnyElementsOf(rated);
        }
    }

    @Test
    void explainNamesLikedMovies() {
        given().get("/recommend/7?explain=true").then().statusCode(200)
                .body("items[0].because", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void unknownModelVersionIs404() {
        given().get("/recommend/7?model=no-such-version").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("not loaded"));
    }

    @Test
    void swapsToANewProductionVersionAndDropsTheOld() throws Exception {
        ModelVersion next = registry.register(TestModels.trained(2), Map.of("rmse", 0.89), Map.of());
        registry.promote(next.version());
        reload();
        given().get("/recommend/7").then().statusCode(200).header("X-Model-Version", next.version());
        given().get("/recommend/7?model=" + production.version()).then().statusCode(404);
    }

    @Test
    void servesEveryArmOfARunningExperiment() throws Exception {
        ModelVersion candidate = registry.register(TestModels.trained(2), Map.of("rmse", 0.89), Map.of());
        startExperiment("exp-1", candidate);
        reload();
        given().header("X-Experiment", "exp-1").header("X-Arm", "candidate")
                .get("/recommend/7?model=" + candidate.version()).then().statusCode(200)
                .header("X-Model-Version", candidate.version());
        db.getCollection("experiments").updateOne(new Document("_id", "exp-1"), new Document("$set", new Document("status", "stopped")));
        reload();
        given().get("/recommend/7?model=" + candidate.version()).then().statusCode(404);
    }

    @Test
    void aCorruptedArtifactIsRejectedAndTheOldVersionKeepsServing() throws Exception {
        ModelVersion corrupted = registry.register(TestModels.trained(3), Map.of(), Map.of());
        // flip bytes in the stored artifact: GridFS chunk of the file named by its md5
        Object fileId = db.getCollection("artifacts.files").find(new Document("filename", corrupted.md5())).first().get("_id");
        Document chunk = db.getCollection("artifacts.chunks").find(new Document("files_id", fileId)).first();
        byte[] data = ((Binary) chunk.get("data")).getData();
        for (int j = 100; j < 120 && j < data.length; j++) {
            data[j] ^= 0x5a;
        }
        db.getCollection("artifacts.chunks").updateOne(new Document("_id", chunk.get("_id")),
                new Document("$set", new Document("data", new Binary(data))));
        registry.promote(corrupted.version());

        reload();

        given().get("/recommend/7").then().statusCode(200).header("X-Model-Version", production.version());
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("recsys_reload_failures_total{reason=\"checksum\""))
                .body(containsString("recsys_model_production_loaded 0.0"));
        registry.promote(production.version());
        reload();
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("recsys_model_production_loaded 1.0"))
                .body(containsString("recsys_recommend_seconds_bucket{"))
                .body(containsString("http_server_requests_seconds_bucket{"));
    }

    @Test
    void foldInChangesANewUsersListWithinSeconds() throws Exception {
        String user = "55501";
        awaitFoldInConsumer();
        String before = given().get("/recommend/" + user).then().statusCode(200).extract().asString().strip();
        // the new user rates five movies of the popular head 5 and the rest of the list they were offered 1
        List<String> offered = Arrays.asList(before.split(","));
        try (KafkaProducer<String, String> producer = producer()) {
            for (int j = 0; j < 5; j++) {
                String line = "2026-11-25T10:00:0" + j + "," + user + ",GET /rate/" + offered.get(j) + "=" + (j < 2 ? 5 : 1);
                producer.send(new ProducerRecord<>(Topics.MOVIELOG, user, line)).get();
            }
        }
        String after = awaitChange(user, before);
        assertThat(after).isNotEqualTo(before);
        assertThat(Arrays.asList(after.split(","))).doesNotContainAnyElementsOf(offered.subList(0, 5));
        given().accept(ContentType.JSON).get("/recommend/" + user).then().body("fallback", equalTo(false));
    }

    @Test
    void everyAnswerIsPublishedAsAServedEvent() {
        String requestId = UUID.randomUUID().toString();
        given().header("X-Request-Id", requestId).header("X-Experiment", "exp-9").header("X-Arm", "control")
                .get("/recommend/7").then().statusCode(200);
        ServedEvent found;
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of(Topics.SERVED));
            found = await().atMost(Duration.ofSeconds(20)).pollInSameThread().pollDelay(Duration.ZERO)
                    .until(() -> servedEvent(consumer, requestId), Optional::isPresent)
                    .orElseThrow();
        }
        assertThat(found.userId()).isEqualTo(7L);
        assertThat(found.experiment()).isEqualTo("exp-9");
        assertThat(found.arm()).isEqualTo("control");
        assertThat(found.modelVersion()).isEqualTo(production.version());
        assertThat(found.items()).hasSize(20);
        assertThat(found.status()).isEqualTo(200);
        assertThat(metric(SENT)).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void aRequestTheRouterPublishesForGetsItsItemsInHeadersAndNoEventHere() {
        String viaRouter = "via-router-" + UUID.randomUUID();
        io.restassured.response.Response answer = given().header("X-Request-Id", viaRouter)
                .header(ServedEventHeaders.PUBLISHED_BY, ServedEventHeaders.ROUTER).get("/recommend/7");
        answer.then().statusCode(200).header(ServedEventHeaders.PUBLISHED_BY, ServedEventHeaders.ROUTER)
                .header(ServedEventHeaders.POPULARITY, "false");
        // the items header is the list of the text answer, in its order
        assertThat(answer.header(ServedEventHeaders.ITEMS)).isEqualTo(answer.asString().strip());
        given().header(ServedEventHeaders.PUBLISHED_BY, ServedEventHeaders.ROUTER).accept(ContentType.JSON)
                .get("/recommend/987654321").then().statusCode(200).body("fallback", equalTo(true))
                .header(ServedEventHeaders.POPULARITY, "true");

        // a direct call of the same user afterwards: its event is published, on the same partition (keyed by user)
        // and after any event of the first request, so reaching it without having seen the first proves there is none
        String direct = "direct-" + UUID.randomUUID();
        given().header("X-Request-Id", direct).get("/recommend/7").then().statusCode(200)
                .header(ServedEventHeaders.PUBLISHED_BY, org.hamcrest.Matchers.nullValue())
                .header(ServedEventHeaders.ITEMS, org.hamcrest.Matchers.nullValue());
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of(Topics.SERVED));
            await().atMost(Duration.ofSeconds(20)).pollInSameThread().pollDelay(Duration.ZERO).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    seen.add(ServedEvent.fromJson(r.value()).requestId());
                }
                return seen.contains(direct);
            });
        }
        assertThat(seen).doesNotContain(viaRouter);
    }

    @Test
    void afterEveryCheckTheHeartbeatListsTheLoadedVersions() throws Exception {
        ModelVersion candidate = registry.register(TestModels.trained(2), Map.of("rmse", 0.89), Map.of());
        startExperiment("exp-hb", candidate);
        java.time.Instant before = java.time.Instant.now();
        reload();
        List<ServingReplica> replicas = new ServingReplicas(db).freshSince(before);
        assertThat(replicas).hasSize(1);
        assertThat(replicas.get(0).id()).isEqualTo(ServingReplicas.thisProcess());
        assertThat(replicas.get(0).versions()).containsExactlyInAnyOrder(production.version(), candidate.version());

        db.getCollection("experiments").updateOne(new Document("_id", "exp-hb"),
                new Document("$set", new Document("status", "stopped")));
        reload();
        assertThat(new ServingReplicas(db).freshSince(before)).singleElement()
                .extracting(ServingReplica::versions).isEqualTo(Set.of(production.version()));
    }

    @Test
    void adminNeedsTheToken() {
        given().post("/admin/reload").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer").body("detail", equalTo("missing bearer token"));
        given().header("Authorization", "Bearer wrong").post("/admin/reload").then().statusCode(401);
    }

    /**
     * A user with no rating watches three movies of the popularity list (several minutes each, one minute twice,
     * with an invalid line among them): the production model is SVD++, so their list becomes personal from the
     * watches alone, and the watched movies are left out (the policy of {@code FoldedUsers}). Only the first minute
     * of each movie folds the user in again.
     */
    @Test
    void aUserWhoOnlyWatchedGetsAPersonalListWithoutTheWatchedMovies() throws Exception {
        assertThat(FIRST.implicitFactors()).as("the test models are SVD++").isPresent();
        String user = "55504";
        awaitFoldInConsumer();
        List<String> popular = given().accept(ContentType.JSON).get("/recommend/" + user).then().statusCode(200)
                .body("fallback", equalTo(true)).extract().jsonPath().getList("items.movieId");
        List<String> watched = popular.subList(0, 3);
        double foldInsBefore = metric(FOLD_INS);
        double invalidBefore = metric(SKIPPED_WATCH);
        try (KafkaProducer<String, String> producer = producer()) {
            for (int j = 0; j < 3; j++) {
                for (int minute = 0; minute < 4; minute++) {
                    producer.send(new ProducerRecord<>(Topics.MOVIELOG, user, "2026-11-25T10:0" + j + ":0" + minute + ","
                            + user + ",GET /data/m/" + watched.get(j) + "/" + minute + ".mpg")).get();
                }
                producer.send(new ProducerRecord<>(Topics.MOVIELOG, user, "2026-11-25T10:0" + j + ":09," + user
                        + ",GET /data/m/" + watched.get(j) + "/0.mpg")).get(); // a replayed minute
            }
            producer.send(new ProducerRecord<>(Topics.MOVIELOG, user, "2026-11-25T10:05:00," + user
                    + ",GET /data/m/" + watched.get(0) + "/minus-one.mpg")).get(); // not a watch line
        }
        await("the invalid line is counted").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> metric(SKIPPED_WATCH) > (Double.isNaN(invalidBefore) ? 0 : invalidBefore));

        List<String> after = given().accept(ContentType.JSON).get("/recommend/" + user).then().statusCode(200)
                .body("fallback", equalTo(false)).extract().jsonPath().getList("items.movieId");
        assertThat(after).hasSize(20).isNotEqualTo(popular).doesNotContainAnyElementsOf(watched);
        // one fold-in per movie first watched (one version loaded), none for the later minutes
        assertThat(metric(FOLD_INS)).isEqualTo(foldInsBefore + 3);

        // personal: another user who watched other movies gets another list
        String other = "55505";
        try (KafkaProducer<String, String> producer = producer()) {
            for (int j = 10; j < 13; j++) {
                producer.send(new ProducerRecord<>(Topics.MOVIELOG, other, "2026-11-25T11:00:00," + other
                        + ",GET /data/m/" + popular.get(j) + "/0.mpg")).get();
            }
        }
        String otherList = awaitChange(other, String.join(",", popular));
        assertThat(Arrays.asList(otherList.split(","))).isNotEqualTo(after).doesNotContainAnyElementsOf(popular.subList(10, 13));
    }

    @Test
    void theFoldInConsumerSurvivesAFailingRecordAndKeepsFoldingIn() throws Exception {
        String user = "55502";
        awaitFoldInConsumer();
        double restartsBefore = metric(RESTARTS);
        String before = given().get("/recommend/" + user).then().statusCode(200).extract().asString().strip();
        List<String> offered = Arrays.asList(before.split(","));
        ratingConsumer.failNextRecord();
        try (KafkaProducer<String, String> producer = producer()) {
            // the record the drill makes fail, then the same ratings as above for another new user
            producer.send(new ProducerRecord<>(Topics.MOVIELOG, "55503", "2026-11-25T10:00:00,55503,GET /rate/" + offered.get(0) + "=5")).get();
            for (int j = 0; j < 5; j++) {
                String line = "2026-11-25T10:00:0" + j + "," + user + ",GET /rate/" + offered.get(j) + "=" + (j < 2 ? 5 : 1);
                producer.send(new ProducerRecord<>(Topics.MOVIELOG, user, line)).get();
            }
        }
        String after = awaitChange(user, before);
        assertThat(Arrays.asList(after.split(","))).doesNotContainAnyElementsOf(offered.subList(0, 5));
        assertThat(metric(RESTARTS)).isEqualTo(restartsBefore + 1);
        assertThat(metric(UP)).isEqualTo(1.0);
        given().get("/q/metrics").then()
                .body(containsString("recsys_foldin_skipped_total{reason=\"fold_in_failed\"} 1.0"));
    }

    static final String RESTARTS = "movierec_background_loop_restarts_total{loop=\"rating-consumer\"}";
    static final String UP = "movierec_background_loop_up{loop=\"rating-consumer\"}";
    static final String FOLD_INS = "recsys_foldins_total";
    static final String SKIPPED_WATCH = "recsys_foldin_skipped_total{reason=\"" + RejectReason.BAD_MINUTE + "\"}";
    static final String SENT = "movierec_kafka_publisher_sent_total{publisher=\"served-event-publisher\"}";

    /** The value of one series in /q/metrics, or NaN when absent. */
    private static double metric(String series) {
        return given().get("/q/metrics").then().extract().asString().lines().filter(l -> l.startsWith(series + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1).strip())).findFirst().orElse(Double.NaN);
    }

    /** Waits until the fold-in consumer has its partitions (it reads from the end: earlier ratings are not seen). */
    private static void awaitFoldInConsumer() {
        await("the fold-in consumer gets its partitions").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> given().get("/q/metrics").then().extract().asString().lines()
                        .anyMatch(l -> l.startsWith("recsys_foldin_partitions") && !l.trim().endsWith(" 0.0")));
    }

    /** The user's list once it differs from {@code before}. */
    private static String awaitChange(String user, String before) {
        return await("the list of user " + user + " changes").atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> given().get("/recommend/" + user).then().statusCode(200).extract().asString().strip(),
                        now -> !now.equals(before));
    }

    /** One poll of {@code consumer}: the served event of {@code requestId}, if it came. */
    private static Optional<ServedEvent> servedEvent(KafkaConsumer<String, String> consumer, String requestId) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
            ServedEvent e = ServedEvent.fromJson(r.value());
            if (requestId.equals(e.requestId())) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    private static KafkaProducer<String, String> producer() {
        Properties p = new Properties();
        p.put("bootstrap.servers", ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        p.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        p.put("value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        return new KafkaProducer<>(p);
    }

    private static KafkaConsumer<String, String> consumer() {
        Properties p = new Properties();
        p.put("bootstrap.servers", ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        p.put("group.id", "test-" + UUID.randomUUID());
        p.put("auto.offset.reset", "earliest");
        p.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        p.put("value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        return new KafkaConsumer<>(p);
    }
}
