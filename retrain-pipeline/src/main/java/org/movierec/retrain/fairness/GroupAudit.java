package org.movierec.retrain.fairness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import org.movierec.core.data.Ratings;
import org.movierec.core.metrics.ErrorMetrics;
import org.movierec.core.metrics.ErrorSummary;
import org.movierec.core.metrics.RankingMetrics;
import org.movierec.core.metrics.RankingSummary;
import org.movierec.core.model.SvdModel;
import org.movierec.core.split.Split;

/**
 * Accuracy per user group: for every dimension (gender, age band, occupation, ...) and every group in it,
 * the RMSE and precision@k of a model on the group's test ratings, measured with the same protocol as the
 * whole test set ({@link ErrorMetrics#of}, {@link RankingMetrics#evaluate}), and the disparity between the
 * best and the worst group.
 */
public final class GroupAudit {

    private GroupAudit() {
    }

    /**
     * Metrics per group.
     *
     * @param groupsOf a user's group in each dimension, by external user id (dimension → group); a
     *                 dimension missing from the map puts the user in no group of it
     * @param k        list length for precision@k
     * @return by dimension (in first-seen order), the groups sorted by name
     */
    public static Map<String, List<GroupMetrics>> byGroup(SvdModel model, Split split,
                                                         Function<String, Map<String, String>> groupsOf, int k) {
        Objects.requireNonNull(groupsOf, "groupsOf");
        Ratings test = split.test();
        Map<String, Map<String, IntList>> rowsByGroup = new LinkedHashMap<>();
        Map<String, Map<String, BitSet>> usersByGroup = new LinkedHashMap<>();
        Map<String, String>[] cache = cacheOf(test);
        for (int r = 0; r < test.size(); r++) {
            int user = test.user(r);
            if (cache[user] == null) {
                Map<String, String> groups = groupsOf.apply(test.users().idAt(user));
                cache[user] = groups == null ? Map.of() : groups;
            }
            for (Map.Entry<String, String> g : cache[user].entrySet()) {
                rowsByGroup.computeIfAbsent(g.getKey(), d -> new TreeMap<>())
                        .computeIfAbsent(g.getValue(), x -> new IntList()).add(r);
                usersByGroup.computeIfAbsent(g.getKey(), d -> new TreeMap<>())
                        .computeIfAbsent(g.getValue(), x -> new BitSet()).set(user);
            }
        }
        Map<String, List<GroupMetrics>> result = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, IntList>> dim : rowsByGroup.entrySet()) {
            List<GroupMetrics> list = new ArrayList<>();
            for (Map.Entry<String, IntList> g : dim.getValue().entrySet()) {
                Ratings groupTest = test.select(g.getValue().toArray());
                ErrorSummary errors = ErrorMetrics.of(model, groupTest);
                RankingSummary ranking = RankingMetrics.evaluate(model, split.train(), groupTest, k);
                int users = usersByGroup.get(dim.getKey()).get(g.getKey()).cardinality();
                list.add(new GroupMetrics(dim.getKey(), g.getKey(), users, groupTest.size(), errors.rmse(),
                        ranking.usersEvaluated(), ranking.precision()));
            }
            result.put(dim.getKey(), list);
        }
        return result;
    }

    /**
     * The disparity of {@code metric} ({@code rmse}: lower is better; {@code precision}: higher is better)
     * across {@code groups} with at least {@code minUsers} users and a finite value.
     */
    public static Disparity disparity(List<GroupMetrics> groups, String metric, int minUsers) {
        boolean lowerIsBetter = switch (metric) {
            case "rmse" -> true;
            case "precision" -> false;
            default -> throw new IllegalArgumentException("unknown metric " + metric + " (rmse or precision)");
        };
        Function<GroupMetrics, Double> value = lowerIsBetter ? GroupMetrics::rmse : GroupMetrics::precision;
        Function<GroupMetrics, Integer> size = lowerIsBetter ? GroupMetrics::users : GroupMetrics::usersEvaluated;
        List<GroupMetrics> counted = groups.stream()
                .filter(g -> size.apply(g) >= minUsers && Double.isFinite(value.apply(g)))
                .sorted(Comparator.comparing(value).thenComparing(GroupMetrics::group))
                .toList();
        String dimension = groups.isEmpty() ? "" : groups.get(0).dimension();
        if (counted.isEmpty()) {
            return new Disparity(dimension, metric, null, Double.NaN, null, Double.NaN, 0, 0);
        }
        GroupMetrics low = counted.get(0);
        GroupMetrics high = counted.get(counted.size() - 1);
        GroupMetrics best = lowerIsBetter ? low : high;
        GroupMetrics worst = lowerIsBetter ? high : low;
        double b = value.apply(best);
        double w = value.apply(worst);
        return new Disparity(dimension, metric, best.group(), b, worst.group(), w, Math.abs(b - w), counted.size());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String>[] cacheOf(Ratings test) {
        return (Map<String, String>[]) new Map[test.users().size()];
    }

    /** A growable list of ints. */
    private static final class IntList {
        private int[] values = new int[16];
        private int size;

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
