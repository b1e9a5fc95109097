package org.movierec.router.canary;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.movierec.core.notify.SlackNotifier;
import org.movierec.core.stats.SequentialTest;
import org.movierec.registry.ExperimentStatus;
import org.movierec.registry.ModelRegistry;
import org.movierec.router.RouterConfig;
import org.movierec.router.experiments.CanaryState;
import org.movierec.router.experiments.Experiment;
import org.movierec.router.experiments.ExperimentConflictException;
import org.movierec.router.experiments.ExperimentService;
import org.movierec.router.experiments.ExperimentStore;
import org.movierec.router.experiments.ExperimentType;
import org.movierec.router.report.ArmTelemetry;
import org.movierec.router.report.TelemetryQueries;

/**
 * Drives the running canary every {@code router.canary.interval}: reads both arms' telemetry, lets
 * {@link CanaryPolicy} decide, and applies the decision — new weights, or promotion in the registry and
 * completion, or abort — with one write conditional on the revision it read. Every replica runs the
 * loop; when two evaluate the same state, only the first write succeeds and only its replica promotes
 * and notifies, so a canary is widened, promoted or aborted once. Slack is told of promotions and aborts.
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
    ModelRegistry registry;

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
        CanaryState state = e.canary();
        List<String> arms = List.of(CanaryState.CONTROL, CanaryState.CANDIDATE);
        Map<String, ArmTelemetry> all = telemetry.arms(e.id(), arms, e.createdAt());
        Map<String, ArmTelemetry> step = telemetry.arms(e.id(), arms, state.stepStartedAt());
        Instant now = Instant.now();
        CanaryDecision decision = policy().decide(state, all.get(CanaryState.CANDIDATE), all.get(CanaryState.CONTROL),
                step.get(CanaryState.CANDIDATE), step.get(CanaryState.CONTROL), now);
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

    private Experiment promote(Experiment e, CanaryState next, CanaryDecision decision, Instant now) {
        Experiment completed = experiments.write(e, e.withCanary(next).ended(ExperimentStatus.COMPLETED, now,
                "promoted: " + decision.reason()), "canary-promote", WHO);
        String candidate = e.canary().candidateVersion();
        try {
            registry.promote(candidate);
            slack.send(":white_check_mark: Canary " + e.id() + " promoted model " + candidate + " to production (was "
                    + e.canary().controlVersion() + "): " + decision.reason() + ".");
        } catch (RuntimeException failure) {
            LOG.errorf("canary %s passed but promoting %s failed: %s", e.id(), candidate, failure.getMessage());
            slack.send(":warning: Canary " + e.id() + " passed, but promoting model " + candidate + " failed: "
                    + failure.getMessage() + ". Production stays " + e.canary().controlVersion() + ".");
        }
        return completed;
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
