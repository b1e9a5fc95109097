package org.movierec.simulator.faults;

/**
 * How often faults are injected into the live stream.
 *
 * @param garbage    extra garbage lines per written line
 * @param duplicate  probability that a line is written twice
 * @param outOfRange probability that a rating is written outside the scale
 */
public record FaultRates(double garbage, double duplicate, double outOfRange) {

    /** No faults. */
    public static final FaultRates NONE = new FaultRates(0, 0, 0);

    public FaultRates {
        check("simulator.faults.garbage-rate", garbage);
        check("simulator.faults.duplicate-rate", duplicate);
        check("simulator.faults.out-of-range-rate", outOfRange);
    }

    private static void check(String name, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(name + " must be in 0..1, got " + rate);
        }
    }
}
