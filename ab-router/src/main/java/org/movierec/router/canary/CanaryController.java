package org.movierec.router.canary;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.movierec.platform.notify.SlackNotifier;
import org.movierec.router.stats.SequentialTest;
import org.movierec.contracts.experiments.ExperimentStatus;
import org.movierec.registry.release.ReleaseClient;
import org.movierec.router.RouterConfig;
import org.movierec.router.experiments.CanaryRelease;
import org.movierec.router.experiments.CanaryState;
import org.movierec.router.experiments.Experiment;
import org.movierec.router.experiments.ExperimentConflictException;
import org.movierec.router.experiments.ExperimentService;
import org.movierec.router.experiments.ExperimentStore;
import org.movierec.router.experiments.ExperimentType;
import org.movierec.router.report.ArmTelemetry;
import org.movierec.router.report.ReportQueries;
import org.movierec.router.report.TelemetryQueries;
import org.movierec.router.stats.PairedTotals;

/**
 * Drives the running canary every {@code router.canary.interval}: reads both arms' telemetry, lets
 * {@link CanaryPolicy} decide, and applies the decision — new weights, the release of the candidate, or abort —
 * with one write conditional on the revision it read. Every replica runs the loop; when two evaluate the same
 * state, only the first write succeeds and only its replica acts and notifies, so a canary is widened,
 * released or aborted once. Slack is told of promotions and aborts.
 *
 * <h2>Releasing a canary that passed</h2>
 * <p>The router does not write the production pointer: retrain-service owns releases, and the controller asks
 * it ({@code POST /models/{version}/promote} through {@link ReleaseClient}). The canary completes only once
 * that succeeded:
 * <ol>
 * <li>the experiment is written {@code canary.release.state = promoting} (conditional on the revision, which
 *     also claims the call for this replica), and stays running at its last weights;</li>
 * <li>the call succeeds: the experiment is {@code completed} ({@code release.state = promoted});</li>
 * <li>the call fails: {@code release.state = promote_failed} with the answer as {@code lastError}, retried
 *     when due ({@code router.canary.promote-backoff}, doubled after each failure) by the loop or the evaluate
 *     endpoint; after {@code router.canary.promote-attempts} calls the canary is {@code aborted} with a Slack
 *     notice, and production stays at control.</li>
 * </ol>
 * A replica that stops during a call leaves {@code promoting}; the next evaluation calls again, which is safe:
 * promoting the version already in production succeeds and changes nothing.
 */
@ApplicationScoped
public class CanaryController {

    private static final Logger LOG = Logger.getLogger(CanaryController.class);
    private static final String WHO = "canary-controller";

    @Inject
    ExperimentStore store;

    @Inject
    ExperimentService experiments;

    @Inject
    TelemetryQueries telemetry;

    @Inject
    ReportQueries reports;

    @Inject
    ReleaseClient releases;

    @Inject
    SlackNotifier slack;

    @Inject
    RouterConfig config;

    @Inject
    MeterRegistry meters;

    /**
     * Registers every decision's counter at 0 when the router starts (this bean itself is created on first use):
     * the first abort after a start is then an increase that alerts can see.
     */
    static void registerDecisionCounters(@Observes StartupEvent event, MeterRegistry meters) {
        for (CanaryDecision.Action action : CanaryDecision.Action.values()) {
            meters.counter("router.canary.decisions", "decision", decisionTag(action));
        }
    }

    @Scheduled(every = "${router.canary.interval}", delayed = "${router.canary.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            store.running().filter(e -> e.type() == ExperimentType.CANARY).ifPresent(this::evaluate);
        } catch (RuntimeException e) {
            LOG.warnf("canary evaluation failed, retried at the next tick: %s", e.getMessage());
        }
    }

    /** The policy with the configured thresholds. */
    public CanaryPolicy policy() {
        RouterConfig.Canary c = config.canary();
        return new CanaryPolicy(c.minRequests(), c.minRatings(), c.minStepDuration(), c.maxP99Increase(),
                c.maxRmseIncrease(), new SequentialTest(c.tauMse(), c.alpha()), new SequentialTest(c.tauErrorRate(), c.alpha()));
    }

    /**
     * Evaluates canary {@code id} now (the admin endpoint and the loop).
     *
     * @throws ExperimentConflictException if it is not a running canary, or another replica changed it meanwhile
     */
    public Evaluation evaluate(String id) {
        return evaluate(experiments.get(id));
    }

    private Evaluation evaluate(Experiment e) {
        if (e.type() != ExperimentType.CANARY || !e.running()) {
            throw new ExperimentConflictException("experiment " + e.id() + " is not a running canary");
        }
        if (e.liveAt() == null) {
            return new Evaluation(new CanaryDecision(CanaryDecision.Action.WAIT, "not live yet: waiting until every "
                    + "inference replica serves " + e.canary().candidateVersion(), e.canary().pValues()), e);
        }
        CanaryState state = e.canary();
        if (state.release() != null) {
            return retryRelease(e);
        }
        List<String> arms = List.of(CanaryState.CONTROL, CanaryState.CANDIDATE);
        Map<String, ArmTelemetry> all = telemetry.arms(e.id(), arms, e.countedFrom());
        Map<String, ArmTelemetry> step = telemetry.arms(e.id(), arms, state.stepStartedAt());
        Instant now = Instant.now();
        PairedTotals paired = reports.paired(e.id(), CanaryState.CANDIDATE, CanaryState.CONTROL, e.countedFrom(), now);
        CanaryDecision decision = policy().decide(state, all.get(CanaryState.CANDIDATE), all.get(CanaryState.CONTROL),
                step.get(CanaryState.CANDIDATE), step.get(CanaryState.CONTROL), paired, now);
        CanaryState next = state.withPValues(decision.pValues());
        Experiment after = switch (decision.action()) {
            case WAIT -> experiments.write(e, e.withCanary(next), "canary-look", WHO);
            case WIDEN -> {
                int percent = state.steps().get(state.step() + 1);
                Experiment widened = e.withWeights(Map.of(CanaryState.CONTROL, 100 - percent, CanaryState.CANDIDATE,
                        percent), now).withCanary(next.widened(now));
                yield experiments.write(e, widened, "canary-widen", WHO);
            }
            case PROMOTE -> promote(e, next, decision, now);
            case ABORT -> abort(e, next, decision, now);
        };
        meters.counter("router.canary.decisions", "decision", decisionTag(decision.action())).increment();
        LOG.infof("canary %s: %s (%s)", e.id(), decision.action(), decision.reason());
        return new Evaluation(decision, after);
    }

    /** The {@code decision} tag of {@code router_canary_decisions_total}, one per evaluation (alerts fire on aborted). */
    static String decisionTag(CanaryDecision.Action action) {
        return switch (action) {
            case WAIT -> "held";
            case WIDEN -> "widened";
            case PROMOTE -> "promoted";
            case ABORT -> "aborted";
        };
    }

    /** The policy decided to promote: claim the release ({@code promoting}) and ask retrain-service. */
    private Experiment promote(Experiment e, CanaryState next, CanaryDecision decision, Instant now) {
        CanaryRelease release = new CanaryRelease(CanaryRelease.PROMOTING, decision.reason(), 0, null, now);
        Experiment promoting = experiments.write(e, e.withCanary(next.withRelease(release)), "canary-promoting", WHO);
        return release(promoting, now);
    }

    /** A canary whose release is under way or failed: call again when due, else report the wait. */
    private Evaluation retryRelease(Experiment e) {
        CanaryRelease release = e.canary().release();
        Instant now = Instant.now();
        if (now.isBefore(release.nextAttemptAt())) {
            return new Evaluation(new CanaryDecision(CanaryDecision.Action.WAIT, "release " + release.state()
                    + " after " + release.attempts() + " attempt(s) (" + release.lastError() + "); next attempt at "
                    + release.nextAttemptAt(), e.canary().pValues()), e);
        }
        Experiment claimed = experiments.write(e, e.withCanary(e.canary().withRelease(release.calling(now))),
                "canary-promote-retry", WHO);
        Experiment after = release(claimed, now);
        CanaryDecision.Action action = after.status() == ExperimentStatus.ABORTED
                ? CanaryDecision.Action.ABORT : CanaryDecision.Action.PROMOTE;
        if (action == CanaryDecision.Action.ABORT) {
            meters.counter("router.canary.decisions", "decision", decisionTag(action)).increment();
        }
        String reason = after.canary().release().state().equals(CanaryRelease.PROMOTE_FAILED)
                ? "release attempt " + after.canary().release().attempts() + " failed: " + after.canary().release().lastError()
                : after.endReason();
        LOG.infof("canary %s: release retried: %s", e.id(), reason);
        return new Evaluation(new CanaryDecision(action, reason, e.canary().pValues()), after);
    }

    /**
     * Asks retrain-service to promote the candidate of {@code promoting} (written {@code promoting} by this
     * replica), and writes the outcome: completed, {@code promote_failed} with the next attempt, or aborted after
     * the last attempt.
     */
    private Experiment release(Experiment promoting, Instant now) {
        CanaryState state = promoting.canary();
        CanaryRelease release = state.release();
        String candidate = state.candidateVersion();
        try {
            releases.promote(candidate, "canary " + promoting.id() + " passed: " + release.reason(), WHO, promoting.id());
        } catch (IOException failure) {
            return releaseFailed(promoting, failure.getMessage(), now);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return releaseFailed(promoting, "interrupted", now);
        }
        Experiment completed = experiments.write(promoting, promoting.withCanary(state.withRelease(release.promoted(now)))
                .ended(ExperimentStatus.COMPLETED, now, "promoted: " + release.reason()), "canary-promote", WHO);
        slack.send(":white_check_mark: Canary " + promoting.id() + " promoted model " + candidate + " to production (was "
                + state.controlVersion() + "): " + release.reason() + ".");
        return completed;
    }

    private Experiment releaseFailed(Experiment promoting, String error, Instant now) {
        CanaryState state = promoting.canary();
        CanaryRelease release = state.release();
        int attempts = release.attempts() + 1;
        Duration wait = config.canary().promoteBackoff().multipliedBy(1L << Math.min(attempts - 1, 16));
        CanaryRelease failed = release.failed(error, now.plus(wait));
        if (attempts < config.canary().promoteAttempts()) {
            LOG.warnf("canary %s: releasing %s failed (attempt %d of %d), retried at %s: %s", promoting.id(),
                    state.candidateVersion(), attempts, config.canary().promoteAttempts(), failed.nextAttemptAt(), error);
            return experiments.write(promoting, promoting.withCanary(state.withRelease(failed)), "canary-promote-failed", WHO);
        }
        LOG.errorf("canary %s passed but releasing %s failed %d times; aborted: %s", promoting.id(),
                state.candidateVersion(), attempts, error);
        Experiment aborted = experiments.write(promoting, promoting.withCanary(state.withRelease(failed))
                .ended(ExperimentStatus.ABORTED, now, "passed, but the release failed " + attempts + " times: " + error),
                "canary-abort", WHO);
        slack.send(":x: Canary " + promoting.id() + " passed, but releasing model " + state.candidateVersion()
                + " through retrain-service failed " + attempts + " times (" + error + "); the canary is aborted and"
                + " production stays " + state.controlVersion() + ".");
        return aborted;
    }

    private Experiment abort(Experiment e, CanaryState next, CanaryDecision decision, Instant now) {
        Experiment aborted = experiments.write(e, e.withCanary(next).ended(ExperimentStatus.ABORTED, now,
                decision.reason()), "canary-abort", WHO);
        slack.send(":x: Canary " + e.id() + " of model " + e.canary().candidateVersion() + " aborted at "
                + e.canary().percent() + " % of users: " + decision.reason() + ". Production stays "
                + e.canary().controlVersion() + ".");
        return aborted;
    }

    /**
     * The outcome of one evaluation.
     *
     * @param decision what was decided
     * @param experiment the experiment after it was applied
     */
    public record Evaluation(CanaryDecision decision, Experiment experiment) {
    }
}
