package org.movierec.retrain.service;

/**
 * The answer to a trigger.
 *
 * @param runId   the started run, the run holding the lease, or the run that already ran for the same cutoff
 * @param started whether a run was started
 * @param reason  why none was started ("is in progress", "already ran for cutoff ..."); null when one was
 */
public record TriggerResult(String runId, boolean started, String reason) {

    /** A run was started. */
    static TriggerResult started(String runId) {
        return new TriggerResult(runId, true, null);
    }

    /** None was started: run {@code runId} is the answer, for {@code reason}. */
    static TriggerResult refused(String runId, String reason) {
        return new TriggerResult(runId, false, reason);
    }
}
