package org.movierec.inference.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;
import org.movierec.platform.kafka.ProducerSettings;
import org.movierec.contracts.events.ServedEvent;
import org.movierec.inference.InferenceConfig;
import org.movierec.platform.loops.LoopHealth;

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
    private LoopHealth health;

    /** This loop's name in {@code movierec_background_loop_up}. */
    public static final String LOOP = "served-event-publisher";

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
        producer = new KafkaProducer<>(ProducerSettings.fireAndForget(config.kafka().bootstrapServers().get(),
                "inference-served").toProperties());
        health = new LoopHealth(registry, LOOP, config.loops().initialBackoff(), config.loops().maxBackoff());
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

    /**
     * Sends queued events until shutdown. A failed send is a drop ({@code recsys_served_drops_total}), not the end of
     * the loop; should the thread end anyway (an Error), {@code movierec_background_loop_up{loop="served-event-publisher"}}
     * turns 0.
     */
    private void sendLoop() {
        try {
            health.running();
            sendUntilStopped();
        } finally {
            health.stopped();
        }
    }

    private void sendUntilStopped() {
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
