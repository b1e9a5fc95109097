package org.movierec.router.assignment;

/**
 * One arm of an experiment as configured: a name (in the platform, usually the model version it
 * serves) and its share of users in whole percent. Validation happens when the arms become an
 * {@link ArmAssignment}, which reports every problem at once.
 *
 * @param name the arm's name, unique within the experiment
 * @param weight the percentage of users, 0..100; the weights of an experiment sum to 100
 */
public record Arm(String name, int weight) {
}
