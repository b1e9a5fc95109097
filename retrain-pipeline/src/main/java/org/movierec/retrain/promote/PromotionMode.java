package org.movierec.retrain.promote;

import java.util.Locale;

/** How a candidate that passed the gates reaches users: at once, or through a canary experiment. */
public enum PromotionMode {
    /** The registry's production pointer is moved to the candidate. */
    DIRECT,
    /** The A/B router starts a canary of the candidate against production ({@code POST /experiments/canary}). */
    CANARY;

    /** {@code direct} or {@code canary}, in any case. */
    public static PromotionMode parse(String s) {
        if (s != null) {
            for (PromotionMode m : values()) {
                if (m.name().equalsIgnoreCase(s.trim())) {
                    return m;
                }
            }
        }
        throw new IllegalArgumentException("promotion must be direct or canary, got " + s);
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
