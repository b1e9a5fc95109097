package org.movierec.core.data.load;

import java.util.Objects;
import org.movierec.core.data.RatingScale;

/**
 * How a {@link RatingsLoader} treats its input.
 *
 * @param badLines what to do with a malformed line; {@link BadLinePolicy#FAIL} by default
 * @param scale    the valid ratings; a rating outside it makes its line malformed. {@code 1..5} by
 *                 default
 */
public record LoadOptions(BadLinePolicy badLines, RatingScale scale) {

    private static final LoadOptions DEFAULTS = new LoadOptions(BadLinePolicy.FAIL, RatingScale.ONE_TO_FIVE);

    public LoadOptions {
        Objects.requireNonNull(badLines, "badLines");
        Objects.requireNonNull(scale, "scale");
    }

    /** Fail on the first malformed line; ratings on {@code 1..5}. */
    public static LoadOptions defaults() {
        return DEFAULTS;
    }

    public LoadOptions withBadLines(BadLinePolicy policy) {
        return new LoadOptions(policy, scale);
    }

    public LoadOptions withScale(RatingScale newScale) {
        return new LoadOptions(badLines, newScale);
    }
}
