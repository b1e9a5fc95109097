package org.movierec.router.report;

/**
 * How far an arm's users got what their arm stands for: answers by another model version than the arm's (a
 * retry on control while the arm's version was not loaded yet, say), not counting the popularity fallback. The
 * analysis is by assignment, so these answers stay in the arm; this says how much the arm's effect is diluted.
 *
 * @param otherVersionAnswers answers (status 200, not the fallback) by another version than the arm's
 * @param otherVersionUsers the users who got such answers
 */
public record ArmExposure(long otherVersionAnswers, long otherVersionUsers) {
}
