package org.movierec.telemetry.store;

import org.movierec.telemetry.ingest.Batch;

/**
 * A batch's ratings column by column, copied out of the batch once and shared by the writers of the two rating
 * tables, the online-prediction enrichment and its writer.
 */
record RatingColumns(long[] micros, long[] users, String[] movies, int[] ratings) {

    static RatingColumns of(Batch.Ratings ratings) {
        return new RatingColumns(ratings.micros(), ratings.users(), ratings.movies(), ratings.ratings());
    }

    int size() {
        return users.length;
    }
}
