package org.movierec.simulator.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.movierec.core.generate.SyntheticUser;

/** A user as {@code GET /user/{id}} describes it: {@code {"user_id":42,"age":31,"occupation":"programmer","gender":"F"}}. */
public record UserJson(@JsonProperty("user_id") long userId, int age, String occupation, String gender) {

    static UserJson of(SyntheticUser user) {
        return new UserJson(Long.parseLong(user.id()), user.age(), user.occupation(), user.gender());
    }
}
