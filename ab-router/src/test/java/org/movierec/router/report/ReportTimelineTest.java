package org.movierec.router.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Bucket widths for the charts over time, counted by hand (buckets aligned to multiples since the epoch). */
class ReportTimelineTest {

    @Test
    void theWidthIsTheShortestThatGivesAtMost48Buckets() {
        Instant ten = Instant.parse("2026-11-30T10:00:00Z");
        // 10:00 … 10:47 touches 48 one-minute buckets
        assertThat(ReportTimeline.bucketWidth(ten, ten.plus(Duration.ofMinutes(47)))).isEqualTo(Duration.ofMinutes(1));
        // 10:00 … 10:48 touches 49: five minutes
        assertThat(ReportTimeline.bucketWidth(ten, ten.plus(Duration.ofMinutes(48)))).isEqualTo(Duration.ofMinutes(5));
        // four hours touch 49 five-minute buckets: a quarter hour (17 buckets)
        assertThat(ReportTimeline.bucketWidth(ten, ten.plus(Duration.ofHours(4)))).isEqualTo(Duration.ofMinutes(15));
        // two weeks: 14 × 4 six-hour buckets = 57; twelve hours (29)
        assertThat(ReportTimeline.bucketWidth(ten, ten.plus(Duration.ofDays(14)))).isEqualTo(Duration.ofHours(12));
        // an experiment that has just started: the shortest
        assertThat(ReportTimeline.bucketWidth(ten, ten)).isEqualTo(Duration.ofMinutes(1));
    }
}
