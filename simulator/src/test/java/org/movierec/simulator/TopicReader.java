package org.movierec.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads what the simulator wrote to its topic between two points: {@link #mark()} the end offsets,
 * act (and flush the simulator's producer), then {@link #linesSinceMark()} reads exactly up to the
 * end offsets of that moment — no waiting on time.
 */
public final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final String topic;
    private Map<TopicPartition, Long> mark = new HashMap<>();

    public TopicReader() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
        consumer = new KafkaConsumer<>(p);
        topic = ConfigProvider.getConfig().getValue("simulator.kafka.topic", String.class);
    }

    private List<TopicPartition> partitions() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
            partitions.add(new TopicPartition(topic, info.partition()));
        }
        return partitions;
    }

    /** Remembers the current end of the topic. */
    public void mark() {
        mark = new HashMap<>(consumer.endOffsets(partitions(), Duration.ofSeconds(30)));
    }

    /** The records written since {@link #mark()}, up to the current end of the topic, in partition order. */
    public List<ConsumerRecord<String, String>> recordsSinceMark() {
        List<TopicPartition> partitions = partitions();
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
        consumer.assign(partitions);
        for (TopicPartition tp : partitions) {
            consumer.seek(tp, mark.getOrDefault(tp, 0L));
        }
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("could not read up to " + end + " of " + topic);
            }
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                    records.add(r);
                }
            }
        }
        return records;
    }

    /** The lines written since {@link #mark()}. */
    public List<String> linesSinceMark() {
        return recordsSinceMark().stream().map(ConsumerRecord::value).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
