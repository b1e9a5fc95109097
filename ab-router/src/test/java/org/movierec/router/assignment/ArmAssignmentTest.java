package org.movierec.router.assignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.movierec.router.stats.SampleRatioMismatch;

class ArmAssignmentTest {

    private static final int USERS = 100_000;

    private static List<Arm> arms(Object... namesAndWeights) {
        List<Arm> arms = new ArrayList<>();
        for (int i = 0; i < namesAndWeights.length; i += 2) {
            arms.add(new Arm((String) namesAndWeights[i], (Integer) namesAndWeights[i + 1]));
        }
        return arms;
    }

    @Test
    void sharesMatchWeightsWithinOnePercentAndPassChiSquare() {
        List<List<Arm>> splits = List.of(
                arms("control", 50, "candidate", 50),
                arms("control", 90, "candidate", 10),
                arms("control", 95, "canary", 5),
                arms("a", 34, "b", 33, "c", 33),
                arms("a", 10, "b", 20, "c", 30, "d", 40),
                arms("control", 99, "canary", 1),
                arms("control", 75, "dark", 0, "candidate", 25));
        for (int s = 0; s < splits.size(); s++) {
            List<Arm> split = splits.get(s);
            ArmAssignment assignment = new ArmAssignment("split-" + s, split);
            long[] counts = new long[split.size()];
            double[] weights = new double[split.size()];
            for (int user = 1; user <= USERS; user++) {
                counts[split.indexOf(assignment.assign(Integer.toString(user)))]++;
            }
            for (int i = 0; i < split.size(); i++) {
                weights[i] = split.get(i).weight();
                double share = (double) counts[i] / USERS;
                assertThat(share).as("share of %s in %s", split.get(i).name(), split)
                        .isCloseTo(weights[i] / 100, within(0.01));
            }
            SampleRatioMismatch srm = SampleRatioMismatch.check(counts, weights);
            assertThat(srm.pValue()).as("chi-square p of %s, counts %s", split, Arrays.toString(counts))
                    .isGreaterThan(0.001);
            assertThat(srm.mismatch()).isFalse();
        }
    }

    @Test
    void sameUserSameArmAcrossFreshInstances() {
        List<Arm> split = arms("control", 50, "candidate", 50);
        ArmAssignment first = new ArmAssignment("sticky", split);
        ArmAssignment restarted = new ArmAssignment("sticky", List.copyOf(split));
        for (int user = 1; user <= 10_000; user++) {
            String id = Integer.toString(user);
            assertThat(restarted.assign(id)).isEqualTo(first.assign(id));
            assertThat(first.assign(id)).isEqualTo(first.assign(id));
        }
        // pinned (BucketHashTest): user 42 of "exp-1" is in bucket 2710, so control at 50/50, and
        // user 1 (bucket 9339) is in the candidate's range [5000, 10000)
        ArmAssignment pinned = new ArmAssignment("exp-1", split);
        assertThat(pinned.bucket("42")).isEqualTo(2710);
        assertThat(pinned.assign("42").name()).isEqualTo("control");
        assertThat(pinned.assign("1").name()).isEqualTo("candidate");
    }

    @Test
    void overridesTakePrecedenceEvenForAnArmWithoutTraffic() {
        List<Arm> split = arms("control", 100, "candidate", 0);
        ArmAssignment assignment = new ArmAssignment("qa", split, Map.of("42", "candidate"));
        assertThat(assignment.assign("42").name()).isEqualTo("candidate");
        assertThat(assignment.assign("43").name()).isEqualTo("control");
        assertThat(assignment.overrides()).containsEntry("42", "candidate");
    }

    @Test
    void rangesFollowArmOrder() {
        ArmAssignment assignment = new ArmAssignment("s", arms("control", 90, "candidate", 10));
        assertThat(assignment.armOfBucket(0).name()).isEqualTo("control");
        assertThat(assignment.armOfBucket(8999).name()).isEqualTo("control");
        assertThat(assignment.armOfBucket(9000).name()).isEqualTo("candidate");
        assertThat(assignment.armOfBucket(9999).name()).isEqualTo("candidate");
        assertThat(assignment.firstBucket("candidate")).isEqualTo(9000);
        assertThatThrownBy(() -> assignment.armOfBucket(10_000)).hasMessageContaining("bucket");
    }

    @Test
    void wideningACanaryMovesUsersOnlyFromControlToCandidate() {
        ArmAssignment step1 = new ArmAssignment("canary", arms("control", 90, "candidate", 10));
        ArmAssignment step2 = step1.withArms(arms("control", 75, "candidate", 25));
        assertThat(step1.reassignedBuckets(step2)).isEqualTo(1500);
        for (int user = 1; user <= USERS; user++) {
            String id = Integer.toString(user);
            String before = step1.assign(id).name();
            String after = step2.assign(id).name();
            if (before.equals("candidate")) {
                assertThat(after).isEqualTo("candidate");
            }
        }
        // three arms: (34, 33, 33) → (50, 25, 25) moves [3400, 5000) from b to a and [6700, 7500)
        // from c to b although c only shrank
        ArmAssignment three = new ArmAssignment("t", arms("a", 34, "b", 33, "c", 33));
        ArmAssignment changed = three.withArms(arms("a", 50, "b", 25, "c", 25));
        assertThat(three.reassignedBuckets(changed)).isEqualTo(2400);
        assertThat(three.armOfBucket(7000).name()).isEqualTo("c");
        assertThat(changed.armOfBucket(7000).name()).isEqualTo("b");
    }

    @Test
    void validationReportsEveryProblem() {
        assertThatThrownBy(() -> new ArmAssignment("s", arms("control", 50, "candidate", 40)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("weights must sum to 100, got 90 (control 50 + candidate 40)");
        assertThatThrownBy(() -> new ArmAssignment("s", arms("x", 50, "x", 50)))
                .hasMessage("arm name 'x' is used more than once");
        assertThatThrownBy(() -> new ArmAssignment("s", arms("", 50, "b", 50)))
                .hasMessage("arm 1 has no name");
        assertThatThrownBy(() -> new ArmAssignment("s", arms("a", 110, "b", -10)))
                .hasMessage("arm 'b' has a negative weight: -10");
        assertThatThrownBy(() -> new ArmAssignment("", List.of()))
                .hasMessage("salt must not be empty; an experiment needs at least one arm");
        assertThatThrownBy(() -> new ArmAssignment("s", arms("a", 100), Map.of("42", "b")))
                .hasMessage("override for user '42' names unknown arm 'b'");
        assertThatThrownBy(() -> new ArmAssignment("s", arms("a", 100), Map.of("042", "a")))
                .hasMessageContaining("override: userId must be a positive integer without leading zeros");
        assertThat(ArmAssignment.problems("s", arms("a", 60, "a", 30), Map.of())).containsExactly(
                "arm name 'a' is used more than once", "weights must sum to 100, got 90 (a 60 + a 30)");
        assertThat(ArmAssignment.problems("s", arms("a", 100), Map.of())).isEmpty();
    }
}
