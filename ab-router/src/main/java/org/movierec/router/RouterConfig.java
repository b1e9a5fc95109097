package org.movierec.router;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.movierec.contracts.events.Topics;

/** The router's settings ({@code router.*} in application.properties, each overridable by its env var). */
@ConfigMapping(prefix = "router")
public interface RouterConfig {

    /** Base URL of the inference service; env {@code INFERENCE_URL}. */
    @WithDefault("http://127.0.0.1:8081")
    String inferenceUrl();

    /**
     * How long one upstream call may stay silent before it is abandoned. 250 ms lets a try, one retry and
     * the fallback fit in the 600 ms clients wait.
     */
    @WithDefault("250ms")
    Duration upstreamTimeout();

    /** Pooled HTTP/1.1 connections to the inference service, at most, per event loop. */
    @WithDefault("64")
    int upstreamConnections();

    /**
     * Bearer token of the admin endpoints; env {@code ROUTER_ADMIN_TOKEN}. Never in a committed file:
     * without it changes answer 503 (reads stay open).
     */
    Optional<String> adminToken();

    /** The MongoDB database of the registry and the experiments. */
    @WithDefault("movierec")
    String database();

    /** How often every replica re-reads the running experiment (changes take effect within this). */
    @WithDefault("2s")
    Duration experimentsPollInterval();

    /**
     * retrain-service, the owner of releases: a canary that passed asks it to promote its candidate
     * ({@code POST /models/{version}/promote}); env {@code RETRAIN_URL}.
     */
    String retrainUrl();

    /** The retrain admin token for that call; env {@code RETRAIN_ADMIN_TOKEN}; never in a committed file. */
    Optional<String> retrainAdminToken();

    /** Slack incoming webhook for canary notices; env {@code SLACK_WEBHOOK_URL}; empty: no notices. */
    Optional<String> slackWebhookUrl();

    Popular popular();

    Kafka kafka();

    Canary canary();

    Report report();

    /** The popularity list the router answers from when the inference service cannot. */
    interface Popular {
        /** Movies in the list. */
        @WithDefault("20")
        int size();

        /** How often the list is fetched again from {@code GET /popular}; the last good one is kept. */
        @WithDefault("30s")
        Duration refreshInterval();
    }

    interface Kafka {
        /** The brokers, for the served events of fallbacks; empty: none are published. */
        Optional<String> bootstrapServers();

        /**
         * The served-recommendation topic (the queue in front of it: platform-common {@code PublisherConfig},
         * {@code movierec.kafka.publisher.queue-capacity}).
         */
        @WithDefault(Topics.SERVED)
        String servedTopic();
    }

    /** The canary controller: ramp, evidence per step, and the abort thresholds. */
    interface Canary {
        /** How often the controller evaluates the running canary. */
        @WithDefault("1m")
        Duration interval();

        /** The candidate's percentages, increasing, ending at 100 (reaching 100 promotes). */
        @WithDefault("5,25,50,100")
        List<Integer> defaultSteps();

        /** Requests per arm since the step started before a step may widen. */
        @WithDefault("500")
        long minRequests();

        /** Rated predictions per arm since the step started before a step may widen. */
        @WithDefault("200")
        long minRatings();

        /** Shortest time a step lasts. */
        @WithDefault("15m")
        Duration minStepDuration();

        /** mSPRT mixing scale τ on the difference of mean squared errors (candidate − control). */
        @WithDefault("0.25")
        double tauMse();

        /** mSPRT mixing scale τ on the difference of error rates. */
        @WithDefault("0.02")
        double tauErrorRate();

        /** mSPRT level α of the abort decisions. */
        @WithDefault("0.05")
        double alpha();

        /** Abort when the candidate's p99 latency exceeds control's by more than this (with enough requests). */
        @WithDefault("50ms")
        Duration maxP99Increase();

        /** Hold a step (no widening) while the candidate's online RMSE is above control's by more than this. */
        @WithDefault("0.02")
        double maxRmseIncrease();

        /**
         * Calls to retrain-service to release a canary that passed, at most; after the last failed one the canary
         * is aborted with a Slack notice (production stays at control).
         */
        @WithDefault("4")
        int promoteAttempts();

        /** Wait after the first failed release call; doubled after each further one (1, 2, 4 minutes). */
        @WithDefault("1m")
        Duration promoteBackoff();
    }

    /** The sequential decision of the experiment report. */
    interface Report {
        /** mSPRT τ on the difference of mean squared errors. */
        @WithDefault("0.05")
        double tauMse();

        /** mSPRT τ on the difference of watch-through rates. */
        @WithDefault("0.01")
        double tauWatchThrough();

        /** mSPRT level α. */
        @WithDefault("0.05")
        double alpha();
    }
}
