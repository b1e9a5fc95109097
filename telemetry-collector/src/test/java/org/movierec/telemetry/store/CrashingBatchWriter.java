package org.movierec.telemetry.store;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.TopicPartition;
import org.movierec.telemetry.ingest.Batch;

/**
 * The batch writer of the collector's Quarkus tests (a CDI alternative, test sources only): the real one, which a
 * test can make fail right after its next commit, the nastiest moment of a crash: the rows and positions are
 * committed, nothing after the commit ran (no Kafka commit, no counters, no cache update).
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class CrashingBatchWriter extends BatchWriter {

    private final AtomicBoolean crashAfterNextCommit = new AtomicBoolean();

    /** The next write commits and then fails, once. */
    public void crashAfterNextCommit() {
        crashAfterNextCommit.set(true);
    }

    /** Whether the crash asked for has not happened yet. */
    public boolean isArmed() {
        return crashAfterNextCommit.get();
    }

    @Override
    public Outcome write(Batch batch, String group, Map<TopicPartition, Long> expected, RecentlyServed recentlyServed)
            throws SQLException {
        Outcome outcome = super.write(batch, group, expected, recentlyServed);
        if (crashAfterNextCommit.compareAndSet(true, false)) {
            throw new IllegalStateException("simulated crash right after the commit");
        }
        return outcome;
    }
}
