package org.movierec.router.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.movierec.router.stats.SampleRatioMismatch;
import org.movierec.router.TestExperiments;
import org.movierec.router.experiments.ArmSpec;
import org.movierec.router.experiments.Experiment;
import org.movierec.router.experiments.ExperimentDocuments;

/** Sticky weighted assignment through the routing table, over 100,000 users. */
class RoutingTableTest {

    static final int USERS = 100_000;

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    long[] counts(RoutingTable table, List<ArmSpec> arms) {
        long[] counts = new long[arms.size()];
        for (int user = 1; user <= USERS; user++) {
            String arm = table.route(Integer.toString(user)).arm();
            for (int i = 0; i < arms.size(); i++) {
                if (arms.get(i).name().equals(arm)) {
                    counts[i]++;
                }
            }
        }
        return counts;
    }

    @Test
    void sharesMatchTheWeightsWithinOnePercentAndPassAChiSquareTest() {
        for (List<ArmSpec> arms : List.of(
                List.of(new ArmSpec("control", "v1", 50), new ArmSpec("treatment", "v2", 50)),
                List.of(new ArmSpec("control", "v1", 95), new ArmSpec("candidate", "v2", 5)),
                List.of(new ArmSpec("a", "v1", 50), new ArmSpec("b", "v2", 30), new ArmSpec("c", "v3", 20)))) {
            Experiment e = TestExperiments.running("exp-2026-salt", arms, Map.of(), Instant.now());
            long[] counts = counts(RoutingTable.of(e, registry), arms);
            double statistic = 0;
            for (int i = 0; i < arms.size(); i++) {
                double share = 100.0 * counts[i] / USERS;
                assertThat(share).as("share of %s in %s", arms.get(i).name(), arms)
                        .isBetween(arms.get(i).weight() - 1.0, arms.get(i).weight() + 1.0);
                double expected = USERS * arms.get(i).weight() / 100.0;
                statistic += (counts[i] - expected) * (counts[i] - expected) / expected;
            }
            // Pearson's X² by hand, k − 1 degrees of freedom; the 0.999 quantiles are 10.83 (1 df) and 13.82
            // (2 df) (any chi-square table); p above 0.001 passes, as the report's SRM check does
            double critical = arms.size() == 2 ? 10.828 : 13.816;
            assertThat(statistic).as("X² of %s", arms).isLessThan(critical);
            assertThat(ChiSquaredDistribution.of(arms.size() - 1).survivalProbability(statistic)).isGreaterThan(0.001);
            double[] weights = arms.stream().mapToDouble(ArmSpec::weight).toArray();
            assertThat(SampleRatioMismatch.check(counts, weights).mismatch()).isFalse();
        }
    }

    @Test
    void stickyAcrossRestartsAndReplicas() {
        List<ArmSpec> arms = List.of(new ArmSpec("control", "v1", 50), new ArmSpec("treatment", "v2", 50));
        Experiment e = TestExperiments.running("exp-sticky", arms, Map.of(), Instant.parse("2026-11-25T10:00:00Z"));
        RoutingTable before = RoutingTable.of(e, registry);
        // a restart or another replica: the experiment read back from its stored document, a new table
        Experiment reread = ExperimentDocuments.fromDocument(ExperimentDocuments.toDocument(e));
        RoutingTable after = RoutingTable.of(reread, new SimpleMeterRegistry());
        for (int user = 1; user <= USERS; user++) {
            String id = Integer.toString(user);
            assertThat(after.route(id).arm()).isEqualTo(before.route(id).arm());
        }
    }

    @Test
    void widenedCanaryKeepsEveryCandidateUserInTheCandidate() {
        List<ArmSpec> five = List.of(new ArmSpec("control", "v1", 95), new ArmSpec("candidate", "v2", 5));
        Experiment e = TestExperiments.running("exp-canary", five, Map.of(), Instant.now());
        RoutingTable at5 = RoutingTable.of(e, registry);
        RoutingTable at25 = RoutingTable.of(e.withWeights(Map.of("control", 75, "candidate", 25), Instant.now()), registry);
        for (int user = 1; user <= USERS; user++) {
            String id = Integer.toString(user);
            if (at5.route(id).arm().equals("candidate")) {
                assertThat(at25.route(id).arm()).isEqualTo("candidate");
            }
        }
    }

    @Test
    void overridesWinAndRoutesCarryTheArmsVersion() {
        List<ArmSpec> arms = List.of(new ArmSpec("control", "v1", 100), new ArmSpec("treatment", "v2", 0));
        Experiment e = TestExperiments.running("exp-qa", arms, Map.of("42", "treatment"), Instant.now());
        RoutingTable table = RoutingTable.of(e, registry);
        Route qa = table.route("42");
        assertThat(qa.arm()).isEqualTo("treatment");
        assertThat(qa.modelVersion()).isEqualTo("v2");
        assertThat(qa.experiment()).isEqualTo("exp-test");
        assertThat(table.route("43").modelVersion()).isEqualTo("v1");
        assertThat(table.retryRoute().arm()).isEqualTo("control");
        assertThat(registry.get("router.assignments").tag("arm", "treatment").tag("source", "override").counter()
                .count()).isEqualTo(1.0);
    }

    @Test
    void withoutAnExperimentEveryoneGoesToProduction() {
        RoutingTable table = RoutingTable.production(registry);
        Route route = table.route("7");
        assertThat(route.modelVersion()).isNull();
        assertThat(route.experiment()).isNull();
        assertThat(table.retryRoute()).isSameAs(route);
    }
}
