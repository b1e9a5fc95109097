package org.movierec.router.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.apache.commons.statistics.inference.TTest;
import org.movierec.core.random.Randoms;

class SequentialTestTest {

    /** Welch's t-test (unequal variances is Commons Statistics' default): the naive fixed-horizon peek. */
    private static final TTest WELCH = TTest.withDefaults();

    private static final int EXPERIMENTS = 200;
    private static final int LOOKS = 50;
    private static final int BATCH = 20;

    /**
     * Λ and the always-valid interval evaluated from the formulas of Johari et al. (2017) in mpmath at
     * 40 digits (src/test/python/stats_reference.py).
     */
    @Test
    void likelihoodRatioAndIntervalMatchTheFormula() {
        SequentialTest test = new SequentialTest(0.1, 0.05);
        SequentialTest.Look look = test.look(SequentialTest.INITIAL_P_VALUE, 0.1, 0.002);
        Close.relative(look.likelihoodRatio(), 3.2787216275263891, 1e-14);
        Close.relative(look.pValue(), 1 / 3.2787216275263891, 1e-14);
        assertThat(look.rejectNull()).isFalse();
        Close.relative(look.confidenceInterval().upper() - 0.1, 0.13667383670332259, 1e-14);
        assertThat(look.confidenceInterval().confidence()).isCloseTo(0.95, within(1e-15));

        SequentialTest.Look small = new SequentialTest(0.05, 0.05).look(1, -0.03, 0.0004);
        Close.relative(small.likelihoodRatio(), 0.97953907633647617, 1e-14);
        assertThat(small.pValue()).isEqualTo(1.0);
        Close.relative(small.confidenceInterval().upper() + 0.03, 0.060821248190185955, 1e-14);

        SequentialTest.Look none = test.look(1, 0, 0.01);
        Close.relative(none.likelihoodRatio(), 0.70710678118654752, 1e-15);
        Close.relative(none.confidenceInterval().upper(), 0.36563948713638486, 1e-14);
    }

    @Test
    void equalArmsReduceToThePapersExpression() {
        // n per arm, variance σ² per observation: V = 2σ²/n and
        // Λ = √(2σ²/(2σ² + nτ²)) · exp(n²τ²D² / (4σ²(2σ² + nτ²)))   (Johari et al. 2017, §4)
        double n = 400;
        double sigmaSquared = 0.9;
        double tau = 0.07;
        double d = 0.12;
        double paper = Math.sqrt(2 * sigmaSquared / (2 * sigmaSquared + n * tau * tau))
                * Math.exp(n * n * tau * tau * d * d / (4 * sigmaSquared * (2 * sigmaSquared + n * tau * tau)));
        SequentialTest.Look look = new SequentialTest(tau, 0.05).look(1, d, 2 * sigmaSquared / n);
        Close.relative(look.likelihoodRatio(), paper, 1e-13);
    }

    @Test
    void pValueNeverIncreasesAndRejectsUnderATrueEffect() {
        SequentialTest test = new SequentialTest(0.1, 0.05);
        SplittableRandom random = new SplittableRandom(2024);
        SampleSummary treatment = SampleSummary.EMPTY;
        SampleSummary control = SampleSummary.EMPTY;
        double p = SequentialTest.INITIAL_P_VALUE;
        int firstRejection = -1;
        for (int look = 1; look <= LOOKS; look++) {
            for (int i = 0; i < BATCH; i++) {
                treatment = treatment.add(0.25 + Randoms.gaussian(random));
                control = control.add(Randoms.gaussian(random));
            }
            SequentialTest.Look result = test.lookAtMeans(p, treatment, control);
            assertThat(result.pValue()).isLessThanOrEqualTo(p);
            p = result.pValue();
            if (result.rejectNull() && firstRejection < 0) {
                firstRejection = look;
                assertThat(result.difference()).isPositive();
            }
        }
        // With this seed the first rejection comes at look 15 (300 observations per arm).
        assertThat(p).isLessThan(test.alpha());
        assertThat(firstRejection).isBetween(1, LOOKS);
    }

    /**
     * Under H₀ with daily peeking: 200 seeded experiments, 50 looks of 20 new observations per arm.
     * The mSPRT must reject in at most α of them (allowing binomial noise of two standard deviations),
     * while rejecting at the first look where Welch's p &lt; α does far worse.
     */
    @Test
    void rarelyRejectsUnderTheNullDespiteRepeatedPeeking() {
        SequentialTest test = new SequentialTest(0.1, 0.05);
        SplittableRandom random = new SplittableRandom(42);
        int sequentialRejections = 0;
        int naiveRejections = 0;
        for (int experiment = 0; experiment < EXPERIMENTS; experiment++) {
            SampleSummary a = SampleSummary.EMPTY;
            SampleSummary b = SampleSummary.EMPTY;
            double p = SequentialTest.INITIAL_P_VALUE;
            boolean sequentialRejected = false;
            boolean naiveRejected = false;
            for (int look = 0; look < LOOKS; look++) {
                for (int i = 0; i < BATCH; i++) {
                    a = a.add(Randoms.gaussian(random));
                    b = b.add(Randoms.gaussian(random));
                }
                SequentialTest.Look result = test.lookAtMeans(p, a, b);
                p = result.pValue();
                sequentialRejected |= result.rejectNull();
                naiveRejected |= WELCH.test(a.mean(), a.variance(), a.count(), b.mean(), b.variance(), b.count())
                        .getPValue() < 0.05;
            }
            sequentialRejections += sequentialRejected ? 1 : 0;
            naiveRejections += naiveRejected ? 1 : 0;
        }
        // With this seed: mSPRT 0 of 200, naive 60 of 200 (30 %).
        // α·200 = 10, binomial sd √(200·0.05·0.95) ≈ 3.1
        assertThat(sequentialRejections).isLessThanOrEqualTo(16);
        assertThat(naiveRejections).isGreaterThan(2 * sequentialRejections).isGreaterThan(20);
    }

    @Test
    void proportionsUnderTheNullAndUnderAnEffect() {
        SequentialTest test = new SequentialTest(0.03, 0.05);
        SplittableRandom random = new SplittableRandom(99);
        int rejections = 0;
        for (int experiment = 0; experiment < EXPERIMENTS; experiment++) {
            if (simulateProportions(test, random, 0.30, 0.30)) {
                rejections++;
            }
        }
        // With this seed: 1 of 200 under H₀, 19 of 20 detected under the effect.
        assertThat(rejections).isLessThanOrEqualTo(16);
        int detected = 0;
        for (int experiment = 0; experiment < 20; experiment++) {
            if (simulateProportions(test, random, 0.36, 0.30)) {
                detected++;
            }
        }
        assertThat(detected).isGreaterThanOrEqualTo(18);
    }

    /** 50 looks at 50 new Bernoulli trials per arm; whether the test rejected at some look. */
    private static boolean simulateProportions(SequentialTest test, SplittableRandom random, double pA, double pB) {
        long successesA = 0;
        long successesB = 0;
        long trials = 0;
        double p = SequentialTest.INITIAL_P_VALUE;
        for (int look = 0; look < LOOKS; look++) {
            for (int i = 0; i < 50; i++) {
                successesA += random.nextDouble() < pA ? 1 : 0;
                successesB += random.nextDouble() < pB ? 1 : 0;
            }
            trials += 50;
            SequentialTest.Look result = test.lookAtProportions(p, successesA, trials, successesB, trials);
            p = result.pValue();
            if (result.rejectNull()) {
                return true;
            }
        }
        return false;
    }

    @Test
    void degenerateAndInvalidInput() {
        SequentialTest test = new SequentialTest(0.1, 0.05);
        // no variance and no difference: no evidence
        SequentialTest.Look none = test.lookAtProportions(1, 0, 10, 0, 12);
        assertThat(none.likelihoodRatio()).isEqualTo(1.0);
        assertThat(none.pValue()).isEqualTo(1.0);
        // the running minimum is kept
        assertThat(test.look(0.01, 0, 1).pValue()).isEqualTo(0.01);
        assertThatThrownBy(() -> new SequentialTest(0, 0.05)).hasMessageContaining("tau");
        assertThatThrownBy(() -> new SequentialTest(0.1, 1)).hasMessageContaining("alpha");
        assertThatThrownBy(() -> test.look(1.5, 0, 1)).hasMessageContaining("previous p-value");
        assertThatThrownBy(() -> test.lookAtMeans(1, SampleSummary.of(1), SampleSummary.of(1, 2)))
                .hasMessageContaining("at least 2");
    }
}
