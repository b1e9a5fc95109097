package org.movierec.inference.realtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;
import org.movierec.core.events.MovielogParser;
import org.movierec.core.events.ParseResult;
import org.movierec.core.events.RateEvent;
import org.movierec.inference.InferenceConfig;

/**
 * Folds every new rating of the {@code movielog} stream into its user, in real time. Every replica
 * reads every partition from the end (no consumer group: each replica needs all ratings, and the
 * ones before it started are in the next trained model). Lines that are not valid rate events are
 * skipped here and counted; the telemetry collector owns the dead-letter topic.
 */
@ApplicationScoped
public class RatingConsumer {

    private static final Logger LOG = Logger.getLogger(RatingConsumer.class);

    @Inject
    InferenceConfig config;

    @Inject
    FoldedUsers foldedUsers;

    @Inject
    MeterRegistry registry;

    private final MovielogParser parser = new MovielogParser();
    private KafkaConsumer<String, String> consumer;
    private Thread thread;
    private volatile boolean running;
    private volatile int assignedPartitions;

    void start(@Observes StartupEvent event) {
        if (config.kafka().bootstrapServers().isEmpty()) {
            LOG.info("no Kafka configured: no real-time fold-in");
            return;
        }
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers().get());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "inference-foldin");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        consumer = new KafkaConsumer<>(props);
        registry.gauge("recsys.foldin.partitions", this, c -> c.assignedPartitions);
        running = true;
        thread = new Thread(this::run, "movielog-foldin");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
    }

    private void run() {
        String topic = config.kafka().movielogTopic();
        try {
            List<TopicPartition> partitions = List.of();
            while (running && partitions.isEmpty()) {
                partitions = partitionsOf(topic);
                if (partitions.isEmpty()) {
                    Thread.sleep(1000); // the topic does not exist yet
                }
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            for (TopicPartition p : partitions) {
                consumer.position(p); // resolve the end offsets now, before reporting ready
            }
            assignedPartitions = partitions.size();
            LOG.infof("folding in ratings from %s (%d partitions)", topic, partitions.size());
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    handle(record.value());
                }
            }
        } catch (WakeupException | InterruptedException e) {
            // shutting down
        } catch (RuntimeException e) {
            LOG.errorf(e, "fold-in consumer stopped");
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private List<TopicPartition> partitionsOf(String topic) {
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(5))) {
                partitions.add(new TopicPartition(topic, p.partition()));
            }
            return partitions;
        } catch (RuntimeException e) {
            LOG.debugf("partitions of %s not available yet: %s", topic, e.getMessage());
            return List.of();
        }
    }

    void handle(String line) {
        ParseResult result = parser.parse(line);
        if (result instanceof ParseResult.Ok ok && ok.event() instanceof RateEvent rate) {
            foldedUsers.rate(Long.toString(rate.userId()), rate.movieId(), rate.rating());
        } else if (result instanceof ParseResult.Rejected rejected) {
            registry.counter("recsys.foldin.skipped", "reason", rejected.reason()).increment();
        }
    }
}
