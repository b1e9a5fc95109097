package org.movierec.platform.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.health.api.HealthRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Opens a service's {@link BoundedPublisher}s: each with the {@link ProducerSettings#fireAndForget} producer, the
 * queue capacity of {@link PublisherConfig}, and a liveness check; closes them at shutdown.
 *
 * <p>Why liveness and not readiness: a publisher never slows or fails a request, so nothing it does should take a
 * serving replica out of its Service — a readiness check that followed Kafka would turn a telemetry outage into a
 * serving outage. Kafka away is therefore not a health failure (it shows as drops, which the
 * {@code ServedEventsDropped} alert watches, and in the check's data). The check is down only when the sender
 * thread has ended while the service runs: events are then lost for good and only a restart mends it, which is
 * what liveness asks the platform for. A service that opens no publisher (standalone mode) has no such check.
 */
@ApplicationScoped
public class KafkaPublishers {

    @Inject
    PublisherConfig config;

    @Inject
    MeterRegistry registry;

    @Inject
    @Liveness
    HealthRegistry liveness;

    private final List<BoundedPublisher<?>> opened = new CopyOnWriteArrayList<>();

    /**
     * Opens a publisher to {@code topic} and registers its liveness check (named as the publisher).
     *
     * @param name the publisher's name (its meters' {@code publisher} tag, its thread and its health check)
     * @param clientId the producer's {@code client.id}
     * @param bootstrapServers the brokers
     * @param topic where records go
     * @param keyOf an event's record key
     * @param valueOf an event's record value (called on the sender thread)
     * @param <E> the events published
     * @return the open publisher, closed by this at shutdown
     */
    public <E> BoundedPublisher<E> open(String name, String clientId, String bootstrapServers, String topic,
                                        Function<? super E, String> keyOf, Function<? super E, String> valueOf) {
        Lz4Codec.preferNative();
        BoundedPublisher<E> publisher = new BoundedPublisher<>(name, topic, config.queueCapacity(), keyOf, valueOf,
                new KafkaProducer<>(ProducerSettings.fireAndForget(bootstrapServers, clientId).toProperties()),
                registry);
        opened.add(publisher);
        liveness.register(name, () -> health(publisher));
        return publisher;
    }

    /** The publisher's liveness: up while its sender runs; the counts as data. */
    static HealthCheckResponse health(BoundedPublisher<?> publisher) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("topic", publisher.topic());
        data.put("queued", (long) publisher.queued());
        data.put("capacity", (long) publisher.capacity());
        data.put("sent", publisher.sent());
        data.put("dropped", publisher.drops());
        return new HealthCheckResponse(publisher.name(),
                publisher.sending() ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN,
                Optional.of(data));
    }

    @PreDestroy
    void closeAll() {
        opened.forEach(BoundedPublisher::close);
    }
}
