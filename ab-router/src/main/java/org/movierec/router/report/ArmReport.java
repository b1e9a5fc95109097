package org.movierec.router.report;

import org.movierec.router.stats.ConfidenceInterval;

/**
 * One arm's line of the report, by assignment. Rates are NaN (JSON null) without data; intervals are user-level
 * (the user is the randomisation unit) and null below two users.
 *
 * @param arm the arm
 * @param modelVersion its model version
 * @param weight its current weight, percent
 * @param telemetry its counts since the experiment went live: users, requests, errors, fallbacks, what the client
 *     waited (p50/p99 of the router's time)
 * @param exposure answers its users got from another version than the arm's
 * @param watchThroughAnswers answers served before the watch window's cut-off (watch-through's denominator)
 * @param watched those of them watched through
 * @param watchThrough watched / watchThroughAnswers
 * @param watchThroughInterval its 95 % user-level interval
 * @param rmse online RMSE of the arm's ratings (see the report's note on its bias)
 * @param rmseInterval its 95 % user-level interval
 */
public record ArmReport(String arm, String modelVersion, int weight, ArmTelemetry telemetry, ArmExposure exposure,
        long watchThroughAnswers, long watched, double watchThrough, ConfidenceInterval watchThroughInterval,
        double rmse, ConfidenceInterval rmseInterval) {
}
