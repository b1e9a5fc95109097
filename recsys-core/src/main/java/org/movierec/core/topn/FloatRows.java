package org.movierec.core.topn;

/**
 * The scoring kernels over factor-major rows: {@code out[i] += Σ scale_r · row_r[i]}. The same index into every
 * array is a loop HotSpot's C2 turns into SIMD instructions (with an offset into one flat array it cannot rule out
 * overlap and stays scalar, about 6 times slower here).
 */
final class FloatRows {

    private FloatRows() {
    }

    /** Four rows in one pass: a quarter of the loads and stores of {@code out}. */
    static void addScaled4(float[] out, float[] r0, float[] r1, float[] r2, float[] r3,
                           float p0, float p1, float p2, float p3, int m) {
        for (int i = 0; i < m; i++) {
            out[i] += p0 * r0[i] + p1 * r1[i] + p2 * r2[i] + p3 * r3[i];
        }
    }

    /** {@code out[i] += scale · row[i]}. */
    static void addScaled(float[] out, float[] row, float scale, int m) {
        for (int i = 0; i < m; i++) {
            out[i] += scale * row[i];
        }
    }
}
