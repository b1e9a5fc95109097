package org.movierec.simulator.traffic;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.SplittableRandom;
import org.movierec.contracts.events.RateEvent;
import org.movierec.contracts.events.RecommendationRequestEvent;
import org.movierec.contracts.events.WatchEvent;
import org.movierec.simulator.catalog.Movie;
import org.movierec.simulator.catalog.World;
import org.movierec.simulator.faults.FaultInjector;
import org.movierec.simulator.movielog.LineKind;

/**
 * Plays one session once the router has answered, writing its lines: the
 * {@code recommendation request} line of the call (also when it failed); then, if the user picks a
 * recommended movie ({@link ChoiceModel}), one watch line per minute watched, and sometimes a rating of
 * it; and sometimes a rating of a movie found by browsing (drawn by popularity, not from the list), so
 * ratings of unserved movies exist too. Stateless apart from its settings; thread-safe.
 *
 * <p>Times are honest: a session is played at once, so every line after the request is stamped with the
 * clock when it is written (to the millisecond, truncated), never with a simulated later time. The request
 * line carries the time the call started. So no line is dated after it is sent: an earlier version stamped
 * the watch minutes and ratings at the minutes they would have taken, in the future, and the collector
 * dead-letters times after its clock plus a small skew ({@code time_in_future}); a future rating would also
 * hide the pair's later real ratings. Pacing sessions in real time would keep the spacing but hold hours of
 * sessions in memory across restarts; the minutes of a watch are in its {@code minute} field anyway.
 */
public final class SessionPlayer {

    private final World world;
    private final ChoiceModel choice;
    private final FaultInjector out;
    private final String server;
    private final double rateProbability;
    private final double browseProbability;
    private final Clock clock;
    /** Null: users watch a listed movie again as if it were new. */
    private final WatchHistory history;

    /** Users who watch a listed movie again as if it were new. */
    public SessionPlayer(World world, ChoiceModel choice, FaultInjector out, String server, double rateProbability,
                         double browseProbability, Clock clock) {
        this(world, choice, out, server, rateProbability, browseProbability, clock, null);
    }

    /**
     * @param history what users have watched, which they do not pick again; null for users who watch a listed movie
     *                again as if it were new
     */
    public SessionPlayer(World world, ChoiceModel choice, FaultInjector out, String server, double rateProbability,
                         double browseProbability, Clock clock, WatchHistory history) {
        checkProbability("simulator.traffic.rate-probability", rateProbability);
        checkProbability("simulator.traffic.browse-probability", browseProbability);
        this.world = world;
        this.choice = choice;
        this.out = out;
        this.server = server;
        this.rateProbability = rateProbability;
        this.browseProbability = browseProbability;
        this.clock = clock;
        this.history = history;
    }

    /** Now, to the millisecond (truncated, so never after the Kafka record's timestamp taken at send). */
    private LocalDateTime now() {
        return LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * Writes the lines of the session of user index {@code user} whose call started at {@code start}
     * (UTC, not after now) and got {@code answer}.
     */
    public SessionOutcome play(int user, LocalDateTime start, RouterAnswer answer, SplittableRandom random) {
        long userId = world.userId(user);
        LocalDateTime callTime = start.truncatedTo(ChronoUnit.MILLIS);
        out.write(answer.succeeded()
                ? RecommendationRequestEvent.success(callTime, userId, server, answer.status(), answer.movieIds(), answer.latencyMs())
                : RecommendationRequestEvent.failure(callTime, userId, server, answer.status(), answer.error(), answer.latencyMs()),
                LineKind.REQUEST, random);
        boolean watched = false;
        int minutes = 0;
        int ratings = 0;
        if (answer.succeeded() && !answer.movieIds().isEmpty()) {
            List<String> ids = answer.movieIds();
            double[] trueRatings = new double[ids.size()];
            for (int j = 0; j < ids.size(); j++) {
                int movie = world.movieIndex(ids.get(j));
                trueRatings[j] = movie < 0 || (history != null && history.has(user, movie))
                        ? Double.NaN : world.trueRating(user, movie);
            }
            int picked = choice.choose(trueRatings, random);
            if (picked >= 0) {
                watched = true;
                int index = world.movieIndex(ids.get(picked));
                if (history != null) {
                    history.add(user, index);
                }
                Movie movie = world.movie(index);
                minutes = choice.minutesWatched(trueRatings[picked], movie.runtime(), random);
                for (int minute = 0; minute < minutes; minute++) {
                    out.write(new WatchEvent(now(), userId, movie.id(), minute), LineKind.WATCH, random);
                }
                if (world.rates(user) && random.nextDouble() < rateProbability) {
                    int rating = choice.rating(trueRatings[picked], world.noiseStd(), random);
                    out.write(new RateEvent(now(), userId, movie.id(), rating), LineKind.RATE, random);
                    ratings++;
                }
            }
        }
        if (world.rates(user) && random.nextDouble() < browseProbability) {
            int browsed = world.samplePopularMovie(random);
            Movie movie = world.movie(browsed);
            if (!answer.movieIds().contains(movie.id())) {
                int rating = choice.rating(world.trueRating(user, browsed), world.noiseStd(), random);
                out.write(new RateEvent(now(), userId, movie.id(), rating), LineKind.RATE, random);
                ratings++;
            }
        }
        return new SessionOutcome(answer.succeeded(), watched, minutes, ratings);
    }

    private static void checkProbability(String name, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(name + " must be in 0..1, got " + p);
        }
    }
}
