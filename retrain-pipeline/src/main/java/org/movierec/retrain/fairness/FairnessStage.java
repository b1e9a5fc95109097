package org.movierec.retrain.fairness;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.movierec.core.data.load.Demographics;
import org.movierec.retrain.fairness.Disparity;
import org.movierec.retrain.fairness.ExposureAudit;
import org.movierec.retrain.fairness.ExposureMetrics;
import org.movierec.retrain.fairness.GroupAudit;
import org.movierec.retrain.fairness.GroupMetrics;
import org.movierec.core.model.SvdModel;
import org.movierec.core.split.Split;
import org.movierec.retrain.RunLayout;
import org.movierec.retrain.params.RetrainParams;
import org.movierec.retrain.snapshot.Directory;
import org.movierec.retrain.snapshot.UserProfile;

/**
 * Stage 5, fairness audit: per group of gender, age band and occupation, RMSE and precision@k on the
 * holdout, and the disparity between the best and the worst group (groups with at least
 * {@code fairness.min_group_users} users); exposure of the holdout users' top-k lists: long-tail share,
 * popularity bias, catalog coverage and Gini. Each is checked against its threshold in {@code params.yaml};
 * output {@link RunLayout#FAIRNESS} says which held and which failed.
 */
public final class FairnessStage {

    /** The dimensions users are grouped by. */
    public static final List<String> DIMENSIONS = List.of("gender", "age_band", "occupation");

    private FairnessStage() {
    }

    /** Audits {@code model} on {@code split}'s holdout. */
    public static FairnessReport audit(SvdModel model, Split split, Directory directory, RetrainParams params) {
        int k = params.integer("fairness.k");
        int minUsers = params.integer("fairness.min_group_users");
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("k", k);
        report.put("min_group_users", minUsers);
        List<Map<String, Object>> checks = new ArrayList<>();
        List<String> failures = new ArrayList<>();

        Map<String, Object> groups = new LinkedHashMap<>();
        List<Map<String, Object>> disparities = new ArrayList<>();
        if (directory.users() != null) {
            Map<String, List<GroupMetrics>> byGroup = GroupAudit.byGroup(model, split, id -> groupsOf(directory, id), k);
            for (String dimension : DIMENSIONS) {
                List<GroupMetrics> list = byGroup.getOrDefault(dimension, List.of());
                List<Map<String, Object>> rows = new ArrayList<>();
                for (GroupMetrics g : list) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("group", g.group());
                    row.put("users", g.users());
                    row.put("ratings", g.ratings());
                    row.put("rmse", g.rmse());
                    row.put("users_evaluated", g.usersEvaluated());
                    row.put("precision@" + k, g.precision());
                    rows.add(row);
                }
                groups.put(dimension, rows);
                Disparity rmse = GroupAudit.disparity(list, "rmse", minUsers);
                Disparity precision = GroupAudit.disparity(list, "precision", minUsers);
                disparities.add(toMap(rmse));
                disparities.add(toMap(precision));
                check(checks, failures, "rmse_disparity." + dimension, rmse.disparity(), "<=",
                        params.number("fairness.max_rmse_disparity"));
                check(checks, failures, "precision_disparity." + dimension, precision.disparity(), "<=",
                        params.number("fairness.max_precision_disparity"));
            }
        } else {
            report.put("note", "no user demographics in the snapshot: group checks not run");
        }
        report.put("groups", groups);
        report.put("disparities", disparities);

        Set<String> testUsers = new LinkedHashSet<>();
        for (int r = 0; r < split.test().size(); r++) {
            testUsers.add(split.test().users().idAt(split.test().user(r)));
        }
        ExposureMetrics exposure = ExposureAudit.audit(model, split.train(), testUsers, k,
                params.number("fairness.long_tail_head_share"));
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("lists", exposure.lists());
        e.put("long_tail_head_share", params.number("fairness.long_tail_head_share"));
        e.put("long_tail_share", exposure.longTailShare());
        e.put("popularity_bias", exposure.popularityBias());
        e.put("catalog_coverage", exposure.catalogCoverage());
        e.put("gini", exposure.gini());
        report.put("exposure", e);
        check(checks, failures, "long_tail_share", exposure.longTailShare(), ">=", params.number("fairness.min_long_tail_share"));
        check(checks, failures, "popularity_bias", exposure.popularityBias(), "<=", params.number("fairness.max_popularity_bias"));
        check(checks, failures, "catalog_coverage", exposure.catalogCoverage(), ">=", params.number("fairness.min_catalog_coverage"));
        check(checks, failures, "gini", exposure.gini(), "<=", params.number("fairness.max_gini"));

        report.put("checks", checks);
        report.put("passed", failures.isEmpty());
        report.put("failed", failures);
        return new FairnessReport(failures.isEmpty(), failures, report);
    }

    private static Map<String, String> groupsOf(Directory directory, String userId) {
        UserProfile u = directory.users().get(userId);
        if (u == null) {
            return Map.of();
        }
        return Map.of("gender", u.gender(), "age_band", u.age() > 0 ? Demographics.ageBand(u.age()) : "unknown",
                "occupation", u.occupation());
    }

    private static Map<String, Object> toMap(Disparity d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dimension", d.dimension());
        m.put("metric", d.metric());
        m.put("best_group", d.bestGroup());
        m.put("best", d.best());
        m.put("worst_group", d.worstGroup());
        m.put("worst", d.worst());
        m.put("disparity", d.disparity());
        m.put("groups", d.groups());
        return m;
    }

    /** A value that is not a number (nothing to measure) passes: there is no evidence of harm. */
    private static void check(List<Map<String, Object>> checks, List<String> failures, String name, double value,
                              String rule, double threshold) {
        boolean passed = Double.isNaN(value) || (rule.equals("<=") ? value <= threshold : value >= threshold);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("value", value);
        c.put("rule", rule);
        c.put("threshold", threshold);
        c.put("passed", passed);
        checks.add(c);
        if (!passed) {
            failures.add(String.format(Locale.ROOT, "%s %.4f %s %s", name, value, rule.equals("<=") ? ">" : "<", threshold));
        }
    }

    public static void write(FairnessReport report, RunLayout layout) throws IOException {
        layout.writeJson(RunLayout.FAIRNESS, report.report());
    }

    @SuppressWarnings("unchecked")
    public static FairnessReport read(RunLayout layout) throws IOException {
        Map<String, Object> m = layout.readJson(RunLayout.FAIRNESS);
        List<String> failed = new ArrayList<>();
        ((List<Object>) m.get("failed")).forEach(f -> failed.add(String.valueOf(f)));
        return new FairnessReport(Boolean.TRUE.equals(m.get("passed")), failed, m);
    }
}
