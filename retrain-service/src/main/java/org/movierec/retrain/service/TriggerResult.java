package org.movierec.retrain.service;

/**
 * The answer to a trigger.
 *
 * @param runId   the started run, or the run holding the lease
 * @param started whether a run was started (false: another run is in progress)
 */
public record TriggerResult(String runId, boolean started) {
}
