package org.movierec.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@code parse(toLine(e)) == e} for random events, canonical lines, and what the records refuse. */
class MovielogRoundTripTest {

    private static final LocalDateTime TIME = LocalDateTime.of(2025, 10, 17, 1, 38, 54);

    private final MovielogParser parser = new MovielogParser();

    @Test
    void randomEventsSurviveToLineAndParse() {
        MovielogSamples samples = new MovielogSamples(new Random(20251017));
        int[] kinds = new int[4];
        for (int k = 0; k < 20_000; k++) {
            MovieEvent event = samples.event();
            String line = event.toLine();
            assertThat(parser.parse(line)).as(line).isEqualTo(new ParseResult.Ok(event));
            kinds[kindOf(event)]++;
        }
        assertThat(Arrays.stream(kinds).min().getAsInt()).as(Arrays.toString(kinds)).isGreaterThan(4000);
    }

    private static int kindOf(MovieEvent event) {
        if (event instanceof WatchEvent) {
            return 0;
        } else if (event instanceof RateEvent) {
            return 1;
        } else if (event instanceof CreateAccountEvent) {
            return 2;
        }
        return 3;
    }

    @Test
    void toLineWritesTheCanonicalForm() {
        assertThat(new WatchEvent(TIME, 1, "padre+nuestro+2007", 12).toLine())
                .isEqualTo("2025-10-17T01:38:54,1,GET /data/m/padre+nuestro+2007/12.mpg");
        assertThat(new RateEvent(TIME.withNano(122_692_921), 2, "1682", 4).toLine())
                .isEqualTo("2025-10-17T01:38:54.122692921,2,GET /rate/1682=4");
        assertThat(new CreateAccountEvent(TIME.withNano(500_000_000).withYear(7), 3).toLine())
                .isEqualTo("0007-10-17T01:38:54.500,3,GET /create_account");
        assertThat(new CreateAccountEvent(TIME.withNano(120_000), 3).toLine())
                .isEqualTo("2025-10-17T01:38:54.000120,3,GET /create_account");
        assertThat(RecommendationRequestEvent.success(TIME, 4, "h:1", 200, List.of("a", "b"), 25).toLine())
                .isEqualTo("2025-10-17T01:38:54,4,recommendation request h:1, status 200, result: a, b, 25 ms");
        assertThat(RecommendationRequestEvent.success(TIME, 4, "h:1", 200, List.of(), 25).toLine())
                .isEqualTo("2025-10-17T01:38:54,4,recommendation request h:1, status 200, result: , 25 ms");
        assertThat(RecommendationRequestEvent.failure(TIME, 4, "h:1", 0, "java.net.ConnectException: Connection refused", 1)
                .toLine()).isEqualTo("2025-10-17T01:38:54,4,recommendation request h:1, status 0, result: "
                        + "java.net.ConnectException: Connection refused, 1 ms");
    }

    @Test
    void recordsRefuseFieldsThatWouldBreakTheLine() {
        assertThatThrownBy(() -> new CreateAccountEvent(null, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CreateAccountEvent(TIME, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CreateAccountEvent(TIME.withYear(10_000), 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateEvent(TIME, 1, "a,b", 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateEvent(TIME, 1, "a=b", 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WatchEvent(TIME, 1, "a/b", 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WatchEvent(TIME, 1, "", 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WatchEvent(TIME, 1, "a", -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecommendationRequestEvent.success(TIME, 1, "h 1", 200, List.of(), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecommendationRequestEvent.success(TIME, 1, "h", 1000, List.of(), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecommendationRequestEvent.success(TIME, 1, "h", 0, List.of(), 1))
                .as("status 0 is a failure").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecommendationRequestEvent.failure(TIME, 1, "h", 200, "boom", 1))
                .as("a 2xx call is a success").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecommendationRequestEvent.failure(TIME, 1, "h", 0, "line\nbreak", 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecommendationRequestEvent.success(TIME, 1, "h", 200, Arrays.asList("a", null), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecommendationRequestEvent.success(TIME, 1, "h", 200, List.of("a"), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recommendationResultsAreAnImmutableCopy() {
        List<String> results = new java.util.ArrayList<>(List.of("a"));
        RecommendationRequestEvent e = RecommendationRequestEvent.success(TIME, 1, "h", 200, results, 1);
        results.add("b");
        assertThat(e.results()).containsExactly("a");
        assertThatThrownBy(() -> e.results().add("c")).isInstanceOf(UnsupportedOperationException.class);
    }
}
