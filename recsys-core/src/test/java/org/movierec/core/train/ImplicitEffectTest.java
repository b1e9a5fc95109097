package org.movierec.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.movierec.core.data.ImplicitFeedback;
import org.movierec.core.data.Ratings;
import org.movierec.core.generate.GeneratedData;
import org.movierec.core.generate.GeneratorConfig;
import org.movierec.core.generate.SyntheticDataGenerator;
import org.movierec.core.model.SvdModel;

/**
 * On generated data with a known implicit effect, SVD++ beats the explicit model by the margin the
 * effect allows.
 *
 * <p>The data: users choose the movies they rate and watch with odds {@code exp(β z_ui)} ({@code z} the
 * standardised true affinity, β = {@value #TILT}) and each watches {@value #WATCHES} movies without
 * rating them. A quarter of the users are "light": none of their ratings is in training, only their
 * watches; their ratings are the test. For them the explicit model can only say {@code μ + b_i};
 * SVD++ adds {@code q_i·|N|^-½ Σ_{j∈N} y_j} over their watches.
 *
 * <p>The expected margin, from both sides:
 * <ul>
 *   <li>Upper bound, the oracle gap: with the true parameters, the best prediction without user
 *       information, {@code clip(μ + b_i + c)}, against the best linear read-out of the watches,
 *       {@code clip(μ + b_i + c' + γ·q_i·mean_{j∈N} q_j)} (exponential tilting of Gaussian item factors
 *       moves the mean of the watched movies' factors along {@code p_u}: their mean is a noisy
 *       measurement of the user's taste, explaining a share {@code β²W/(β²W + k)} of the interaction
 *       variance on the score scale; {@code c, c', γ} by least squares on the test itself, so this bounds
 *       every model). No learned model can beat the truth by more.</li>
 *   <li>Lower bound: the improvement in mean squared error must exceed five paired standard errors,
 *       so it is the effect and not the noise of these {@code ~11,000} test ratings.</li>
 * </ul>
 * The learned SVD++ gets about a third of the oracle gap here (MSE gain 0.025 ± 0.003 of 0.087): its
 * {@code y} are learned through the trained users, whose own {@code p_u} already absorbs most of their taste.
 */
class ImplicitEffectTest {

    static final int RANK = 8;
    static final double TILT = 1.0;
    static final int WATCHES = 30;

    @Test
    void svdppBeatsTheExplicitModelForUsersWhoOnlyWatchedByTheExpectedMargin() {
        GeneratedData data = SyntheticDataGenerator.generate(GeneratorConfig.of(800, 1000, 48_000, 21)
                .withRank(RANK).withGroupEffect(0).withSelectionTilt(TILT).withWatchesPerUser(WATCHES));
        Ratings all = data.ratings();
        SplittableRandom random = new SplittableRandom(4);
        boolean[] light = new boolean[all.users().size()];
        for (int u = 0; u < light.length; u++) {
            light[u] = random.nextDouble() < 0.25;
        }
        List<Integer> trainRows = new ArrayList<>();
        List<Integer> testRows = new ArrayList<>();
        for (int r = 0; r < all.size(); r++) {
            (light[all.user(r)] ? testRows : trainRows).add(r);
        }
        Ratings train = all.select(trainRows.stream().mapToInt(Integer::intValue).toArray());
        Ratings test = all.select(testRows.stream().mapToInt(Integer::intValue).toArray());
        TrainingParams params = TrainingParams.defaults().withFactors(2 * RANK).withThreads(2);

        SvdModel explicit = new SgdTrainer(params.withImplicit(false)).train(train).model();
        SvdModel implicit = new SgdTrainer(params.withImplicit(true)).train(train, data.watched()).model();

        double[] explicitErrors = squaredErrors(explicit, test);
        double[] implicitErrors = squaredErrors(implicit, test);
        double gain = mean(explicitErrors) - mean(implicitErrors);
        double[] differences = new double[test.size()];
        for (int r = 0; r < differences.length; r++) {
            differences[r] = explicitErrors[r] - implicitErrors[r];
        }
        double standardError = Math.sqrt(variance(differences) / differences.length);
        double oracleGain = oracleGain(data, test);

        assertThat(oracleGain).as("the oracle gap (sanity: the effect is there)").isGreaterThan(0.05);
        assertThat(gain).as("MSE gain of SVD++ over explicit, %.4f ± %.4f, oracle gap %.4f", gain, standardError, oracleGain)
                .isGreaterThan(5 * standardError)
                .isLessThan(oracleGain);
    }

    /** MSE of {@code clip(μ + b_i + c)} minus MSE of {@code clip(μ + b_i + c' + γ·q_i·m_u)}, with the true parameters. */
    private static double oracleGain(GeneratedData data, Ratings test) {
        SvdModel truth = data.trueModel();
        int k = RANK;
        int users = test.users().size();
        double[][] watchedMean = new double[users][k];
        int[] watchedCount = new int[users];
        ImplicitFeedback watched = data.watched();
        for (int w = 0; w < watched.size(); w++) {
            int u = watched.user(w);
            watchedCount[u]++;
            for (int f = 0; f < k; f++) {
                watchedMean[u][f] += truth.itemFactors()[watched.item(w) * k + f];
            }
        }
        int n = test.size();
        double[] base = new double[n];
        double[] readOut = new double[n];
        double[] rating = new double[n];
        for (int r = 0; r < n; r++) {
            int u = test.user(r);
            int i = test.item(r);
            base[r] = truth.globalMean() + truth.itemBias()[i];
            double dot = 0;
            for (int f = 0; f < k; f++) {
                dot += truth.itemFactors()[i * k + f] * watchedMean[u][f] / Math.max(1, watchedCount[u]);
            }
            readOut[r] = dot;
            rating[r] = test.value(r);
        }
        // c: mean residual; (c', γ): least squares of the residual on the read-out
        double[] residual = new double[n];
        for (int r = 0; r < n; r++) {
            residual[r] = rating[r] - base[r];
        }
        double c = mean(residual);
        double gamma = covariance(residual, readOut) / variance(readOut);
        double cPrime = c - gamma * mean(readOut);
        double explicitSe = 0;
        double implicitSe = 0;
        for (int r = 0; r < n; r++) {
            double e = rating[r] - truth.scale().clip(base[r] + c);
            double i = rating[r] - truth.scale().clip(base[r] + cPrime + gamma * readOut[r]);
            explicitSe += e * e;
            implicitSe += i * i;
        }
        return (explicitSe - implicitSe) / n;
    }

    private static double[] squaredErrors(SvdModel model, Ratings test) {
        double[] errors = new double[test.size()];
        for (int r = 0; r < errors.length; r++) {
            double e = test.value(r) - model.predict(test.user(r), test.item(r));
            errors[r] = e * e;
        }
        return errors;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static double variance(double[] values) {
        return covariance(values, values);
    }

    private static double covariance(double[] a, double[] b) {
        double ma = mean(a);
        double mb = mean(b);
        double sum = 0;
        for (int j = 0; j < a.length; j++) {
            sum += (a[j] - ma) * (b[j] - mb);
        }
        return sum / (a.length - 1);
    }
}
