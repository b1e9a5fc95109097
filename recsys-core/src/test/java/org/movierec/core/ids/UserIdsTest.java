package org.movierec.core.ids;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UserIdsTest {

    @Test
    void acceptsPositiveIntegers() {
        assertThat(UserIds.problem("1")).isNull();
        assertThat(UserIds.problem("999999999999999999")).isNull();
        assertThat(UserIds.parse("42")).isEqualTo(42L);
    }

    @Test
    void rejectsEverythingElseWithAReason() {
        assertThat(UserIds.problem("")).contains("empty");
        assertThat(UserIds.problem("0")).contains("positive");
        assertThat(UserIds.problem("007")).contains("leading zeros");
        assertThat(UserIds.problem("-5")).contains("positive integer");
        assertThat(UserIds.problem("+5")).contains("positive integer");
        assertThat(UserIds.problem("abc")).contains("positive integer");
        assertThat(UserIds.problem("1".repeat(19))).contains("longer than 18");
        assertThat(UserIds.problem("１２")).contains("positive integer"); // full-width digits
    }
}
