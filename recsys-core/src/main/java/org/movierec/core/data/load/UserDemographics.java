package org.movierec.core.data.load;

import java.util.Objects;

/**
 * What a MovieLens demographics file says about one user.
 *
 * @param userId     the user's id, as in the ratings files
 * @param age        the age in years (ML-100k), or the ML-1M age-band code (1, 18, 25, 35, 45, 50,
 *                   56), which is the band's lowest age except for code 1 ("under 18"); either way
 *                   {@link Demographics#ageBand(int)} gives the band
 * @param gender     {@code "M"} or {@code "F"}
 * @param occupation a name such as {@code technician} (ML-100k) or {@code academic/educator} (ML-1M)
 * @param zip        the zip code as written, such as {@code 85711} or {@code 98107-2117}
 */
public record UserDemographics(String userId, int age, String gender, String occupation, String zip) {

    public UserDemographics {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(gender, "gender");
        Objects.requireNonNull(occupation, "occupation");
        Objects.requireNonNull(zip, "zip");
        if (userId.isEmpty()) {
            throw new IllegalArgumentException("empty user id");
        }
        if (age < 0) {
            throw new IllegalArgumentException("negative age " + age + " for user " + userId);
        }
        if (!gender.equals("M") && !gender.equals("F")) {
            throw new IllegalArgumentException("gender must be M or F, got '" + gender + "' for user " + userId);
        }
    }
}
