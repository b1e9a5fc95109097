package org.movierec.retrain.fairness;

import java.util.List;
import java.util.Map;

/**
 * The fairness audit's result ({@code fairness.json}).
 *
 * @param passed   whether every check held
 * @param failures one line per failed check, e.g. {@code rmse_disparity.occupation 0.41 > 0.35}
 * @param report   the whole report as JSON-ready data: groups, disparities, exposure, checks
 */
public record FairnessReport(boolean passed, List<String> failures, Map<String, Object> report) {

    public FairnessReport {
        failures = List.copyOf(failures);
    }
}
