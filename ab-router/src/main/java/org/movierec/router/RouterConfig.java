package org.movierec.router;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.movierec.contracts.events.Topics;
import org.movierec.contracts.events.WatchThrough;

/**
 * The router's settings ({@code router.*}). Each default is written once, in application.properties (where
 * operators look, each overridable by its env var); the one exception is the served-events topic, whose name is
 * the contract constant {@link Topics#SERVED}.
 */
@ConfigMapping(prefix = "router")
public interface RouterConfig {

    /**
     * Base URLs of the inference instances, comma-separated (one Kubernetes Service URL, or each instance's); env
     * {@code INFERENCE_URL}. Calls take them in turn, and a call that cannot reach one goes on to the next
     * ({@code routing.InferenceInstances}).
     */
    List<String> inferenceUrl();

    /**
     * How long one upstream call may stay silent before it is abandoned. 250 ms lets a try, one retry and
     * the fallback fit in the 600 ms clients wait.
     */
    Duration upstreamTimeout();

    /**
     * Keep-alive HTTP/1.1 connections to each inference instance per event loop, taken in turn by the calls. Each
     * connection is one event loop of the instance's: fewer than the instance's cores leaves some of them idle.
     */
    int upstreamConnections();

    /**
     * Calls in flight on one upstream connection at most (HTTP/1.1 pipelining: a call is sent before the answers
     * ahead of it have come, which come in order); beyond {@code upstream-connections} times this, calls wait for a
     * place. 1 turns pipelining off.
     */
    int upstreamPipeliningLimit();

    /**
     * Bearer token of the admin endpoints; env {@code ROUTER_ADMIN_TOKEN}. Never in a committed file:
     * without it changes answer 503 (reads stay open).
     */
    Optional<String> adminToken();

    /** The MongoDB database of the registry and the experiments. */
    String database();

    /** How often every replica re-reads the running experiment (changes take effect within this). */
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
        int size();

        /** How often the list is fetched again from {@code GET /popular}; the last good one is kept. */
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
        Duration interval();

        /** The candidate's percentages, increasing, ending at 100 (reaching 100 promotes). */
        List<Integer> defaultSteps();

        /** Requests per arm since the step started before a step may widen. */
        long minRequests();

        /** Rated predictions per arm since the step started before a step may widen. */
        long minRatings();

        /** Shortest time a step lasts. */
        Duration minStepDuration();

        /** mSPRT mixing scale τ on the difference of mean squared errors (candidate − control). */
        double tauMse();

        /** mSPRT mixing scale τ on the difference of error rates. */
        double tauErrorRate();

        /** mSPRT level α of the abort decisions. */
        double alpha();

        /** Abort when the candidate's p99 latency exceeds control's by more than this (with enough requests). */
        Duration maxP99Increase();

        /** Hold a step (no widening) while the candidate's online RMSE is above control's by more than this. */
        double maxRmseIncrease();

        /**
         * Calls to retrain-service to release a canary that passed, at most; after the last failed one the canary
         * is aborted with a Slack notice (production stays at control).
         */
        int promoteAttempts();

        /** Wait after the first failed release call; doubled after each further one (1, 2, 4 minutes). */
        Duration promoteBackoff();
    }

    /** The analysis of the experiment report and its sequential looks. */
    interface Report {
        /** mSPRT τ on the difference of mean squared errors. */
        double tauMse();

        /** mSPRT τ on the difference of watch-through rates. */
        double tauWatchThrough();

        /** mSPRT τ on the difference of error rates. */
        double tauErrorRate();

        /** The level α of the primary metric's sequential test (and of the fixed-horizon tests). */
        double alpha();

        /** The level of each guardrail's sequential test: smaller than α, so several guardrails rarely false-alarm. */
        double guardrailAlpha();

        /** The power the sample-size and minimum-detectable-effect figures are computed for. */
        double power();

        /** How often the router records a look of the running experiment's sequential tests. */
        Duration lookInterval();

        /**
         * The collector's watch-through window ({@code telemetry.online.watch-through-window}, the same default):
         * answers younger than this are left out of watch-through, their watches may still come.
         */
        @WithDefault(WatchThrough.DEFAULT_WINDOW)
        Duration watchThroughWindow();

        /** How far before the start the CUPED covariate (each user's earlier watch-through) looks. */
        Duration prePeriod();

        /** The smallest effect worth detecting, per metric, in the metric's units. */
        EffectOfInterest effectOfInterest();
    }

    /** The smallest differences worth acting on: what the sample-size figures are computed for. */
    interface EffectOfInterest {
        /** On the watch-through rate (absolute, e.g. 0.01 = one point). */
        double watchThrough();

        /** On the online RMSE (absolute). */
        double rmse();

        /** On the error rate (absolute). */
        double errorRate();
    }
}
