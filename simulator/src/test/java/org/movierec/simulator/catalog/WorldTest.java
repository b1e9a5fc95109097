package org.movierec.simulator.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.movierec.core.generate.SyntheticDataGenerator;

class WorldTest {

    static final WorldSpec SPEC = new WorldSpec(7, 600, 400, 0.85, 5_000, 21);

    @Test
    void sameSeedSameWorld() {
        World a = World.build(SPEC);
        World b = World.build(SPEC);
        assertThat(b.movies()).isEqualTo(a.movies());
        assertThat(b.data().users()).isEqualTo(a.data().users());
        for (int u = 0; u < a.userCount(); u += 7) {
            for (int m = 0; m < a.movieCount(); m += 5) {
                assertThat(b.trueRating(u, m)).isEqualTo(a.trueRating(u, m));
            }
        }
        assertThat(b.data().ratings().size()).isEqualTo(a.data().ratings().size());
        for (int row = 0; row < a.data().ratings().size(); row += 13) {
            assertThat(b.data().ratings().value(row)).isEqualTo(a.data().ratings().value(row));
            assertThat(b.data().ratings().time(row)).isEqualTo(a.data().ratings().time(row));
        }
    }

    @Test
    void anotherSeedAnotherWorld() {
        World a = World.build(SPEC);
        World b = World.build(new WorldSpec(8, 600, 400, 0.85, 5_000, 21));
        assertThat(b.movies()).isNotEqualTo(a.movies());
        assertThat(b.trueRating(0, 0)).isNotEqualTo(a.trueRating(0, 0));
    }

    @Test
    void theWorldDoesNotDependOnHowManyRatingsTheBootstrapWrites() {
        World small = World.build(SPEC);
        World large = World.build(new WorldSpec(7, 600, 400, 0.85, 50_000, 21));
        assertThat(large.movies()).isEqualTo(small.movies());
        assertThat(large.trueRating(42, 17)).isEqualTo(small.trueRating(42, 17));
    }

    @Test
    void usersAndMoviesArePlausible() {
        World w = World.build(SPEC);
        assertThat(w.userCount()).isEqualTo(600);
        assertThat(w.userIndex(1)).isZero();
        assertThat(w.userIndex(600)).isEqualTo(599);
        assertThat(w.userIndex(0)).isNegative();
        assertThat(w.userIndex(601)).isNegative();
        Set<String> ids = new HashSet<>();
        for (Movie m : w.movies()) {
            assertThat(ids.add(m.id())).isTrue();
            assertThat(m.id()).matches("[a-z]+(\\+[a-z0-9]+)+\\+\\d{4}");
            assertThat(m.title()).doesNotContain("(").isNotBlank();
            assertThat(m.id()).endsWith("+" + m.releaseDate().getYear());
            assertThat(m.genres()).isNotEmpty().allMatch(SyntheticDataGenerator.GENRES::contains);
            assertThat(m.popularity()).isPositive();
            assertThat(m.voteAverage()).isBetween(1.0, 10.0);
            assertThat(m.voteCount()).isGreaterThanOrEqualTo(3);
            assertThat(m.runtime()).isBetween(70, 210);
            assertThat(m.originalLanguage()).matches("[a-z]{2}");
            assertThat(w.movieIndex(m.id())).isEqualTo(w.movies().indexOf(m));
        }
        // more popular movies have more votes, on the whole
        Movie top = w.movies().stream().filter(m -> m.popularityRank() == 0).findFirst().orElseThrow();
        Movie tail = w.movies().stream().filter(m -> m.popularityRank() == 399).findFirst().orElseThrow();
        assertThat(top.voteCount()).isGreaterThan(tail.voteCount());
        assertThat(top.popularity()).isGreaterThan(tail.popularity());
    }

    @Test
    void browsingFollowsPopularity() {
        World w = World.build(SPEC);
        java.util.SplittableRandom random = new java.util.SplittableRandom(1);
        int[] byRank = new int[w.movieCount()];
        for (int k = 0; k < 100_000; k++) {
            byRank[w.movie(w.samplePopularMovie(random)).popularityRank()]++;
        }
        assertThat(byRank[0]).isGreaterThan(5 * byRank[300]);
    }

    @Test
    void badSpecsAreRefusedWithTheConfigName() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new WorldSpec(1, 6040, 3706, 0.85, 1000, 21))
                .hasMessageContaining("simulator.bootstrap.ratings").hasMessageContaining("at least one per user");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new WorldSpec(1, 10, 10, 0.85, 60, 21))
                .hasMessageContaining("half of users x movies");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new WorldSpec(1, 10, 10, 0.85, 20, 0))
                .hasMessageContaining("simulator.bootstrap.days");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new WorldSpec(1, 0, 10, 0.85, 20, 1))
                .hasMessageContaining("simulator.users");
    }
}
