package org.movierec.contracts.events;

/**
 * What "watched through" means, defined once for the telemetry collector (which marks a served list watched when
 * the user watches one of its movies within the window) and the A/B router's report (which leaves the answers of
 * the last window out of watch-through, their watches may still come). Both read the window from their own
 * configuration ({@code telemetry.online.watch-through-window}, {@code router.report.watch-through-window}) with
 * this default; a deployment that changes one changes both.
 */
public final class WatchThrough {

    /** The default window: a list counts as watched when one of its movies is watched within an hour. */
    public static final String DEFAULT_WINDOW = "1h";

    private WatchThrough() {
    }
}
