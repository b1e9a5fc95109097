package org.movierec.router.report;

import org.movierec.router.experiments.Metric;
import org.movierec.router.stats.ConfidenceInterval;
import org.movierec.router.stats.Cuped;
import org.movierec.router.stats.RelativeEffect;
import org.movierec.router.stats.StandardNormal;
import org.movierec.router.stats.UserTotals;

/**
 * The effect of one arm against control on a ratio metric read as per-user sums ({@link UserTotals}), with the user
 * as the unit of the variance: watch-through (watched / answered), error rate (failed / attempts) and RMSE
 * (√(Σ squared error / ratings)).
 *
 * <ul>
 *   <li>Watch-through is CUPED-adjusted with each user's pre-period watch-through ({@link Cuped}) when that removes
 *       variance; the difference, its interval, p-value and relative effect are then the adjusted ones.</li>
 *   <li>RMSE's difference is √MSE_T − √MSE_C with the delta-method variance Var(MSE)/(4 MSE) per arm; its relative
 *       effect is √(MSE_T/MSE_C) − 1 ({@link RelativeEffect#ofRootMeans}); its test is on the MSE difference.</li>
 * </ul>
 */
final class EffectEstimator {

    /**
     * What the estimator found: the effect, the test's difference and variance (MSE units for RMSE), the per-user
     * variances of the effect's scale (for power), and the naive (rows independent) variance of the test's difference.
     */
    record Estimate(Effect effect, double testDifference, double testVariance, double unitVarianceT,
            double unitVarianceC, long usersT, long usersC, double cupedVarianceReduction) {
    }

    private EffectEstimator() {
    }

    /** Enough data: two users with a denominator in each arm. */
    static boolean estimable(UserTotals t, UserTotals c) {
        return t != null && c != null && t.users() >= 2 && c.users() >= 2 && t.sumN() > 0 && c.sumN() > 0
                && Double.isFinite(t.ratioVariance()) && Double.isFinite(c.ratioVariance());
    }

    /** The estimate of {@code metric} (not p99), or one with an unknown effect when there is too little data. */
    static Estimate estimate(Metric metric, UserTotals t, UserTotals c, double confidence) {
        if (!estimable(t, c)) {
            double tv = t == null || t.sumN() == 0 ? Double.NaN : value(metric, t.ratio());
            double cv = c == null || c.sumN() == 0 ? Double.NaN : value(metric, c.ratio());
            return new Estimate(Effect.unknown(metric, cv, tv), Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    t == null ? 0 : t.users(), c == null ? 0 : c.users(), Double.NaN);
        }
        if (metric == Metric.RMSE) {
            return rmse(t, c, confidence);
        }
        double rt = t.ratio();
        double rc = c.ratio();
        double vt = t.ratioVariance();
        double vc = c.ratioVariance();
        double reduction = Double.NaN;
        if (metric == Metric.WATCH_THROUGH) {
            Cuped.Adjusted adjusted = Cuped.adjust(t, c);
            double before = vt + vc;
            double after = adjusted.treatment().adjustedVariance() + adjusted.control().adjustedVariance();
            if (adjusted.theta() != 0 && after < before) {
                rt = adjusted.treatment().adjustedRatio();
                rc = adjusted.control().adjustedRatio();
                vt = adjusted.treatment().adjustedVariance();
                vc = adjusted.control().adjustedVariance();
                reduction = 1 - after / before;
            } else {
                reduction = 0;
            }
        }
        double difference = rt - rc;
        double sd = Math.sqrt(vt + vc);
        RelativeEffect relative = rc > 0 ? RelativeEffect.ofMeans(rt, vt, rc, vc, confidence) : null;
        Effect effect = new Effect(metric, rc, rt, difference, ConfidenceInterval.ofNormal(difference, sd, confidence),
                relative, pValue(difference, sd));
        return new Estimate(effect, difference, vt + vc, t.users() * vt, c.users() * vc, t.users(), c.users(),
                reduction);
    }

    private static Estimate rmse(UserTotals t, UserTotals c, double confidence) {
        double mt = t.ratio();
        double mc = c.ratio();
        double vt = t.ratioVariance();
        double vc = c.ratioVariance();
        if (!(mt > 0 && mc > 0)) {
            return new Estimate(Effect.unknown(Metric.RMSE, Math.sqrt(mc), Math.sqrt(mt)), mt - mc, vt + vc,
                    Double.NaN, Double.NaN, t.users(), c.users(), Double.NaN);
        }
        double rmseT = Math.sqrt(mt);
        double rmseC = Math.sqrt(mc);
        double vRmseT = vt / (4 * mt);
        double vRmseC = vc / (4 * mc);
        double difference = rmseT - rmseC;
        double sd = Math.sqrt(vRmseT + vRmseC);
        Effect effect = new Effect(Metric.RMSE, rmseC, rmseT, difference, ConfidenceInterval.ofNormal(difference, sd,
                confidence), RelativeEffect.ofRootMeans(mt, vt, mc, vc, confidence), pValue(mt - mc, Math.sqrt(vt + vc)));
        return new Estimate(effect, mt - mc, vt + vc, t.users() * vRmseT, c.users() * vRmseC, t.users(), c.users(),
                Double.NaN);
    }

    /** The metric's value of a ratio: RMSE is the root of the mean squared error. */
    static double value(Metric metric, double ratio) {
        return metric == Metric.RMSE ? Math.sqrt(ratio) : ratio;
    }

    /** Two-sided normal p-value of difference / sd; NaN when sd is 0 or unknown. */
    static double pValue(double difference, double sd) {
        if (!(sd > 0)) {
            return Double.NaN;
        }
        return StandardNormal.twoSidedPValue(difference / sd);
    }
}
