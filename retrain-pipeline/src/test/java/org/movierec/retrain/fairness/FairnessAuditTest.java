package org.movierec.retrain.fairness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.movierec.core.data.load.Demographics;
import org.movierec.core.generate.GeneratedData;
import org.movierec.core.generate.GeneratorConfig;
import org.movierec.core.generate.SyntheticDataGenerator;
import org.movierec.core.generate.SyntheticUser;
import org.movierec.core.metrics.ErrorMetrics;
import org.movierec.core.model.SvdModel;
import org.movierec.core.split.Split;
import org.movierec.core.split.Splits;
import org.movierec.core.train.SgdTrainer;
import org.movierec.core.train.TrainingParams;

class FairnessAuditTest {

    static GeneratedData data;
    static Split split;
    static SvdModel model;

    @BeforeAll
    static void train() {
        data = SyntheticDataGenerator.generate(GeneratorConfig.of(300, 200, 12_000, 5).withGroupEffect(0.5));
        split = Splits.byTime(data.ratings(), 0.2);
        model = new SgdTrainer(TrainingParams.defaults().withFactors(8).withMaxEpochs(15).withThreads(1))
                .train(split.train()).model();
    }

    @Test
    void giniOfHandComputedCases() {
        assertThat(ExposureAudit.gini(new long[] {5, 5, 5, 5})).isEqualTo(0.0);
        // one of four items takes everything: (n-1)/n
        assertThat(ExposureAudit.gini(new long[] {0, 0, 0, 8})).isEqualTo(0.75);
        // 1,2,3: (−2·1 + 0·2 + 2·3) / (3·6) = 4/18
        assertThat(ExposureAudit.gini(new long[] {3, 1, 2})).isCloseTo(4.0 / 18, within(1e-15));
        assertThat(ExposureAudit.gini(new long[] {0, 0})).isNaN();
    }

    @Test
    void disparityIsBestMinusWorstAmongLargeEnoughGroups() {
        List<GroupMetrics> groups = List.of(
                new GroupMetrics("gender", "F", 50, 400, 0.90, 40, 0.10),
                new GroupMetrics("gender", "M", 80, 900, 0.95, 70, 0.14),
                new GroupMetrics("gender", "X", 2, 10, 2.00, 2, 0.90));
        Disparity rmse = GroupAudit.disparity(groups, "rmse", 10);
        assertThat(rmse.bestGroup()).isEqualTo("F");
        assertThat(rmse.worstGroup()).isEqualTo("M");
        assertThat(rmse.disparity()).isCloseTo(0.05, within(1e-12));
        assertThat(rmse.groups()).isEqualTo(2);
        Disparity precision = GroupAudit.disparity(groups, "precision", 10);
        assertThat(precision.bestGroup()).isEqualTo("M");
        assertThat(precision.worst()).isEqualTo(0.10);
        assertThat(GroupAudit.disparity(groups, "rmse", 1000).disparity()).isZero();
    }

    @Test
    void groupRmsesRecombineIntoTheOverallRmse() {
        Map<String, SyntheticUser> users = new java.util.HashMap<>();
        data.users().forEach(u -> users.put(u.id(), u));
        Map<String, List<GroupMetrics>> byGroup = GroupAudit.byGroup(model, split, id -> Map.of(
                "gender", users.get(id).gender(),
                "age_band", Demographics.ageBand(users.get(id).age())), 10);
        assertThat(byGroup).containsOnlyKeys("gender", "age_band");
        double overall = ErrorMetrics.rmse(model, split.test());
        for (List<GroupMetrics> dimension : byGroup.values()) {
            double squared = 0;
            int ratings = 0;
            for (GroupMetrics g : dimension) {
                squared += g.rmse() * g.rmse() * g.ratings();
                ratings += g.ratings();
            }
            assertThat(ratings).isEqualTo(split.test().size());
            assertThat(Math.sqrt(squared / ratings)).isCloseTo(overall, within(1e-9));
        }
    }

    @Test
    void exposureBoundsAndLongTailExtremes() {
        List<String> ids = split.test().users().ids();
        ExposureMetrics all = ExposureAudit.audit(model, split.train(), ids, 10, 0.0);
        assertThat(all.lists()).isEqualTo(ids.size());
        assertThat(all.longTailShare()).isEqualTo(1.0); // an empty head: everything is long tail
        assertThat(all.catalogCoverage()).isBetween(0.0, 1.0);
        assertThat(all.gini()).isBetween(0.0, 1.0);
        assertThat(all.popularityBias()).isPositive();
        ExposureMetrics none = ExposureAudit.audit(model, split.train(), ids, 10, 1.0);
        assertThat(none.longTailShare()).isEqualTo(0.0); // every rated movie is in the head
    }
}
