package org.movierec.core.generate;

/**
 * A generated user's demographics, MovieLens style.
 *
 * @param id         external id ("1", "2", …)
 * @param age        age in years
 * @param gender     "M" or "F"
 * @param occupation one of {@link SyntheticDataGenerator#OCCUPATIONS}
 * @param zip        a five-digit zip code
 */
public record SyntheticUser(String id, int age, String gender, String occupation, String zip) {
}
