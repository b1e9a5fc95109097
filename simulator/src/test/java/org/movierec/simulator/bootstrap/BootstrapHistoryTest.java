package org.movierec.simulator.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.movierec.contracts.events.CreateAccountEvent;
import org.movierec.contracts.events.MovieEvent;
import org.movierec.contracts.events.MovielogParser;
import org.movierec.contracts.events.ParseResult;
import org.movierec.contracts.events.RateEvent;
import org.movierec.contracts.events.WatchEvent;
import org.movierec.simulator.catalog.World;
import org.movierec.simulator.catalog.WorldSpec;

class BootstrapHistoryTest {

    @Test
    void writesEveryRatingInTimeOrderOverTheDaysWithWatchesBefore() {
        World world = World.build(new WorldSpec(11, 500, 300, 0.85, 12_000, 14));
        LocalDateTime end = LocalDateTime.of(2026, 3, 1, 12, 0, 0);
        List<String> lines = new ArrayList<>();
        BootstrapSummary summary = BootstrapHistory.write(world, end, (user, line, kind) -> lines.add(line));

        MovielogParser parser = new MovielogParser();
        List<MovieEvent> events = new ArrayList<>();
        for (String line : lines) {
            ParseResult r = parser.parse(line);
            assertThat(r.isOk()).as(line).isTrue();
            events.add(((ParseResult.Ok) r).event());
        }
        assertThat(summary.lines()).isEqualTo(lines.size());
        assertThat(summary.ratings()).isEqualTo(12_000);
        List<RateEvent> rates = events.stream().filter(e -> e instanceof RateEvent).map(e -> (RateEvent) e).toList();
        assertThat(rates).hasSize(12_000);
        for (int k = 1; k < events.size(); k++) {
            assertThat(events.get(k).time()).isAfterOrEqualTo(events.get(k - 1).time());
        }
        LocalDateTime first = events.get(0).time();
        LocalDateTime last = events.get(events.size() - 1).time();
        assertThat(first).isAfterOrEqualTo(end.minusDays(14));
        assertThat(last).isBeforeOrEqualTo(end);
        assertThat(Duration.between(rates.get(0).time(), rates.get(rates.size() - 1).time()).toDays()).isGreaterThanOrEqualTo(12);

        // every rating follows watch lines of the same user and movie
        Set<String> watched = new HashSet<>();
        for (MovieEvent e : events) {
            if (e instanceof WatchEvent w) {
                watched.add(w.userId() + "|" + w.movieId());
            } else if (e instanceof RateEvent r) {
                assertThat(watched).contains(r.userId() + "|" + r.movieId());
            }
        }
        long accounts = events.stream().filter(e -> e instanceof CreateAccountEvent).count();
        assertThat(accounts).isPositive().isLessThan(500);
        assertThat(summary.users()).isEqualTo(500);
        assertThat(summary.movies()).isBetween(200L, 300L);

        // the same world and end give the same lines
        List<String> again = new ArrayList<>();
        BootstrapHistory.write(world, end, (user, line, kind) -> again.add(line));
        assertThat(again).isEqualTo(lines);
    }

    @Test
    void nonRatersHaveTheWatchesOfTheirSessionsAndNoRating() {
        World world = World.build(new WorldSpec(11, 500, 300, 0.85, 12_000, 14, 0.4, 0));
        List<String> lines = new ArrayList<>();
        BootstrapSummary summary = BootstrapHistory.write(world, LocalDateTime.of(2026, 3, 1, 12, 0, 0),
                (user, line, kind) -> lines.add(line));

        MovielogParser parser = new MovielogParser();
        Set<Long> rated = new HashSet<>();
        Set<Long> watched = new HashSet<>();
        long rates = 0;
        for (String line : lines) {
            MovieEvent e = ((ParseResult.Ok) parser.parse(line)).event();
            if (e instanceof RateEvent r) {
                rated.add(r.userId());
                rates++;
            } else if (e instanceof WatchEvent w) {
                watched.add(w.userId());
            }
        }
        Set<Long> nonRaters = new HashSet<>();
        for (int u = 0; u < world.userCount(); u++) {
            if (!world.rates(u)) {
                nonRaters.add(world.userId(u));
            }
        }
        // about 40 % of 500 users (binomial sd 11), every user watched, only raters rated
        assertThat(nonRaters).hasSizeBetween(160, 240);
        assertThat(watched).hasSize(500);
        assertThat(rated).doesNotContainAnyElementsOf(nonRaters).hasSize(500 - nonRaters.size());
        assertThat(summary.ratings()).isEqualTo(rates).isLessThan(12_000);
        assertThat(summary.users()).isEqualTo(500);
    }
}
