package org.movierec.router.report.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Tick choice against hand-worked cases: 1, 2 or 5 × 10^k steps; powers of ten; clock-aligned times. */
class TicksTest {

    @Test
    void theStepIsTheSmallestRoundOneThatFitsTheTickBudget() {
        // 0..1 with 6 ticks: 0.1 gives 11, 0.2 gives 6
        assertThat(Ticks.niceStep(0, 1, 6)).isEqualTo(0.2);
        // 0.83..1.02: 0.01 gives 20, 0.02 gives 10, 0.05 gives 0.85, 0.90, 0.95, 1.00
        assertThat(Ticks.niceStep(0.83, 1.02, 6)).isEqualTo(0.05);
        // 0..730 with 5 ticks: 100 gives 8, 200 gives 4
        assertThat(Ticks.niceStep(0, 730, 5)).isEqualTo(200);
    }

    @Test
    void ticksAreTheStepsMultiplesInsideTheRangeWithoutRoundingNoise() {
        assertThat(Ticks.linear(0, 1, 6)).containsExactly(0.0, 0.2, 0.4, 0.6, 0.8, 1.0);
        assertThat(Ticks.linear(0.83, 1.02, 6)).containsExactly(0.85, 0.9, 0.95, 1.0);
        // 3 × 0.1 is 0.30000000000000004 in doubles; the tick is 0.3
        assertThat(Ticks.linear(0, 0.3, 4)).containsExactly(0.0, 0.1, 0.2, 0.3);
        assertThat(Ticks.linear(-0.4, 0.4, 5)).containsExactly(-0.4, -0.2, 0.0, 0.2, 0.4);
    }

    @Test
    void aNiceDomainStartsAndEndsOnATickWithinTheTickBudget() {
        // 0.02 would give 0.82 … 1.02 = 11 ticks; 0.05 gives 0.80 … 1.05 = 6
        assertThat(Ticks.niceDomain(0.83, 1.02, 6)).isEqualTo(new Ticks.Domain(0.8, 1.05, 0.05));
        // 0.1 would give 0 … 0.6 = 7 ticks; 0.2 gives 0, 0.2, 0.4, 0.6
        assertThat(Ticks.niceDomain(0, 0.52, 6)).isEqualTo(new Ticks.Domain(0.0, 0.6, 0.2));
        assertThat(Ticks.niceDomain(0, 0.52, 6).ticks()).containsExactly(0.0, 0.2, 0.4, 0.6);
        // 0.2 would give 0.8 … 2.2 = 8 ticks; 0.5 gives 0.5 … 2.5 = 5
        assertThat(Ticks.niceDomain(0.9, 2.1, 6)).isEqualTo(new Ticks.Domain(0.5, 2.5, 0.5));
    }

    @Test
    void aLogAxisHasEveryPowerOfTenInside() {
        assertThat(Ticks.powersOfTen(1e-4, 1)).containsExactly(1e-4, 1e-3, 0.01, 0.1, 1.0);
        assertThat(Ticks.powersOfTen(0.003, 0.5)).containsExactly(0.01, 0.1);
    }

    @Test
    void timeTicksFallOnTheClock() {
        Instant from = Instant.parse("2026-11-30T10:07:00Z");
        Instant to = Instant.parse("2026-11-30T12:53:00Z");
        // 15 min gives 10:15 … 12:45 = 11 ticks; 30 min gives 10:30, 11:00, 11:30, 12:00, 12:30
        assertThat(Ticks.timeStep(from, to, 6)).isEqualTo(Duration.ofMinutes(30));
        assertThat(Ticks.time(from, to, 6)).containsExactly(Instant.parse("2026-11-30T10:30:00Z"),
                Instant.parse("2026-11-30T11:00:00Z"), Instant.parse("2026-11-30T11:30:00Z"),
                Instant.parse("2026-11-30T12:00:00Z"), Instant.parse("2026-11-30T12:30:00Z"));
        // three days: 6 h gives 12 ticks; 12 h gives 27T12:00 … 30T00:00 = 6, at noon and midnight UTC
        assertThat(Ticks.time(Instant.parse("2026-11-27T09:00:00Z"), Instant.parse("2026-11-30T09:00:00Z"), 6))
                .containsExactly(Instant.parse("2026-11-27T12:00:00Z"), Instant.parse("2026-11-28T00:00:00Z"),
                        Instant.parse("2026-11-28T12:00:00Z"), Instant.parse("2026-11-29T00:00:00Z"),
                        Instant.parse("2026-11-29T12:00:00Z"), Instant.parse("2026-11-30T00:00:00Z"));
        // four days: 12 h gives 8 ticks; a day apart, at midnight UTC
        assertThat(Ticks.time(Instant.parse("2026-11-26T09:00:00Z"), Instant.parse("2026-11-30T09:00:00Z"), 6))
                .containsExactly(Instant.parse("2026-11-27T00:00:00Z"), Instant.parse("2026-11-28T00:00:00Z"),
                        Instant.parse("2026-11-29T00:00:00Z"), Instant.parse("2026-11-30T00:00:00Z"));
    }
}
