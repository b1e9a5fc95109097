package org.movierec.core.random;

import java.util.SplittableRandom;

/** Seeded random helpers shared by the trainer, the generator and the splits. */
public final class Randoms {

    private Randoms() {
    }

    /** A uniformly random permutation of {@code 0..n-1} (Fisher–Yates). */
    public static int[] permutation(int n, SplittableRandom random) {
        int[] a = new int[n];
        for (int j = 0; j < n; j++) {
            a[j] = j;
        }
        shuffle(a, random);
        return a;
    }

    /** Shuffles {@code a} in place (Fisher–Yates). */
    public static void shuffle(int[] a, SplittableRandom random) {
        for (int j = a.length - 1; j > 0; j--) {
            int swap = random.nextInt(j + 1);
            int tmp = a[j];
            a[j] = a[swap];
            a[swap] = tmp;
        }
    }

    /** A standard normal deviate (Marsaglia's polar method; SplittableRandom has none on Java 17). */
    public static double gaussian(SplittableRandom random) {
        double v1;
        double v2;
        double s;
        do {
            v1 = 2 * random.nextDouble() - 1;
            v2 = 2 * random.nextDouble() - 1;
            s = v1 * v1 + v2 * v2;
        } while (s >= 1 || s == 0);
        return v1 * Math.sqrt(-2 * Math.log(s) / s);
    }
}
