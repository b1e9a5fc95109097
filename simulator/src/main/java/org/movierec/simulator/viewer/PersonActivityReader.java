package org.movierec.simulator.viewer;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.movierec.simulator.catalog.Movie;
import org.movierec.simulator.catalog.World;

/**
 * Turns the collector's {@code GET /users/{id}/activity} answer into {@link PersonActivity}: titles and runtimes from
 * the catalogue (an id it does not know keeps its id as title and counts as never finished), and each served list's
 * outcome from the user's watches and ratings after its serving time. Stateless.
 */
final class PersonActivityReader {

    private PersonActivityReader() {
    }

    static PersonActivity read(long userId, JsonNode activity, World world) {
        List<PersonActivity.Watch> watches = new ArrayList<>();
        Map<String, PersonActivity.Watch> watchOf = new HashMap<>();
        for (JsonNode w : activity.path("watches")) {
            String id = w.path("movieId").asText();
            Movie movie = movie(world, id);
            int minutes = w.path("minutesWatched").asInt();
            int runtime = movie == null ? 0 : movie.runtime();
            PersonActivity.Watch watch = new PersonActivity.Watch(id, movie == null ? id : movie.title(), minutes, runtime,
                    movie != null && minutes >= runtime, w.path("lastAt").asText());
            watches.add(watch);
            watchOf.put(id, watch);
        }
        List<PersonActivity.Rating> ratings = new ArrayList<>();
        Map<String, Instant> lastRated = new HashMap<>();
        for (JsonNode r : activity.path("ratings")) {
            String id = r.path("movieId").asText();
            Movie movie = movie(world, id);
            String at = r.path("ratedAt").asText();
            ratings.add(new PersonActivity.Rating(id, movie == null ? id : movie.title(), r.path("rating").asInt(), at));
            lastRated.merge(id, Instant.parse(at), (a, b) -> a.isAfter(b) ? a : b);
        }
        List<PersonActivity.ServedList> lists = new ArrayList<>();
        Map<String, Instant> firstShown = new LinkedHashMap<>();
        int watchedLists = 0;
        for (JsonNode s : activity.path("servedLists")) {
            Instant servedAt = Instant.parse(s.path("servedAt").asText());
            int finished = 0;
            int rated = 0;
            int shown = 0;
            for (JsonNode item : s.path("items")) {
                String id = item.asText();
                shown++;
                firstShown.merge(id, servedAt, (a, b) -> a.isBefore(b) ? a : b);
                PersonActivity.Watch watch = watchOf.get(id);
                if (watch != null && watch.finished() && !Instant.parse(watch.lastAt()).isBefore(servedAt)) {
                    finished++;
                }
                Instant ratedAt = lastRated.get(id);
                if (ratedAt != null && !ratedAt.isBefore(servedAt)) {
                    rated++;
                }
            }
            String watchedId = s.path("watchedMovie").isTextual() ? s.path("watchedMovie").asText() : null;
            if (watchedId != null) {
                watchedLists++;
            }
            Movie watchedMovie = watchedId == null ? null : movie(world, watchedId);
            lists.add(new PersonActivity.ServedList(servedAt.toString(), text(s, "modelVersion"), text(s, "experiment"),
                    text(s, "arm"), s.path("fallback").asBoolean(),
                    watchedMovie == null ? watchedId : watchedMovie.title(), shown, finished, rated));
        }
        int shownWatched = 0;
        int shownFinished = 0;
        int shownRated = 0;
        for (Map.Entry<String, Instant> shown : firstShown.entrySet()) {
            PersonActivity.Watch watch = watchOf.get(shown.getKey());
            if (watch != null && !Instant.parse(watch.lastAt()).isBefore(shown.getValue())) {
                shownWatched++;
                shownFinished += watch.finished() ? 1 : 0;
            }
            Instant ratedAt = lastRated.get(shown.getKey());
            shownRated += ratedAt != null && !ratedAt.isBefore(shown.getValue()) ? 1 : 0;
        }
        return new PersonActivity(userId, watches, ratings, lists,
                new PersonActivity.Totals(lists.size(), watchedLists, firstShown.size(), shownWatched, shownFinished,
                        shownRated), errors(activity.path("predictions")));
    }

    /** Per version, the root mean squared error of its predictions of this person's ratings. */
    private static List<PersonActivity.VersionError> errors(JsonNode predictions) {
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (JsonNode p : predictions) {
            double error = p.path("rating").asDouble() - p.path("predicted").asDouble();
            double[] s = sums.computeIfAbsent(p.path("modelVersion").asText(), v -> new double[2]);
            s[0]++;
            s[1] += error * error;
        }
        List<PersonActivity.VersionError> errors = new ArrayList<>();
        sums.forEach((version, s) -> errors.add(new PersonActivity.VersionError(version, (int) s[0], Math.sqrt(s[1] / s[0]))));
        return errors;
    }

    private static Movie movie(World world, String id) {
        int index = world.movieIndex(id);
        return index < 0 ? null : world.movie(index);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }
}
