package org.movierec.router.fallback;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.movierec.contracts.events.ServedEvent;
import org.movierec.platform.kafka.BoundedPublisher;
import org.movierec.platform.kafka.KafkaPublishers;
import org.movierec.router.RouterConfig;

/**
 * Publishes the served events of the requests the router answers (with the client's wait, from inference's answer or
 * its own fallback) and of the upstream attempts that failed, to {@code recsys.served}, so telemetry counts answers,
 * errors and fallbacks per arm, through the
 * platform's {@link BoundedPublisher}: a request never waits; beyond the queue events are dropped and counted
 * ({@code movierec_kafka_publisher_drops_total{publisher="served-event-publisher"}}, the same series as
 * inference's). Without Kafka configured nothing is published.
 */
@ApplicationScoped
public class ServedEventSink {

    /** The publisher's name: its meters' {@code publisher} tag, its loop and its liveness check. */
    public static final String NAME = "served-event-publisher";

    @Inject
    RouterConfig config;

    @Inject
    KafkaPublishers publishers;

    private BoundedPublisher<ServedEvent> publisher;

    void start(@Observes StartupEvent event) {
        if (config.kafka().bootstrapServers().isPresent()) {
            publisher = publishers.open(NAME, "ab-router-served", config.kafka().bootstrapServers().get(),
                    config.kafka().servedTopic(), served -> Long.toString(served.userId()), ServedEvent::toJson);
        }
    }

    /** Whether events are published at all (Kafka configured). */
    public boolean enabled() {
        return publisher != null;
    }

    /** Queues {@code event} for {@code recsys.served}; never blocks. */
    public void publish(ServedEvent event) {
        if (publisher != null) {
            publisher.publish(event);
        }
    }
}
