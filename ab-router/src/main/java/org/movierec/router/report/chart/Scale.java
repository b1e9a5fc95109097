package org.movierec.router.report.chart;

/**
 * Maps a data value to an SVG coordinate. SVG's y axis points down, so a vertical scale maps its
 * domain's minimum to the bottom pixel: give {@code rangeStart} as the bottom and {@code rangeEnd} as the top.
 */
public sealed interface Scale permits Scale.Linear, Scale.Log10 {

    /** The coordinate of {@code value}; values outside the domain map outside the range (callers clip). */
    double map(double value);

    /** The smallest value of the domain. */
    double domainMin();

    /** The largest value of the domain. */
    double domainMax();

    /**
     * A linear scale: {@code domainMin → rangeStart}, {@code domainMax → rangeEnd}.
     *
     * @param domainMin the smallest value shown
     * @param domainMax the largest value shown, &gt; {@code domainMin}
     * @param rangeStart the coordinate of {@code domainMin}
     * @param rangeEnd the coordinate of {@code domainMax}
     */
    record Linear(double domainMin, double domainMax, double rangeStart, double rangeEnd) implements Scale {

        /** Checks the domain is finite and not empty. */
        public Linear {
            if (!(Double.isFinite(domainMin) && Double.isFinite(domainMax) && domainMin < domainMax)) {
                throw new IllegalArgumentException("need finite domainMin < domainMax, got " + domainMin + ", " + domainMax);
            }
        }

        @Override
        public double map(double value) {
            return rangeStart + (value - domainMin) / (domainMax - domainMin) * (rangeEnd - rangeStart);
        }
    }

    /**
     * A base-10 logarithmic scale (for p-values, which matter by their order of magnitude):
     * {@code log10(value)} mapped linearly; {@code domainMin → rangeStart}.
     *
     * @param domainMin the smallest value shown, &gt; 0
     * @param domainMax the largest value shown, &gt; {@code domainMin}
     * @param rangeStart the coordinate of {@code domainMin}
     * @param rangeEnd the coordinate of {@code domainMax}
     */
    record Log10(double domainMin, double domainMax, double rangeStart, double rangeEnd) implements Scale {

        /** Checks 0 &lt; domainMin &lt; domainMax. */
        public Log10 {
            if (!(domainMin > 0 && Double.isFinite(domainMax) && domainMin < domainMax)) {
                throw new IllegalArgumentException("need 0 < domainMin < domainMax, got " + domainMin + ", " + domainMax);
            }
        }

        @Override
        public double map(double value) {
            double low = Math.log10(domainMin);
            return rangeStart + (Math.log10(value) - low) / (Math.log10(domainMax) - low) * (rangeEnd - rangeStart);
        }
    }
}
