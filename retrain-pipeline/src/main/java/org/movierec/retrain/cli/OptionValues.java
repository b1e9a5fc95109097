package org.movierec.retrain.cli;

import java.time.Instant;
import org.movierec.retrain.promote.PromotionMode;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The converters of bin/retrain's option values; a value they refuse is a usage error (exit 2). */
final class OptionValues {

    private OptionValues() {
    }

    /** {@code now} or an ISO-8601 instant. */
    static final class Cutoff implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String s) {
            if (s.equals("now")) {
                return Instant.now();
            }
            try {
                return Instant.parse(s);
            } catch (RuntimeException e) {
                throw new TypeConversionException(
                        "cutoff must be now or an ISO-8601 instant such as 2025-10-17T00:00:00Z, got " + s);
            }
        }
    }

    /** The answer of a {@code yes|no} option (not a boolean: picocli would make that a flag). */
    enum YesNo {
        YES, NO;

        boolean yes() {
            return this == YES;
        }
    }

    /** {@code yes} or {@code no}, in lower case. */
    static final class YesNoConverter implements ITypeConverter<YesNo> {
        @Override
        public YesNo convert(String s) {
            return switch (s) {
                case "yes" -> YesNo.YES;
                case "no" -> YesNo.NO;
                default -> throw new TypeConversionException("must be yes or no, got " + s);
            };
        }
    }

    /** {@code direct} or {@code canary}. */
    static final class Promotion implements ITypeConverter<PromotionMode> {
        @Override
        public PromotionMode convert(String s) {
            try {
                return PromotionMode.parse(s);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
