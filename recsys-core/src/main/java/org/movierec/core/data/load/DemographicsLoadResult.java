package org.movierec.core.data.load;

import java.util.Objects;

/** The users a {@link DemographicsLoader} read from one file, and its report on how that went. */
public record DemographicsLoadResult(Demographics demographics, LoadReport report) {

    public DemographicsLoadResult {
        Objects.requireNonNull(demographics, "demographics");
        Objects.requireNonNull(report, "report");
    }
}
