package org.movierec.router.fallback;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.movierec.platform.kafka.ProducerSettings;
import org.movierec.contracts.events.ServedEvent;
import org.movierec.router.RouterConfig;

/**
 * Publishes the served events of what the router answered itself (fallbacks) and of the upstream
 * attempts that failed, to {@code recsys.served}, so telemetry counts errors and fallbacks per arm. A
 * request never waits: events go to one sender thread through a bounded queue (10,000); beyond it they
 * are dropped and counted ({@code router.served.drops}). Without Kafka configured nothing is published.
 */
@ApplicationScoped
public class ServedEventSink {

    private static final int QUEUE_CAPACITY = 10_000;

    @Inject
    RouterConfig config;

    @Inject
    MeterRegistry registry;

    private KafkaProducer<String, String> producer;
    private ThreadPoolExecutor sender;
    private Counter dropped;
    private Counter failed;

    void start(@Observes StartupEvent event) {
        dropped = registry.counter("router.served.drops", "reason", "queue_full");
        failed = registry.counter("router.served.drops", "reason", "send_failed");
        if (config.kafka().bootstrapServers().isEmpty()) {
            return;
        }
        producer = new KafkaProducer<>(ProducerSettings.fireAndForget(config.kafka().bootstrapServers().get(),
                "ab-router-served").toProperties());
        sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE_CAPACITY),
                runnable -> {
                    Thread thread = new Thread(runnable, "router-served-sender");
                    thread.setDaemon(true);
                    return thread;
                },
                (runnable, executor) -> dropped.increment());
    }

    void stop(@Observes ShutdownEvent event) {
        if (sender != null) {
            sender.shutdown();
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Queues {@code event} for {@code recsys.served}; never blocks. */
    public void publish(ServedEvent event) {
        if (sender == null) {
            return;
        }
        sender.execute(() -> {
            try {
                producer.send(new ProducerRecord<>(config.kafka().servedTopic(), Long.toString(event.userId()),
                        event.toJson()), (metadata, error) -> {
                            if (error != null) {
                                failed.increment();
                            }
                        });
            } catch (RuntimeException e) {
                failed.increment();
            }
        });
    }
}
