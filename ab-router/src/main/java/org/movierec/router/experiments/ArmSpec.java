package org.movierec.router.experiments;

import org.movierec.router.assignment.Arm;

/**
 * One arm of an experiment as the router stores it: its name, the model version that serves it and its
 * share of users in whole percent.
 *
 * @param name the arm's name, unique within the experiment
 * @param modelVersion the registry version that serves the arm
 * @param weight percent of users, 0..100
 */
public record ArmSpec(String name, String modelVersion, int weight) {

    /** The arm as the assignment sees it (name and weight). */
    public Arm arm() {
        return new Arm(name, weight);
    }

    /** This arm with another weight. */
    public ArmSpec withWeight(int newWeight) {
        return new ArmSpec(name, modelVersion, newWeight);
    }
}
