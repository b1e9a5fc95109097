package org.movierec.simulator.traffic;

/**
 * What happened in one session.
 *
 * @param answered whether the router answered with a 2xx status
 * @param watched  whether the user watched one of the recommended movies
 * @param minutes  minutes watched of it (0 if none)
 * @param ratings  ratings written (of the watched movie, of a browsed one)
 */
public record SessionOutcome(boolean answered, boolean watched, int minutes, int ratings) {
}
