package org.movierec.router.report;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.Document;
import org.movierec.core.stats.SequentialTest;
import org.movierec.router.experiments.ExperimentStore;

/**
 * The always-valid p-values of the report's sequential tests between looks, in collection
 * {@value #COLLECTION}: one document per experiment, arm and metric, lowered with {@code $min} at every
 * look (the mSPRT p-value is the minimum over all looks; see {@link SequentialTest}).
 */
@ApplicationScoped
public class SequentialLooks {

    /** The collection. */
    public static final String COLLECTION = "experiment_looks";

    @Inject
    ExperimentStore store;

    /** The stored p-value, or {@link SequentialTest#INITIAL_P_VALUE} before the first look. */
    public double previous(String experiment, String arm, String metric) {
        Document d = looks().find(eq("_id", key(experiment, arm, metric))).first();
        return d == null ? SequentialTest.INITIAL_P_VALUE : ((Number) d.get("pValue")).doubleValue();
    }

    /** Records a look: the stored p-value becomes the minimum of it and {@code pValue}. */
    public void record(String experiment, String arm, String metric, double pValue) {
        looks().updateOne(eq("_id", key(experiment, arm, metric)),
                Updates.combine(Updates.min("pValue", pValue), Updates.inc("looks", 1)),
                new UpdateOptions().upsert(true));
    }

    private static String key(String experiment, String arm, String metric) {
        return experiment + "/" + arm + "/" + metric;
    }

    private MongoCollection<Document> looks() {
        return store.database().getCollection(COLLECTION);
    }
}
