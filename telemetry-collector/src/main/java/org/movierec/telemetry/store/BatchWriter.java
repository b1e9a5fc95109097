package org.movierec.telemetry.store;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.movierec.telemetry.TelemetryConfig;
import org.movierec.telemetry.ingest.Batch;

/**
 * Writes a {@link Batch} to PostgreSQL in one transaction, table by table, then the Kafka positions after the
 * batch: either all of it is committed or none of it (exactly once into PostgreSQL).
 *
 * <p>The order is the protocol: {@link ServedWriter} first (the batch's served lists, and their watch-through from
 * stored sessions), {@link RequestWriter}, {@link AccountWriter}, {@link RatingWriter}; then the enrichment
 * ({@link OnlinePredictions}: the serving version of each rating, which may be one of this batch's served lists,
 * and its prediction) and {@link PredictionWriter}; for the ratings served in an experiment
 * {@link ExperimentPredictions} (every arm's version's prediction) and {@link ExperimentPredictionWriter};
 * {@link WatchWriter} (sessions, then watch-through of served lists, this batch's included); {@link DeadLetterWriter};
 * and last {@link OffsetStore}, fenced on the positions this collector read or last wrote. Each writer writes one
 * table (the rating writer the two rating tables) with one set-based statement (arrays bound as parameters and
 * {@code unnest}ed: a multi-row write in one round trip), idempotent on the event's own key or merging
 * (least/greatest/union), so even a replay outside this protocol would store each event once.
 *
 * <p>Why bound arrays and not {@code COPY}: every table dedups on the event's key (the stream carries duplicates,
 * which an offset key would not catch), and COPY has no {@code ON CONFLICT}; so COPY can only fill a staging table
 * that the same statement then reads, and measured in {@code bench/telemetry.sh} that writes each row twice and
 * costs more database time than it saves: the COPYs were 14.5 % and 16.6 % of the statements' time within their
 * runs, on top of the same merge (docs/BENCHMARKS.md, issue 17, "COPY + staging against bound arrays, one
 * session"). The merge itself is the cost, not the transfer.
 *
 * <p>The statements are public for ops-checks' {@code TimescalePathTest}, which runs them on the TimescaleDB path
 * (PGlite) and the plain path and compares what the readers then see; each is defined by its writer, and these are
 * the very statements the collector runs.
 */
@ApplicationScoped
public class BatchWriter {

    public static final String INSERT_SERVED = ServedWriter.INSERT;
    public static final String WATCH_THROUGH_FROM_SESSIONS = ServedWriter.WATCH_THROUGH_FROM_SESSIONS;
    public static final String INSERT_REQUESTS = RequestWriter.INSERT;
    public static final String UPSERT_ACCOUNTS = AccountWriter.UPSERT;
    public static final String INSERT_RATING_HISTORY = RatingWriter.INSERT_HISTORY;
    public static final String UPSERT_RATINGS = RatingWriter.UPSERT_LATEST;
    public static final String INSERT_PREDICTIONS = PredictionWriter.INSERT;
    public static final String INSERT_EXPERIMENT_PREDICTIONS = ExperimentPredictionWriter.INSERT;
    public static final String UPSERT_WATCHES = WatchWriter.UPSERT_SESSIONS;
    public static final String WATCH_THROUGH_FROM_WATCHES = WatchWriter.WATCH_THROUGH_FROM_WATCHES;
    public static final String UPSERT_DEAD_LETTERS = DeadLetterWriter.UPSERT;

    /** For {@code telemetry.batch.durable-commit=false}: this transaction only (see its Javadoc for why it is safe). */
    static final String ASYNCHRONOUS_COMMIT = "SET LOCAL synchronous_commit = off";

    static final String NEWEST_SERVED =
            "SELECT (extract(epoch FROM max(served_at)) * 1000000)::int8 FROM served_recommendations";

    static final String RECENTLY_SERVED = "SELECT user_id, (extract(epoch FROM max(served_at)) * 1000000)::int8 "
            + "FROM served_recommendations WHERE served_at >= epoch_micros_to_timestamptz(?) GROUP BY user_id";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TelemetryConfig config;

    @Inject
    OnlinePredictions predictions;

    @Inject
    ExperimentPredictions experimentPredictions;

    @Inject
    StatementTimers timers;

    /**
     * What a committed batch did, for the counters.
     *
     * @param experimentRowsWritten rows new in {@code experiment_predictions}
     * @param experimentRatingsSkipped ratings of an experiment that got no such rows, by reason
     */
    public record Outcome(int predicted, int withoutVersion, int modelUnavailable, int watchedThrough,
            int experimentRowsWritten, Map<String, Integer> experimentRatingsSkipped) {

        public Outcome {
            experimentRatingsSkipped = Map.copyOf(experimentRatingsSkipped);
        }
    }

    /**
     * The stored positions of {@code group}: topic-partition to the next offset to read.
     */
    public Map<TopicPartition, Long> readOffsets(String group) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return OffsetStore.read(c, group);
        }
    }

    /** Fills {@code index} with the users served within the window before the newest served list. */
    public void fill(RecentlyServed index) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            long newest;
            try (PreparedStatement q = c.prepareStatement(NEWEST_SERVED); ResultSet r = q.executeQuery()) {
                r.next();
                newest = r.getLong(1);
                if (r.wasNull()) {
                    index.clear(Long.MIN_VALUE); // nothing served yet: every served list will pass by
                    return;
                }
            }
            long from = newest - windowMicros();
            index.clear(from);
            try (PreparedStatement q = c.prepareStatement(RECENTLY_SERVED)) {
                q.setLong(1, from);
                try (ResultSet r = q.executeQuery()) {
                    while (r.next()) {
                        index.served(r.getLong(1), r.getLong(2));
                    }
                }
            }
        }
    }

    /**
     * Writes the batch and its positions in one transaction.
     *
     * @param expected the stored position of each partition of the batch as this collector knows it (absent: no row yet)
     * @throws OffsetConflictException if a stored position is not the expected one (rolled back)
     * @throws SQLException if PostgreSQL fails (rolled back, or unknown if the connection broke during commit)
     */
    public Outcome write(Batch batch, String group, Map<TopicPartition, Long> expected) throws SQLException {
        return write(batch, group, expected, null);
    }

    /**
     * As {@link #write(Batch, String, Map)}, looking up watch-through only for watches that {@code recentlyServed}
     * (or this batch's served lists) say may match; null looks every watch up.
     */
    public Outcome write(Batch batch, String group, Map<TopicPartition, Long> expected, RecentlyServed recentlyServed)
            throws SQLException {
        OnlinePredictions.Predicted predicted = null;
        ExperimentPredictions.Predicted paired = null;
        int experimentRowsWritten = 0;
        int watchedThrough = 0;
        long window = windowMicros();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!config.batch().durableCommit()) {
                    try (Statement st = c.createStatement()) {
                        st.execute(ASYNCHRONOUS_COMMIT);
                    }
                }
                WriteTransaction tx = new WriteTransaction(c, timers);
                if (!batch.served().isEmpty()) {
                    watchedThrough += ServedWriter.write(tx, batch.served(), window);
                }
                if (!batch.requests().isEmpty()) {
                    RequestWriter.write(tx, batch.requests());
                }
                if (!batch.accounts().isEmpty()) {
                    AccountWriter.write(tx, batch.accounts());
                }
                if (batch.ratings().size() > 0) {
                    RatingColumns ratings = RatingColumns.of(batch.ratings());
                    RatingWriter.write(tx, ratings);
                    predicted = predictions.predict(tx, ratings);
                    PredictionWriter.write(tx, predicted);
                    paired = experimentPredictions.predict(predicted);
                    if (paired.rows().size() > 0) {
                        experimentRowsWritten = ExperimentPredictionWriter.write(tx, paired.rows());
                    }
                }
                if (batch.watches().size() > 0) {
                    watchedThrough += WatchWriter.write(tx, batch.watches(), batch.served(), recentlyServed, window);
                }
                if (!batch.rejectedCounts().isEmpty()) {
                    DeadLetterWriter.write(tx, batch.rejectedCounts());
                }
                OffsetStore.store(tx, group, batch.nextOffsets(), expected);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            }
        }
        return predicted == null ? new Outcome(0, 0, 0, watchedThrough, 0, Map.of())
                : new Outcome(predicted.withPrediction(), predicted.withoutVersion(), predicted.modelUnavailable(),
                        watchedThrough, experimentRowsWritten, paired.skipped());
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private long windowMicros() {
        return config.online().watchThroughWindow().toNanos() / 1000;
    }
}
