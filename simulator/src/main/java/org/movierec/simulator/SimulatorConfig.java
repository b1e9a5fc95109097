package org.movierec.simulator;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import org.movierec.contracts.events.Topics;

/**
 * The simulator's settings, {@code simulator.*}, each overridable by its env var ({@code SIMULATOR_SEED},
 * {@code SIMULATOR_TRAFFIC_SESSIONS_PER_SECOND}, ...). Every default is written once: in application.properties,
 * where an operator looks for it, except the topic, whose default is the platform's constant
 * ({@link Topics#MOVIELOG}).
 */
@ConfigMapping(prefix = "simulator")
public interface SimulatorConfig {

    /** Seed of the world (users, movies, true tastes) and of the bootstrap history; the same seed gives the same world. */
    long seed();

    /** Number of users (ML-1M: 6040). */
    int users();

    /** Number of movies (ML-1M: 3706). */
    int movies();

    /** Standard deviation of the noise users add to their true rating when they rate. */
    double noiseStd();

    /** Share of users who watch but never rate, in the history and in live sessions (0 = everyone rates). */
    double nonRaterFraction();

    /** How much users chose the movies of their history by taste (0: by popularity alone); see {@code WorldSpec}. */
    double selectionTilt();

    /** Where the public entry point answers {@code GET /recommend/{userId}} (the A/B router). */
    String routerUrl();

    /** How long a session waits for a recommendation before giving up, like the real client. */
    Duration requestTimeout();

    /**
     * Bearer token of the admin endpoints; env {@code SIMULATOR_ADMIN_TOKEN}. Never in a committed
     * file: without it the admin endpoints answer 503.
     */
    Optional<String> adminToken();

    /** Directory of the simulator's state (the bootstrap marker). */
    String dataDir();

    Kafka kafka();

    Traffic traffic();

    Faults faults();

    Bootstrap bootstrap();

    /** Where the lines go. */
    interface Kafka {
        /** The brokers, from {@code kafka.bootstrap.servers} / env {@code KAFKA_BOOTSTRAP_SERVERS}. */
        String bootstrapServers();

        /** The topic of the lines; by default the platform's {@link Topics#MOVIELOG}. */
        @WithDefault(Topics.MOVIELOG)
        String topic();
    }

    /** Live sessions. */
    interface Traffic {
        /** Whether sessions run from startup; switchable at runtime with {@code POST /admin/traffic}. */
        boolean enabled();

        /** Sessions opened per second, in (0, 10000]. */
        double sessionsPerSecond();

        /** Sessions waiting for the router or for Kafka beyond which new ones are skipped (and counted). */
        int maxInFlight();

        /** Probability that a user who watched a movie also rates it. */
        double rateProbability();

        /** Probability that a session also rates a movie it found by browsing, not from the list. */
        double browseProbability();

        /**
         * Whether users pick from a list a movie they have watched (in the history or a live session) as if it were
         * new; false: they pass over it ({@link org.movierec.simulator.traffic.WatchHistory}).
         */
        boolean rewatch();

        /**
         * Weight of watching nothing against the recommended movies (see
         * {@link org.movierec.simulator.traffic.ChoiceModel}); higher makes users pickier.
         */
        double reluctance();

        /** The server name written in recommendation request lines; by default the host:port of the router URL. */
        Optional<String> serverName();
    }

    /** Faults injected into the live stream; all off (0) by default. */
    interface Faults {
        /** Extra garbage lines (truncated, unknown verb, huge) per written line, in [0, 1]. */
        double garbageRate();

        /** Probability that a line is written twice, in [0, 1]. */
        double duplicateRate();

        /** Probability that a rating is written outside the rating scale, in [0, 1]. */
        double outOfRangeRate();

        /** Interval between bursts of extra sessions; 0 means no bursts. */
        Duration burstEvery();

        /** Sessions opened at once in each burst. */
        int burstSize();
    }

    /** The history written once so that a first model can be trained. */
    interface Bootstrap {
        /** Days of history, ending now. */
        int days();

        /** Ratings written (each after a few watch lines). */
        int ratings();

        /** Whether to write it (once per data directory) when the simulator starts. */
        boolean atStartup();
    }
}
