package org.movierec.inference;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import org.movierec.contracts.events.Topics;

/**
 * The inference service's settings ({@code inference.*}, env-var overridable). Each default is written once: in
 * application.properties, except the topic names, which come from {@link Topics}.
 */
@ConfigMapping(prefix = "inference")
public interface InferenceConfig {

    /**
     * A model file to serve alone (standalone mode, no registry); env {@code MODEL_FILE}. When set,
     * the registry is not used and the file is reloaded when it changes.
     */
    Optional<String> modelFile();

    /** How often the registry (or the model file) is checked for versions to load or drop. */
    Duration reloadInterval();

    /** Movies per answer. */
    int recommendationSize();

    /**
     * Bearer token of the admin endpoints; env {@code INFERENCE_ADMIN_TOKEN}. Never in a committed
     * file: without it the admin endpoints answer 503.
     */
    Optional<String> adminToken();

    /** The MongoDB database of the registry. */
    String database();

    FoldIn foldIn();

    Kafka kafka();

    Loops loops();

    /** The background loops (fold-in consumer): how long they wait before starting over after a failure. */
    interface Loops {
        /** The first wait after a failure; doubled per consecutive failure. */
        Duration initialBackoff();

        /** The longest wait. */
        Duration maxBackoff();
    }

    interface FoldIn {
        /** Users whose new ratings and watches are kept for fold-in; the least recently used beyond it are forgotten. */
        int maxUsers();

        /** New ratings kept per user (the latest). */
        int maxRatingsPerUser();

        /** Movies watched kept per user (the latest first watched), for the implicit set and to leave them out. */
        int maxWatchesPerUser();
    }

    interface Kafka {
        /**
         * The brokers; empty means no Kafka (standalone mode: no fold-in from the stream, no served
         * events). Set from {@code kafka.bootstrap.servers} / env {@code KAFKA_BOOTSTRAP_SERVERS}.
         */
        Optional<String> bootstrapServers();

        /** Topic of the streaming service's event lines; its rate and watch events are folded in. */
        @WithDefault(Topics.MOVIELOG)
        String movielogTopic();

        /**
         * Topic of the served-recommendation events this service publishes (their queue: platform-common
         * {@code PublisherConfig}, {@code movierec.kafka.publisher.queue-capacity}).
         */
        @WithDefault(Topics.SERVED)
        String servedTopic();
    }
}
