package org.movierec.retrain.service;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Sorts.descending;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.movierec.retrain.run.RunOutcome;
import org.movierec.retrain.run.RunStatus;
import org.movierec.retrain.run.Stage;

/**
 * Run records in the collection {@value #COLLECTION}, one document per run ({@code _id} = run id):
 * {@code status} (running, succeeded, failed, rejected), {@code stage}, {@code error}, {@code version},
 * {@code promoted}, {@code promotionMode}, {@code experimentId}, {@code reasons}, {@code trigger},
 * {@code cutoff}, {@code promotion}, {@code startedAt}, {@code finishedAt}, {@code durationSeconds},
 * {@code stageSeconds}, {@code metrics}, {@code owner}; for a canary run, {@code canaryOutcome} once its
 * experiment ended ({@code {experimentId, status: completed|aborted, endReason, endedAt}}, see
 * {@link CanaryOutcomes}).
 */
public final class RunRecords {

    /** The collection. */
    public static final String COLLECTION = "retrain_runs";

    private final MongoCollection<Document> runs;

    public RunRecords(MongoDatabase database) {
        this.runs = database.withWriteConcern(WriteConcern.MAJORITY).getCollection(COLLECTION);
        runs.createIndex(Indexes.descending("startedAt"));
    }

    /** Records a new running run. */
    public void started(String runId, String trigger, Instant cutoff, String promotion, String owner, Instant at) {
        runs.insertOne(new Document("_id", runId).append("status", RunStatus.RUNNING.wireName()).append("stage", null)
                .append("error", null).append("version", null).append("promoted", false).append("trigger", trigger)
                .append("cutoff", cutoff.toString()).append("promotion", promotion).append("owner", owner)
                .append("startedAt", Date.from(at)).append("finishedAt", null).append("durationSeconds", null)
                .append("stageSeconds", new Document()).append("metrics", null));
    }

    /** The run entered {@code stage}. */
    public void stage(String runId, Stage stage) {
        runs.updateOne(eq("_id", runId), set("stage", stage.wireName()));
    }

    /** The run finished {@code stage} in {@code seconds}. */
    public void stageDone(String runId, Stage stage, double seconds) {
        runs.updateOne(eq("_id", runId), set("stageSeconds." + stage.wireName(), seconds));
    }

    /** Records how the run ended. */
    public void finished(RunOutcome o) {
        runs.updateOne(eq("_id", o.runId()), combine(
                set("status", o.status().wireName()),
                set("stage", o.stage() == null ? null : o.stage().wireName()),
                set("error", o.error()),
                set("version", o.version()),
                set("promoted", o.promoted()),
                set("promotionMode", o.promotionMode()),
                set("experimentId", o.experimentId()),
                set("reasons", o.reasons()),
                set("finishedAt", Date.from(o.finishedAt())),
                set("durationSeconds", o.durationSeconds()),
                set("stageSeconds", new Document(new LinkedHashMap<String, Object>(o.stageSeconds()))),
                set("metrics", o.metrics().isEmpty() ? null : new Document(o.metrics()))));
    }

    /** Stores how the run's canary ended (only final outcomes are stored). */
    public void canaryOutcome(String runId, Map<String, Object> outcome) {
        runs.updateOne(eq("_id", runId), set("canaryOutcome", new Document(outcome)));
    }

    /** Marks a run that is still recorded as running failed: its replica died and its lease expired. */
    public void abandoned(String runId, Instant at) {
        runs.updateOne(and(eq("_id", runId), eq("status", RunStatus.RUNNING.wireName())), combine(
                set("status", RunStatus.FAILED.wireName()),
                set("error", "abandoned: its lease expired without a heartbeat (the replica running it stopped)"),
                set("finishedAt", Date.from(at))));
    }

    /**
     * The run for data up to {@code cutoff} that is running or ended without failing (succeeded or rejected), if any:
     * a trigger names its data by its cutoff, so a second trigger with the same cutoff is the same trigger (the
     * schedule fires on every replica with the same nominal time). A failed run does not count: it may be tried again.
     */
    public Optional<String> notFailedFor(Instant cutoff) {
        Document d = runs.find(and(eq("cutoff", cutoff.toString()), ne("status", RunStatus.FAILED.wireName()))).first();
        return Optional.ofNullable(d).map(r -> r.getString("_id"));
    }

    /** The run as JSON-ready data, or empty. */
    public Optional<Map<String, Object>> get(String runId) {
        return Optional.ofNullable(runs.find(eq("_id", runId)).first()).map(RunRecords::toJson);
    }

    /** The newest {@code limit} runs, newest first. */
    public List<Map<String, Object>> list(int limit) {
        List<Map<String, Object>> result = new ArrayList<>();
        for (Document d : runs.find().sort(descending("startedAt")).limit(limit)) {
            result.add(toJson(d));
        }
        return result;
    }

    /** A record as JSON: {@code runId} first, times as ISO-8601. */
    static Map<String, Object> toJson(Document d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runId", d.getString("_id"));
        for (Map.Entry<String, Object> e : d.entrySet()) {
            if (!e.getKey().equals("_id")) {
                m.put(e.getKey(), BsonJson.plain(e.getValue()));
            }
        }
        if (m.get("durationSeconds") == null && d.getDate("startedAt") != null && d.getDate("finishedAt") == null) {
            m.put("durationSeconds", Duration.between(d.getDate("startedAt").toInstant(), Instant.now()).toMillis() / 1000.0);
        }
        return m;
    }
}
