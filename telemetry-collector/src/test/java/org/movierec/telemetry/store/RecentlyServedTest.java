package org.movierec.telemetry.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecentlyServedTest {

    @Test
    void aWatchMayMatchOnlyWhenItsUserWasServedWithinTheWindow() {
        RecentlyServed index = new RecentlyServed(100, 1000);
        assertThat(index.mayMatch(1, 500)).isTrue(); // not filled: everything is looked up
        index.clear(0);
        index.served(1, 1000);
        index.served(1, 900);
        assertThat(index.mayMatch(1, 1050)).isTrue();
        assertThat(index.mayMatch(1, 1100)).isTrue();
        assertThat(index.mayMatch(1, 1101)).isFalse();
        assertThat(index.mayMatch(2, 1050)).isFalse();
        assertThat(index.mayMatch(2, 50)).isTrue(); // before the horizon plus the window: unknown
    }

    @Test
    void purgesOldUsersAndMovesTheHorizonOrTurnsItselfOff() {
        RecentlyServed index = new RecentlyServed(100, 1000);
        index.clear(0);
        for (int u = 1; u <= 1000; u++) {
            index.served(u, u); // old
        }
        index.served(5000, 10_000); // far newer: the 1000 old ones go
        assertThat(index.size()).isEqualTo(1);
        assertThat(index.horizon()).isEqualTo(10_000 - 100);
        assertThat(index.mayMatch(5000, 10_050)).isTrue();
        assertThat(index.mayMatch(7, 10_050)).isFalse();
        assertThat(index.mayMatch(7, 500)).isTrue();
        for (int u = 1; u <= 1001; u++) {
            index.served(u, 10_000); // too many within one window
        }
        assertThat(index.horizon()).isEqualTo(Long.MAX_VALUE);
        assertThat(index.mayMatch(7, 10_050)).isTrue();
        for (int u = 1; u < 100_000; u += 7) {
            index.served(u, 20_000); // off: ignored
        }
        assertThat(index.size()).isZero();
    }
}
