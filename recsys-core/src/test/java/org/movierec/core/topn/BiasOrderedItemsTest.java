package org.movierec.core.topn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BiasOrderedItemsTest {

    @Test
    void ordersByBiasThenIndexAndBoundsEveryDotProduct() {
        Random random = new Random(11);
        int m = 2000;
        int k = 37;
        float[] bias = new float[m];
        float[] q = new float[m * k];
        for (int i = 0; i < m; i++) {
            bias[i] = random.nextInt(30) / 10f; // many equal biases
            for (int f = 0; f < k; f++) {
                q[i * k + f] = (float) random.nextGaussian() * (i % 7);
            }
        }
        BiasOrderedItems order = new BiasOrderedItems(q, bias, k);

        boolean[] seen = new boolean[m];
        for (int j = 0; j < m; j++) {
            int i = order.item(j);
            seen[i] = true;
            assertThat(order.bias(j)).isEqualTo(bias[i]);
            if (j > 0) {
                int previous = order.item(j - 1);
                assertThat(bias[previous] > bias[i] || (bias[previous] == bias[i] && previous < i)).isTrue();
                assertThat(order.normBound(j)).isLessThanOrEqualTo(order.normBound(j - 1));
            }
            assertThat(order.normBound(j)).isGreaterThanOrEqualTo(order.norm(j));
        }
        assertThat(seen).doesNotContain(false);

        // Cauchy–Schwarz, against dot products and norms computed here in double precision
        for (int trial = 0; trial < 200; trial++) {
            double[] p = new double[k];
            double pNorm2 = 0;
            for (int f = 0; f < k; f++) {
                p[f] = random.nextGaussian();
                pNorm2 += p[f] * p[f];
            }
            for (int j = 0; j < m; j++) {
                int i = order.item(j);
                double dot = 0;
                double qNorm2 = 0;
                for (int f = 0; f < k; f++) {
                    dot += p[f] * q[i * k + f];
                    qNorm2 += (double) q[i * k + f] * q[i * k + f];
                }
                assertThat((double) order.norm(j)).isGreaterThanOrEqualTo(Math.sqrt(qNorm2));
                assertThat(Math.sqrt(pNorm2) * order.norm(j)).isGreaterThanOrEqualTo(dot);
            }
        }
        assertThat(order.maxNorm()).isEqualTo(order.normBound(0));
    }

    @Test
    void roundedUpNormIsNeverBelowTheRoot() {
        Random random = new Random(5);
        for (int t = 0; t < 10_000; t++) {
            double s = random.nextDouble() * Math.pow(10, random.nextInt(12) - 6);
            assertThat((double) BiasOrderedItems.roundedUpNorm(s)).isGreaterThanOrEqualTo(Math.sqrt(s));
        }
    }
}
