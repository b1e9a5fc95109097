package org.movierec.platform.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LatencyHistogramsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    LatencyHistogramsTest() {
        registry.config().meterFilter(LatencyHistograms.forHttpServerAnd("router.upstream"));
    }

    @Test
    void namedTimersGetTheFixedBucketsAndCountIntoThem() {
        Timer http = registry.timer(LatencyHistograms.HTTP_SERVER_REQUESTS);
        http.record(Duration.ofMillis(3));   // in (2.5 ms, 5 ms]
        http.record(Duration.ofMillis(200)); // in (100 ms, 250 ms]

        CountAtBucket[] buckets = http.takeSnapshot().histogramCounts();
        assertThat(Arrays.stream(buckets).mapToDouble(b -> b.bucket(TimeUnit.SECONDS)))
                .containsExactly(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0);
        assertThat(countAt(buckets, 0.0025)).isZero();
        assertThat(countAt(buckets, 0.005)).isEqualTo(1);
        assertThat(countAt(buckets, 0.1)).isEqualTo(1);
        assertThat(countAt(buckets, 0.25)).isEqualTo(2);
        assertThat(registry.timer("router.upstream").takeSnapshot().histogramCounts()).hasSize(13);
    }

    @Test
    void otherTimersAreLeftAlone() {
        assertThat(registry.timer("retrain_stage").takeSnapshot().histogramCounts()).isEmpty();
    }

    private static double countAt(CountAtBucket[] buckets, double upperBoundSeconds) {
        return Arrays.stream(buckets).filter(b -> b.bucket(TimeUnit.SECONDS) == upperBoundSeconds)
                .findFirst().orElseThrow().count();
    }
}
