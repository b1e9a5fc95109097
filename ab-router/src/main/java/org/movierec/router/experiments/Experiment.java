package org.movierec.router.experiments;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.movierec.router.assignment.Arm;
import org.movierec.router.assignment.ArmAssignment;
import org.movierec.contracts.experiments.ExperimentStatus;

/**
 * An experiment as stored in collection {@code experiments} (see {@link ExperimentDocuments}): arms with
 * model versions and weights, per-user overrides, its status and, for canaries, the rollout's progress.
 * Immutable; every change is a new value with {@code revision + 1} (optimistic concurrency).
 *
 * @param id the experiment id ({@code exp-...}), also the default salt
 * @param name a human name
 * @param type A/B test or canary
 * @param status running, stopped, completed or aborted
 * @param salt the salt of the bucket hash; fixed for the experiment's life (stickiness)
 * @param arms the arms in range order
 * @param overrides user id → arm name, for QA
 * @param revision incremented by every write
 * @param createdAt when it was created
 * @param createdBy who created it
 * @param liveAt when it started routing users and counting them (every arm's version served), null before
 * @param weightPeriods the weights over time, oldest first, the last one current (never empty)
 * @param plan its primary metric, guardrails and planned sample
 * @param endedAt when it stopped, or null while running
 * @param endReason why it ended, or null
 * @param canary the canary's progress, or null for an A/B test
 */
public record Experiment(String id, String name, ExperimentType type, ExperimentStatus status, String salt,
        List<ArmSpec> arms, Map<String, String> overrides, long revision, Instant createdAt, String createdBy,
        Instant liveAt, List<WeightPeriod> weightPeriods, AnalysisPlan plan, Instant endedAt, String endReason,
        CanaryState canary) {

    public Experiment {
        arms = List.copyOf(arms);
        overrides = Map.copyOf(overrides);
        weightPeriods = List.copyOf(weightPeriods);
        if (weightPeriods.isEmpty()) {
            throw new IllegalArgumentException("an experiment has at least one weight period");
        }
    }

    /** A new experiment's first revision, created {@code now}: its weights are those of {@code arms}. */
    public static Experiment created(String id, String name, ExperimentType type, String salt, List<ArmSpec> arms,
            Map<String, String> overrides, Instant now, String createdBy, Instant liveAt, AnalysisPlan plan,
            CanaryState canary) {
        return new Experiment(id, name, type, ExperimentStatus.RUNNING, salt, arms, overrides, 1, now, createdBy,
                liveAt, List.of(new WeightPeriod(now, weightsOf(arms))), plan, null, null, canary);
    }

    /** When the weights last changed (the sample-ratio check counts users from here). */
    public Instant weightsSince() {
        return weightPeriods.get(weightPeriods.size() - 1).since();
    }

    /** When the analysis starts counting: when it went live, or its creation for an experiment not live yet. */
    public Instant countedFrom() {
        return liveAt != null ? liveAt : createdAt;
    }

    /** The sticky assignment of users to this experiment's arms. */
    public ArmAssignment assignment() {
        return new ArmAssignment(salt, assignmentArms(arms), overrides);
    }

    /** The arms as the assignment sees them. */
    public static List<Arm> assignmentArms(List<ArmSpec> arms) {
        List<Arm> result = new ArrayList<>(arms.size());
        for (ArmSpec arm : arms) {
            result.add(arm.arm());
        }
        return result;
    }

    /** The arm named {@code name}, or null. */
    public ArmSpec arm(String name) {
        for (ArmSpec arm : arms) {
            if (arm.name().equals(name)) {
                return arm;
            }
        }
        return null;
    }

    /**
     * The arm retries go to: the arm named {@code control} if there is one, else the first arm (the
     * baseline of the report too).
     */
    public ArmSpec controlArm() {
        ArmSpec control = arm(CanaryState.CONTROL);
        return control != null ? control : arms.get(0);
    }

    /** Whether it routes traffic. */
    public boolean running() {
        return status == ExperimentStatus.RUNNING;
    }

    /** This experiment with new weights (same order of arms), effective {@code now}. */
    public Experiment withWeights(Map<String, Integer> weights, Instant now) {
        List<ArmSpec> next = new ArrayList<>(arms.size());
        for (ArmSpec arm : arms) {
            next.add(arm.withWeight(weights.get(arm.name())));
        }
        List<WeightPeriod> periods = new ArrayList<>(weightPeriods);
        periods.add(new WeightPeriod(now, weights));
        return new Experiment(id, name, type, status, salt, next, overrides, revision + 1, createdAt, createdBy, liveAt,
                periods, plan, endedAt, endReason, canary);
    }

    /** This experiment with new overrides. */
    public Experiment withOverrides(Map<String, String> newOverrides) {
        return new Experiment(id, name, type, status, salt, arms, newOverrides, revision + 1, createdAt, createdBy,
                liveAt, weightPeriods, plan, endedAt, endReason, canary);
    }

    /** This experiment ended with {@code newStatus} at {@code now} for {@code reason}. */
    public Experiment ended(ExperimentStatus newStatus, Instant now, String reason) {
        return new Experiment(id, name, type, newStatus, salt, arms, overrides, revision + 1, createdAt, createdBy,
                liveAt, weightPeriods, plan, now, reason, canary);
    }

    /** This experiment with a new canary state (and the same arms). */
    public Experiment withCanary(CanaryState state) {
        return new Experiment(id, name, type, status, salt, arms, overrides, revision + 1, createdAt, createdBy,
                liveAt, weightPeriods, plan, endedAt, endReason, state);
    }

    /**
     * This experiment live (routing and counting users) from {@code now}; a canary's current step starts then, so it
     * lasts, and counts evidence, from going live.
     */
    public Experiment wentLive(Instant now) {
        return new Experiment(id, name, type, status, salt, arms, overrides, revision + 1, createdAt, createdBy, now,
                weightPeriods, plan, endedAt, endReason, canary == null ? null : canary.restartedAt(now));
    }

    /** The weights by arm name, in arm order. */
    public Map<String, Integer> weights() {
        return weightsOf(arms);
    }

    private static Map<String, Integer> weightsOf(List<ArmSpec> arms) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        for (ArmSpec arm : arms) {
            weights.put(arm.name(), arm.weight());
        }
        return weights;
    }
}
