package org.movierec.simulator.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.movierec.core.data.RatingScale;
import org.movierec.contracts.events.MovielogParser;
import org.movierec.contracts.events.ParseResult;
import org.movierec.contracts.events.RateEvent;
import org.movierec.contracts.events.RecommendationRequestEvent;
import org.movierec.contracts.events.RejectReason;
import org.movierec.contracts.events.WatchEvent;
import org.movierec.simulator.movielog.LineKind;

class FaultInjectorTest {

    record Written(String line, LineKind kind) {
    }

    final MovielogParser parser = new MovielogParser();
    final LocalDateTime t = LocalDateTime.of(2025, 10, 17, 1, 2, 3, 456_000_000);

    @Test
    void everyKindOfGarbageIsRejectedForItsReason() {
        SplittableRandom random = new SplittableRandom(1);
        List<String> valid = List.of(new WatchEvent(t, 42, "silent+river+1994", 17).toLine(),
                new RateEvent(t, 42, "silent+river+1994", 4).toLine(),
                RecommendationRequestEvent.success(t, 42, "127.0.0.1:8082", 200, List.of("a+1999", "b+2001"), 12).toLine(),
                RecommendationRequestEvent.failure(t, 42, "127.0.0.1:8082", 0, "java.net.ConnectException: Connection refused", 1).toLine());
        for (String line : valid) {
            for (int k = 0; k < 200; k++) {
                assertRejected(GarbageLines.make(GarbageLines.Kind.TRUNCATED, line, random), RejectReason.TRUNCATED);
                assertRejected(GarbageLines.make(GarbageLines.Kind.UNKNOWN_VERB, line, random), RejectReason.UNKNOWN_VERB);
                assertRejected(GarbageLines.make(GarbageLines.Kind.HUGE, line, random), RejectReason.TOO_LONG);
            }
        }
    }

    @Test
    void faultsAppearAtTheirRates() {
        List<Written> out = new ArrayList<>();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        FaultInjector injector = new FaultInjector((user, line, kind) -> out.add(new Written(line, kind)),
                new FaultRates(0.05, 0.1, 0.2), RatingScale.ONE_TO_FIVE, registry);
        SplittableRandom random = new SplittableRandom(2);
        int events = 20_000;
        for (int k = 0; k < events; k++) {
            if (k % 2 == 0) {
                injector.write(new WatchEvent(t.plusSeconds(k), 1 + k % 50, "silent+river+1994", k), LineKind.WATCH, random);
            } else {
                injector.write(new RateEvent(t.plusSeconds(k), 1 + k % 50, "silent+river+1994", 1 + k % 5), LineKind.RATE, random);
            }
        }
        int garbage = 0;
        int duplicates = 0;
        int outOfRange = 0;
        String previous = null;
        for (Written w : out) {
            ParseResult r = parser.parse(w.line());
            switch (w.kind()) {
                case GARBAGE -> {
                    garbage++;
                    assertThat(r.isOk()).as(w.line()).isFalse();
                }
                case DUPLICATE -> {
                    duplicates++;
                    assertThat(w.line()).isEqualTo(previous);
                }
                case OUT_OF_RANGE -> {
                    outOfRange++;
                    assertThat(((ParseResult.Rejected) r).reason()).isEqualTo(RejectReason.RATING_OUT_OF_RANGE);
                }
                default -> assertThat(r.isOk()).as(w.line()).isTrue();
            }
            previous = w.line();
        }
        assertThat(garbage / (double) events).isBetween(0.04, 0.06);
        assertThat(duplicates / (double) events).isBetween(0.085, 0.115);
        assertThat(outOfRange / (events / 2.0)).isBetween(0.18, 0.22);
        assertThat(registry.counter("simulator.faults", "kind", "garbage").count()).isEqualTo(garbage);
        assertThat(registry.counter("simulator.faults", "kind", "duplicate").count()).isEqualTo(duplicates);
        assertThat(registry.counter("simulator.faults", "kind", "out_of_range").count()).isEqualTo(outOfRange);
    }

    @Test
    void noFaultsByDefault() {
        List<Written> out = new ArrayList<>();
        FaultInjector injector = new FaultInjector((user, line, kind) -> out.add(new Written(line, kind)),
                FaultRates.NONE, RatingScale.ONE_TO_FIVE, new SimpleMeterRegistry());
        SplittableRandom random = new SplittableRandom(3);
        for (int k = 0; k < 1000; k++) {
            injector.write(new RateEvent(t, 7, "x", 3), LineKind.RATE, random);
        }
        assertThat(out).hasSize(1000).allMatch(w -> w.kind() == LineKind.RATE && parser.parse(w.line()).isOk());
    }

    @Test
    void ratesOutside0To1AreRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new FaultRates(1.5, 0, 0))
                .hasMessageContaining("garbage-rate");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new FaultRates(0, -0.1, 0))
                .hasMessageContaining("duplicate-rate");
    }

    private void assertRejected(String line, String reason) {
        ParseResult r = parser.parse(line);
        assertThat(r.isOk()).as(line).isFalse();
        assertThat(((ParseResult.Rejected) r).reason()).as(line).isEqualTo(reason);
    }
}
