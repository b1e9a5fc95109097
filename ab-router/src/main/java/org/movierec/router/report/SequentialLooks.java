package org.movierec.router.report;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.movierec.router.stats.SequentialTest;
import org.movierec.router.experiments.ExperimentStore;

/**
 * The always-valid p-values of the report's sequential tests between looks, in collection
 * {@value #COLLECTION}: one document per experiment, arm and metric, lowered with {@code $min} at every
 * look (the mSPRT p-value is the minimum over all looks; see {@link SequentialTest}). Looks are recorded on the
 * router's schedule and at decisions ({@link LookRecorder}), never by reading a report: a dashboard refreshing the
 * report every ten seconds must not change the test's history.
 *
 * <pre>{@code { _id: "<experiment>/<arm>/<metric>", pValue, looks, history: [{at, pValue}, ...] }}</pre>
 *
 * <p>{@code history} keeps each look's time and always-valid p-value (the last {@value #HISTORY_SIZE}
 * looks, {@code $push} with {@code $slice}) so the HTML report can draw the p-value over the looks; the
 * decision only ever needs {@code pValue}.
 */
@ApplicationScoped
public class SequentialLooks {

    /** The collection. */
    public static final String COLLECTION = "experiment_looks";

    /** Looks kept in a document's history: a look a minute for 8 hours, or one a day for years. */
    public static final int HISTORY_SIZE = 500;

    /**
     * One stored look.
     *
     * @param at when the report looked
     * @param pValue the always-valid p-value after that look
     */
    public record StoredLook(Instant at, double pValue) {
    }

    /**
     * What the stored looks of one test say now.
     *
     * @param pValue the always-valid p-value: the minimum over all looks so far
     * @param looks how many looks were recorded
     * @param lastLookAt when the latest look was recorded
     */
    public record Summary(double pValue, long looks, Instant lastLookAt) {
    }

    @Inject
    ExperimentStore store;

    /** The stored looks' summary, or null before the first look. */
    public Summary summary(String experiment, String arm, String metric) {
        Document d = looks().find(eq("_id", key(experiment, arm, metric))).first();
        if (d == null) {
            return null;
        }
        List<StoredLook> history = history(d);
        return new Summary(((Number) d.get("pValue")).doubleValue(), ((Number) d.get("looks")).longValue(),
                history.isEmpty() ? null : history.get(history.size() - 1).at());
    }

    /** Records a look at {@code at}: the stored p-value becomes the minimum of it and {@code pValue}. */
    public void record(String experiment, String arm, String metric, double pValue, Instant at) {
        looks().updateOne(eq("_id", key(experiment, arm, metric)),
                Updates.combine(Updates.min("pValue", pValue), Updates.inc("looks", 1),
                        Updates.pushEach("history", List.of(new Document("at", Date.from(at)).append("pValue", pValue)),
                                new PushOptions().slice(-HISTORY_SIZE))),
                new UpdateOptions().upsert(true));
    }

    /** The stored looks of a metric of an arm, oldest first; empty before the first look. */
    public List<StoredLook> history(String experiment, String arm, String metric) {
        return history(looks().find(eq("_id", key(experiment, arm, metric))).first());
    }

    private static List<StoredLook> history(Document d) {
        List<StoredLook> history = new ArrayList<>();
        if (d != null && d.get("history") != null) {
            for (Document look : d.getList("history", Document.class)) {
                history.add(new StoredLook(look.getDate("at").toInstant(), ((Number) look.get("pValue")).doubleValue()));
            }
        }
        return history;
    }

    private static String key(String experiment, String arm, String metric) {
        return experiment + "/" + arm + "/" + metric;
    }

    private MongoCollection<Document> looks() {
        return store.database().getCollection(COLLECTION);
    }
}
