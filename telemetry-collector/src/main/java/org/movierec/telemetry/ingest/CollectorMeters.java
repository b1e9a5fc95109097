package org.movierec.telemetry.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The collector's meters that every {@link ConsumerLoop} adds to (Micrometer meters are thread-safe): one set per
 * process, whatever the number of loops, so dashboards see the process as before.
 *
 * @param registry for the counters tagged per event type, topic and reason
 * @param dbWrite {@code telemetry.db.write}: time to write one batch
 * @param batchSize {@code telemetry.batch.size}: records per committed batch
 */
record CollectorMeters(MeterRegistry registry, Counter experimentRowsWritten, Counter dbFailures, Timer dbWrite,
        DistributionSummary batchSize, Counter dlqSent) {
}
