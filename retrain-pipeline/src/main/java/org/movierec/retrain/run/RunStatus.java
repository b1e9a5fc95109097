package org.movierec.retrain.run;

import java.util.Locale;

/** Where a run is, or how it ended. */
public enum RunStatus {
    /** In progress. */
    RUNNING,
    /** Registered and promoted (directly or as a canary). */
    SUCCEEDED,
    /** A stage failed; production untouched; a version registered by the run is marked rejected. */
    FAILED,
    /** Registered but not promoted: a quality or fairness gate failed. */
    REJECTED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
