package org.movierec.core.data.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DemographicsTest {

    @ParameterizedTest
    @CsvSource({"0, 1", "7, 1", "17, 1", "18, 18-24", "24, 18-24", "25, 25-34", "34, 25-34", "35, 35-44",
            "44, 35-44", "45, 45-49", "49, 45-49", "50, 50-55", "55, 50-55", "56, 56+", "73, 56+", "1, 1"})
    void ageBandsFollowMovieLens1m(int age, String band) {
        assertThat(Demographics.ageBand(age)).isEqualTo(band);
    }

    @Test
    void ageBandsAreListedYoungestFirst() {
        assertThat(Demographics.ageBands()).containsExactly("1", "18-24", "25-34", "35-44", "45-49", "50-55", "56+");
        assertThatThrownBy(() -> Demographics.ageBand(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void looksUpUsersById() {
        UserDemographics alice = new UserDemographics("7", 31, "F", "programmer", "10001");
        UserDemographics bob = new UserDemographics("3", 62, "M", "retired", "94110");

        Demographics demographics = new Demographics(List.of(alice, bob));

        assertThat(demographics.size()).isEqualTo(2);
        assertThat(demographics.get("7")).isEqualTo(alice);
        assertThat(demographics.contains("3")).isTrue();
        assertThat(demographics.contains("4")).isFalse();
        assertThat(demographics.all()).containsExactly(alice, bob);
    }

    @Test
    void rejectsTwoEntriesForOneUser() {
        UserDemographics first = new UserDemographics("7", 31, "F", "programmer", "10001");
        UserDemographics second = new UserDemographics("7", 32, "F", "programmer", "10001");

        assertThatThrownBy(() -> new Demographics(List.of(first, second)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("duplicate user id: 7");
    }

    @Test
    void userDemographicsValidatesGenderAndAge() {
        assertThatThrownBy(() -> new UserDemographics("1", 20, "X", "other", "1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UserDemographics("1", -1, "M", "other", "1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UserDemographics("", 20, "M", "other", "1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ml1mOccupationCodesMapToNames() {
        assertThat(Ml1mOccupations.names()).hasSize(21);
        assertThat(Ml1mOccupations.name(0)).isEqualTo("other");
        assertThat(Ml1mOccupations.name(4)).isEqualTo("college/grad student");
        assertThat(Ml1mOccupations.name(10)).isEqualTo("K-12 student");
        assertThat(Ml1mOccupations.name(12)).isEqualTo("programmer");
        assertThat(Ml1mOccupations.name(17)).isEqualTo("technician/engineer");
        assertThat(Ml1mOccupations.name(20)).isEqualTo("writer");
        assertThatThrownBy(() -> Ml1mOccupations.name(21))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("occupation code 21 outside 0..20");
    }
}
