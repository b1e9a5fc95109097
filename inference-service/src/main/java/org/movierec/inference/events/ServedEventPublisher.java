package org.movierec.inference.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;
import org.movierec.core.events.ServedEvent;
import org.movierec.inference.InferenceConfig;

/**
 * Publishes a {@link ServedEvent} per answered request to {@code recsys.served}, keyed by user, without
 * ever slowing or failing a request: requests only offer the event to a bounded queue (a full queue
 * drops it), and one background thread hands events to the Kafka producer. Every drop is counted by
 * reason ({@code recsys.served.drops}). Without Kafka configured (standalone mode) nothing is published.
 */
@ApplicationScoped
public class ServedEventPublisher {

    private static final Logger LOG = Logger.getLogger(ServedEventPublisher.class);

    @Inject
    InferenceConfig config;

    @Inject
    MeterRegistry registry;

    private BlockingQueue<ServedEvent> queue;
    private KafkaProducer<String, String> producer;
    private Thread sender;
    private volatile boolean running;
    private Counter queueFull;
    private Counter sendFailed;
    private Counter sent;

    void start(@Observes StartupEvent event) {
        queueFull = registry.counter("recsys.served.drops", "reason", "queue_full");
        sendFailed = registry.counter("recsys.served.drops", "reason", "send_failed");
        sent = registry.counter("recsys.served.sent");
        if (config.kafka().bootstrapServers().isEmpty()) {
            LOG.info("no Kafka configured: served events are not published");
            return;
        }
        queue = new ArrayBlockingQueue<>(config.kafka().servedQueueCapacity());
        registry.gauge("recsys.served.queue", queue, BlockingQueue::size);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers().get());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "1");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "2000");
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "inference-served");
        producer = new KafkaProducer<>(props);
        running = true;
        sender = new Thread(this::sendLoop, "served-event-sender");
        sender.setDaemon(true);
        sender.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (sender != null) {
            sender.interrupt();
        }
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
    }

    /** Whether events are published at all (Kafka configured). */
    public boolean enabled() {
        return queue != null;
    }

    /** Offers the event for publishing; never blocks. */
    public void publish(ServedEvent event) {
        if (queue != null && !queue.offer(event)) {
            queueFull.increment();
        }
    }

    private void sendLoop() {
        String topic = config.kafka().servedTopic();
        while (running) {
            try {
                ServedEvent event = queue.poll(1, TimeUnit.SECONDS);
                if (event == null) {
                    continue;
                }
                producer.send(new ProducerRecord<>(topic, Long.toString(event.userId()), event.toJson()), (metadata, error) -> {
                    if (error != null) {
                        sendFailed.increment();
                    } else {
                        sent.increment();
                    }
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // e.g. metadata not available within max.block.ms while the broker is down
                sendFailed.increment();
                LOG.debugf("served event not sent: %s", e.getMessage());
            }
        }
    }
}
