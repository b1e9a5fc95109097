package org.movierec.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * This machine's bounds for the top-N scan, as C2-compiled Java reaches them (one thread):
 * <ul>
 *   <li>{@link #multiplyAddsFromL1}: the scan's own kernel ({@code out[i] += p0·r0[i] + … + p3·r3[i]}, as in
 *       {@code FloatRows.addScaled4}) over rows of 2,048 floats (40 KB in all, inside L1): 8,192 multiply-adds an
 *       operation, so multiply-adds per second = 8,192 / time. The arithmetic bound of the scan.</li>
 *   <li>{@link #streamRead}: the sum of an {@code int[]} ({@code ints × 4} bytes an operation; C2 vectorises the
 *       integer sum), at the item matrix's size (6.9 MB, 1,728,000 ints) and at 1 GiB (beyond every cache): the
 *       bandwidth bound of the scan, which reads the whole item matrix per user.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Threads(1)
public class HardwareBoundsBenchmark {

    private static final int L1_ROW = 2048;

    @Param({"1728000", "268435456"})
    int ints;

    private float[] out;
    private float[] r0;
    private float[] r1;
    private float[] r2;
    private float[] r3;
    private int[] stream;

    @Setup(Level.Trial)
    public void setUp() {
        out = new float[L1_ROW];
        r0 = row(1);
        r1 = row(2);
        r2 = row(3);
        r3 = row(4);
        stream = new int[ints];
        for (int i = 0; i < ints; i++) {
            stream[i] = i * 31;
        }
    }

    private static float[] row(int seed) {
        float[] r = new float[L1_ROW];
        for (int i = 0; i < L1_ROW; i++) {
            r[i] = (float) Math.sin(seed * 1000 + i) * 1e-3f;
        }
        return r;
    }

    @Benchmark
    public float[] multiplyAddsFromL1() {
        float p0 = 0.1f;
        float p1 = -0.2f;
        float p2 = 0.3f;
        float p3 = -0.4f;
        float[] o = out;
        for (int i = 0; i < o.length; i++) {
            o[i] += p0 * r0[i] + p1 * r1[i] + p2 * r2[i] + p3 * r3[i];
        }
        return o;
    }

    @Benchmark
    public int streamRead() {
        int sum = 0;
        int[] s = stream;
        for (int i = 0; i < s.length; i++) {
            sum += s[i];
        }
        return sum;
    }
}
