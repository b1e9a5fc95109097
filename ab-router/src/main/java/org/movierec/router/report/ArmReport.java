package org.movierec.router.report;

import org.movierec.router.stats.ConfidenceInterval;

/**
 * One arm's line of the report. Rates are NaN (JSON null) without data; intervals are null when the
 * sample is too small (RMSE: fewer than 2 ratings; watch-through: no answers).
 *
 * @param arm the arm
 * @param modelVersion its model version
 * @param weight its current weight, percent
 * @param telemetry the numbers it is computed from
 * @param rmseInterval 95 % interval of the online RMSE
 * @param watchThroughInterval 95 % Wilson interval of the watch-through rate
 */
public record ArmReport(String arm, String modelVersion, int weight, ArmTelemetry telemetry,
        ConfidenceInterval rmseInterval, ConfidenceInterval watchThroughInterval) {
}
