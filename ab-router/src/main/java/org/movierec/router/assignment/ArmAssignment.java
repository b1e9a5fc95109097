package org.movierec.router.assignment;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.movierec.core.ids.UserIds;

/**
 * Sticky, weighted assignment of users to the arms of one experiment.
 *
 * <p><b>Layout: ranges in arm order.</b> The {@value BucketHash#BUCKETS} buckets of
 * {@link BucketHash} are cut into contiguous ranges, one per arm, in the order the arms are listed,
 * 100 buckets per percent of weight: arms (control 90, candidate 10) own buckets [0, 9000) and
 * [9000, 10000). A user's arm is the owner of the user's bucket — unless a per-user override (for QA)
 * names an arm, which always wins, also for arms of weight 0.
 *
 * <p><b>Consequence for changing weights.</b> With the same salt, a user changes arm only when the
 * user's bucket changes owner, i.e. lies in the part of an arm's old range that the arm's new range
 * does not cover. With the candidate listed last, widening a canary (90/10 → 75/25 → 50/50 → 0/100)
 * moves only the boundary: users move from control to candidate, never back and never elsewhere,
 * and everyone already in the candidate stays there. With three or more arms, changing an arm in
 * the middle shifts the ranges after it, so users can also move between arms whose weights did not
 * change: (A 34, B 33, C 33) → (A 50, B 25, C 25) moves buckets [6700, 7500) from C to B although C
 * only shrank. {@link #reassignedBuckets(ArmAssignment)} counts the buckets a change moves. A new salt
 * reshuffles everyone, which is what a new experiment wants.
 */
public final class ArmAssignment {

    /** Weights are whole percent and sum to this. */
    public static final int TOTAL_WEIGHT = 100;

    private static final int BUCKETS_PER_PERCENT = BucketHash.BUCKETS / TOTAL_WEIGHT;

    private final String salt;
    private final List<Arm> arms;
    /** Exclusive end bucket of each arm's range, in arm order. */
    private final int[] ends;
    private final Map<String, Arm> armsByName;
    private final Map<String, String> overrides;

    /** An assignment without overrides; throws IllegalArgumentException listing every problem. */
    public ArmAssignment(String salt, List<Arm> arms) {
        this(salt, arms, Map.of());
    }

    /**
     * An assignment with per-user overrides (user id → arm name); throws IllegalArgumentException
     * listing every problem found by {@link #problems(String, List, Map)}.
     */
    public ArmAssignment(String salt, List<Arm> arms, Map<String, String> overrides) {
        List<String> problems = problems(salt, arms, overrides);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        this.salt = salt;
        this.arms = List.copyOf(arms);
        this.ends = new int[arms.size()];
        Map<String, Arm> byName = new LinkedHashMap<>();
        int end = 0;
        for (int i = 0; i < arms.size(); i++) {
            end += arms.get(i).weight() * BUCKETS_PER_PERCENT;
            ends[i] = end;
            byName.put(arms.get(i).name(), arms.get(i));
        }
        this.armsByName = Collections.unmodifiableMap(byName);
        this.overrides = Map.copyOf(overrides);
    }

    /**
     * Every problem with this configuration, in words an admin API can return; empty when valid.
     * Checked: a non-empty salt; at least one arm; names non-empty and unique; weights ≥ 0 and summing
     * to 100; override user ids canonical (see {@link UserIds}) and naming existing arms.
     */
    public static List<String> problems(String salt, List<Arm> arms, Map<String, String> overrides) {
        List<String> problems = new ArrayList<>();
        if (salt == null || salt.isEmpty()) {
            problems.add("salt must not be empty");
        }
        if (arms == null || arms.isEmpty()) {
            problems.add("an experiment needs at least one arm");
            return problems;
        }
        Set<String> names = new HashSet<>();
        long sum = 0;
        StringJoiner terms = new StringJoiner(" + ");
        for (int i = 0; i < arms.size(); i++) {
            Arm arm = arms.get(i);
            if (arm == null) {
                problems.add("arm " + (i + 1) + " is missing");
                continue;
            }
            if (arm.name() == null || arm.name().isBlank()) {
                problems.add("arm " + (i + 1) + " has no name");
            } else if (!names.add(arm.name())) {
                problems.add("arm name '" + arm.name() + "' is used more than once");
            }
            if (arm.weight() < 0) {
                problems.add("arm '" + arm.name() + "' has a negative weight: " + arm.weight());
            }
            sum += arm.weight();
            terms.add(arm.name() + " " + arm.weight());
        }
        if (sum != TOTAL_WEIGHT) {
            problems.add("weights must sum to " + TOTAL_WEIGHT + ", got " + sum + " (" + terms + ")");
        }
        if (overrides == null) {
            problems.add("overrides must not be null (use an empty map)");
            return problems;
        }
        overrides.forEach((userId, armName) -> {
            String idProblem = UserIds.problem(userId);
            if (idProblem != null) {
                problems.add("override: " + idProblem);
            }
            if (armName == null || !names.contains(armName)) {
                problems.add("override for user '" + userId + "' names unknown arm '" + armName + "'");
            }
        });
        return problems;
    }

    /** The arm of {@code userId}: its override if it has one, else the owner of its bucket. */
    public Arm assign(String userId) {
        String override = overrides.get(userId);
        if (override != null) {
            return armsByName.get(override);
        }
        return armOfBucket(bucket(userId));
    }

    /** The bucket of {@code userId} in this experiment ({@link BucketHash} with this salt). */
    public int bucket(String userId) {
        return BucketHash.bucket(salt, userId);
    }

    /** The arm whose range holds {@code bucket}. */
    public Arm armOfBucket(int bucket) {
        if (bucket < 0 || bucket >= BucketHash.BUCKETS) {
            throw new IllegalArgumentException("bucket must be in [0, " + BucketHash.BUCKETS + "), got " + bucket);
        }
        for (int i = 0; i < ends.length; i++) {
            if (bucket < ends[i]) {
                return arms.get(i);
            }
        }
        throw new IllegalStateException("weights sum to 100, so every bucket has an arm");
    }

    /** The first bucket of the arm named {@code armName}; its range is [first, first + 100·weight). */
    public int firstBucket(String armName) {
        for (int i = 0; i < arms.size(); i++) {
            if (arms.get(i).name().equals(armName)) {
                return ends[i] - arms.get(i).weight() * BUCKETS_PER_PERCENT;
            }
        }
        throw new IllegalArgumentException("no arm named '" + armName + "'");
    }

    /**
     * The number of buckets whose arm (by name) differs between this assignment and {@code next}:
     * with the same salt, the users a change of weights moves, in units of 0.01 % of users.
     * Overrides are not counted.
     */
    public int reassignedBuckets(ArmAssignment next) {
        int moved = 0;
        for (int bucket = 0; bucket < BucketHash.BUCKETS; bucket++) {
            if (!armOfBucket(bucket).name().equals(next.armOfBucket(bucket).name())) {
                moved++;
            }
        }
        return moved;
    }

    /** The same experiment (salt and overrides) with new arms, e.g. the next step of a canary ramp. */
    public ArmAssignment withArms(List<Arm> newArms) {
        return new ArmAssignment(salt, newArms, overrides);
    }

    /** The experiment's salt. */
    public String salt() {
        return salt;
    }

    /** The arms, in range order. */
    public List<Arm> arms() {
        return arms;
    }

    /** The per-user overrides, user id → arm name. */
    public Map<String, String> overrides() {
        return overrides;
    }
}
