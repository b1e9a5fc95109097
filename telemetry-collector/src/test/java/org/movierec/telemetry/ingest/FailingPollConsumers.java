package org.movierec.telemetry.ingest;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * The collector's consumers in its Quarkus tests (a CDI alternative, test sources only): real consumers, whose poll
 * a test can make fail once — after records were fetched, before the collector routed any of them — a failure of
 * the consume loop itself, not of a write.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class FailingPollConsumers extends CollectorConsumers {

    private final AtomicBoolean failNextPoll = new AtomicBoolean();

    /** The next poll that returns records fails instead, once. */
    public void failNextPoll() {
        failNextPoll.set(true);
    }

    /** Whether the failure asked for has not happened yet. */
    public boolean isArmed() {
        return failNextPoll.get();
    }

    @Override
    public KafkaConsumer<byte[], byte[]> create(int member) {
        return new KafkaConsumer<>(properties(member)) {
            @Override
            public ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
                ConsumerRecords<byte[], byte[]> records = super.poll(timeout);
                if (!records.isEmpty() && failNextPoll.compareAndSet(true, false)) {
                    throw new IllegalStateException("simulated failure of the consume loop after a poll");
                }
                return records;
            }
        };
    }
}
