package org.movierec.telemetry.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WatchSessionsTest {

    @Test
    void foldsWatchesPerUserAndMovieIntoDistinctMinuteRanges() {
        WatchSessions w = WatchSessions.of(
                new long[] {2, 1, 1, 1, 1, 1, 1},
                new String[] {"a", "b", "b", "b", "b", "b", "a"},
                new long[] {50, 10, 40, 20, 30, 30, 5},
                new int[] {7, 0, 9, 1, 2, 2, 3});
        assertThat(w.users()).containsExactly(1, 1, 2);
        assertThat(w.movies()).containsExactly("a", "b", "a");
        assertThat(w.minutes()).containsExactly("{[3,4)}", "{[0,3),[9,10)}", "{[7,8)}");
        assertThat(w.counts()).containsExactly(1, 4, 1);
        assertThat(w.maxMinutes()).containsExactly(3, 9, 7);
        assertThat(w.first()).containsExactly(5, 10, 50);
        assertThat(w.last()).containsExactly(5, 40, 50);
    }
}
