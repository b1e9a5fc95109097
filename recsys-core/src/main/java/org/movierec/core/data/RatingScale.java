package org.movierec.core.data;

/**
 * The closed range of valid ratings, {@code 1..5} by default ({@code 1..10} for newer streams).
 * Predictions are clipped to it.
 */
public record RatingScale(double min, double max) {

    public static final RatingScale ONE_TO_FIVE = new RatingScale(1, 5);

    public RatingScale {
        if (!Double.isFinite(min) || !Double.isFinite(max) || min >= max) {
            throw new IllegalArgumentException("rating scale needs finite min < max, got " + min + ".." + max);
        }
    }

    public boolean contains(double rating) {
        return rating >= min && rating <= max;
    }

    public double clip(double prediction) {
        return prediction < min ? min : Math.min(prediction, max);
    }

    @Override
    public String toString() {
        return fmt(min) + ".." + fmt(max);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
