package org.movierec.simulator.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.movierec.simulator.catalog.World;
import org.movierec.simulator.catalog.WorldSpec;
import org.movierec.simulator.faults.FaultInjector;
import org.movierec.simulator.faults.FaultRates;
import org.movierec.simulator.movielog.LineKind;

class SessionPlayerTest {

    @Test
    void nonRatersWatchButNeverRate() {
        World world = World.build(new WorldSpec(5, 300, 200, 0.85, 3_000, 7, 0.5, 0));
        List<Long> rates = new ArrayList<>();
        Set<Long> watchers = new HashSet<>();
        FaultInjector out = new FaultInjector((user, line, kind) -> {
            if (kind == LineKind.RATE) {
                rates.add(user);
            } else if (kind == LineKind.WATCH) {
                watchers.add(user);
            }
        }, FaultRates.NONE, world.scale(), new SimpleMeterRegistry());
        // every watched movie is rated and every session browses, unless the user never rates
        SessionPlayer player = new SessionPlayer(world, new ChoiceModel(world.scale(), 1e-9), out, "test", 1, 1,
                Clock.systemUTC());
        List<String> list = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            list.add(world.movie(i).id());
        }
        SplittableRandom random = new SplittableRandom(1);
        Set<Long> nonRaters = new HashSet<>();
        LocalDateTime start = LocalDateTime.now(ZoneOffset.UTC).minusSeconds(1);
        for (int user = 0; user < world.userCount(); user++) {
            if (!world.rates(user)) {
                nonRaters.add(world.userId(user));
            }
            player.play(user, start, new RouterAnswer(200, list, null, 5), random);
        }

        assertThat(nonRaters).hasSizeBetween(120, 180); // half of 300, binomial sd 8.7
        assertThat(watchers).containsAll(nonRaters);
        assertThat(rates).isNotEmpty().doesNotContainAnyElementsOf(nonRaters);
    }

    @Test
    void withAWatchHistoryUsersPassOverWhatTheyWatched() {
        World world = World.build(new WorldSpec(5, 300, 200, 0.85, 3_000, 7));
        List<Long> watches = new ArrayList<>();
        FaultInjector out = new FaultInjector((user, line, kind) -> {
            if (kind == LineKind.WATCH) {
                watches.add(user);
            }
        }, FaultRates.NONE, world.scale(), new SimpleMeterRegistry());
        WatchHistory history = WatchHistory.of(world);
        SessionPlayer player = new SessionPlayer(world, new ChoiceModel(world.scale(), 1e-9), out, "test", 0, 0,
                Clock.systemUTC(), history);
        int user = world.data().ratings().user(0);
        List<String> seen = new ArrayList<>();
        for (int row = 0; row < world.data().ratings().size(); row++) {
            if (world.data().ratings().user(row) == user) {
                seen.add(world.movie(world.data().ratings().item(row)).id());
            }
        }
        LocalDateTime start = LocalDateTime.now(ZoneOffset.UTC).minusSeconds(1);
        SplittableRandom random = new SplittableRandom(2);

        SessionOutcome none = player.play(user, start, new RouterAnswer(200, seen, null, 5), random);
        assertThat(none.watched()).as("only movies of the user's history").isFalse();

        List<String> fresh = new ArrayList<>();
        for (int i = 0; i < world.movieCount() && fresh.size() < 2; i++) {
            if (!history.has(user, i)) {
                fresh.add(world.movie(i).id());
            }
        }
        // two movies never watched: one now, the other next time, then neither
        assertThat(player.play(user, start, new RouterAnswer(200, fresh, null, 5), random).watched()).isTrue();
        assertThat(player.play(user, start, new RouterAnswer(200, fresh, null, 5), random).watched()).isTrue();
        assertThat(player.play(user, start, new RouterAnswer(200, fresh, null, 5), random).watched()).isFalse();
        assertThat(watches).isNotEmpty();
    }
}
