package org.movierec.retrain.snapshot;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.movierec.core.data.RatingScale;
import org.movierec.core.data.Ratings;
import org.movierec.core.data.load.LoadOptions;
import org.movierec.core.data.load.RatingsFormat;
import org.movierec.core.data.load.RatingsLoader;
import org.movierec.core.data.load.RatingsWriter;
import org.movierec.core.ids.IdIndex;
import org.movierec.retrain.RunLayout;

/**
 * Stage 1, snapshot: the telemetry tables {@code ratings} (the latest rating per user and movie) and
 * {@code watch_sessions} (every movie each user streamed) up to a cutoff, read in one repeatable-read transaction,
 * checked against the users and the catalog, written in a canonical order (user id numerically, then
 * movie id by code point) so that the same data always gives the same bytes and DVC hash.
 *
 * <p>Output, under {@link RunLayout#SNAPSHOT}: {@code ratings.tsv} (MovieLens {@code u.data} format:
 * user, movie, rating, epoch seconds), {@link Watches#FILE} (user, movie, minutes, epoch seconds), {@code users.tsv} ({@code user_id age gender occupation}) and
 * {@code movies.tsv} ({@code movie_id title genres release_date popularity}), each with what the directory
 * had; and {@link RunLayout#QUALITY}: the ratings' counts at the top level, the watches' under {@code watches}
 * ({@code rows_kept} is the line count of the watches file).
 */
public final class SnapshotStage {

    /** Ratings file in the snapshot directory. */
    public static final String RATINGS = "ratings.tsv";
    /** Users file in the snapshot directory. */
    public static final String USERS = "users.tsv";
    /** Movies file in the snapshot directory. */
    public static final String MOVIES = "movies.tsv";

    /** The ratings up to a cutoff (parameter), in snapshot order; public for ops-checks' TimescalePathTest. */
    public static final String QUERY = "SELECT user_id, movie_id, rating, rated_at FROM ratings WHERE rated_at <= ?"
            + " ORDER BY user_id, movie_id COLLATE \"C\"";
    private static final int FETCH_SIZE = 10_000;
    private static final int MAX_ID_LENGTH = 64;

    private SnapshotStage() {
    }

    /**
     * Reads the ratings up to {@code cutoff} from the database and checks them.
     *
     * @throws SQLException if the database cannot be read
     */
    public static Snapshot take(String jdbcUrl, String user, String password, Instant cutoff, Directory directory,
                                RatingScale scale) throws SQLException {
        QualityReport quality = new QualityReport();
        QualityReport watchQuality = new QualityReport();
        Ratings.Builder builder = Ratings.builder();
        List<Watch> watches;
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password)) {
            c.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
            c.setReadOnly(true);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ); // ratings and watches of one moment
            try (PreparedStatement st = c.prepareStatement(QUERY)) {
                st.setFetchSize(FETCH_SIZE);
                st.setTimestamp(1, Timestamp.from(cutoff));
                try (ResultSet rs = st.executeQuery()) {
                    long lastUser = Long.MIN_VALUE;
                    String lastMovie = null;
                    while (rs.next()) {
                        quality.read();
                        long userId = rs.getLong(1);
                        String movieId = rs.getString(2);
                        int rating = rs.getInt(3);
                        long time = rs.getTimestamp(4).toInstant().getEpochSecond();
                        if (userId == lastUser && movieId.equals(lastMovie)) {
                            quality.drop("duplicate", userId + " " + movieId);
                            continue;
                        }
                        lastUser = userId;
                        lastMovie = movieId;
                        String reason = problem(userId, movieId, scale.contains(rating), directory);
                        if (reason != null) {
                            quality.drop(reason, userId + " " + movieId + " " + rating);
                            continue;
                        }
                        builder.add(Long.toString(userId), movieId, rating, time);
                        quality.kept();
                    }
                }
                watches = Watches.take(c, cutoff, directory, watchQuality);
            } finally {
                c.rollback();
            }
        }
        Ratings ratings = canonical(builder.build());
        return new Snapshot(ratings, watches, directory, cutoff,
                report(quality, watchQuality, cutoff, directory, ratings));
    }

    /** Why a row cannot be kept, in this order of checks, or null when it can. */
    static String problem(long userId, String movieId, boolean ratingInRange, Directory directory) {
        if (userId <= 0) {
            return "invalid_user_id";
        }
        if (!validId(movieId)) {
            return "invalid_movie_id";
        }
        if (!ratingInRange) {
            return "rating_out_of_range";
        }
        if (directory.users() != null && !directory.users().containsKey(Long.toString(userId))) {
            return "unknown_user";
        }
        if (directory.movies() != null && !directory.movies().containsKey(movieId)) {
            return "unknown_movie";
        }
        return null;
    }

    /** An id the ratings file can hold and read back: 1..64 characters, no whitespace or control characters. */
    static boolean validId(String id) {
        if (id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            return false;
        }
        for (int k = 0; k < id.length(); k++) {
            char ch = id.charAt(k);
            if (Character.isWhitespace(ch) || Character.isSpaceChar(ch) || Character.isISOControl(ch) || ch == '\uFFFD') {
                return false;
            }
        }
        return true;
    }

    /**
     * The rows in canonical order: by user id (numerically when both are integers, else by code point), then
     * by movie id (code point), with fresh id indices in that order, exactly as {@link #read} loads them.
     * The database already sorts so; this makes the order independent of the source.
     */
    static Ratings canonical(Ratings r) {
        IdIndex users = r.users();
        IdIndex items = r.items();
        Comparator<Integer> order = (a, b) -> {
            int c = compareIds(users.idAt(r.user(a)), users.idAt(r.user(b)));
            return c != 0 ? c : items.idAt(r.item(a)).compareTo(items.idAt(r.item(b)));
        };
        boolean sorted = true;
        for (int i = 1; i < r.size() && sorted; i++) {
            sorted = order.compare(i - 1, i) < 0;
        }
        if (sorted) {
            return r;
        }
        Integer[] rows = new Integer[r.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        Arrays.sort(rows, order);
        Ratings.Builder b = Ratings.builder();
        for (int row : rows) {
            b.add(users.idAt(r.user(row)), items.idAt(r.item(row)), r.value(row), r.time(row));
        }
        return b.build();
    }

    private static int compareIds(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        try {
            return Long.compare(Long.parseLong(a), Long.parseLong(b));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }

    private static Map<String, Object> report(QualityReport quality, QualityReport watchQuality, Instant cutoff,
                                              Directory directory, Ratings ratings) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cutoff", cutoff.toString());
        m.putAll(quality.toMap());
        m.put("users", ratings.users().size());
        m.put("movies", ratings.items().size());
        m.put("directory", directory.source());
        m.put("users_checked", directory.users() != null);
        m.put("movies_checked", directory.movies() != null);
        m.put("watches", watchQuality.toMap());
        return m;
    }

    /** Writes the snapshot files and the quality report. */
    public static void write(Snapshot s, RunLayout layout) throws IOException {
        Path dir = layout.path(RunLayout.SNAPSHOT);
        Files.createDirectories(dir);
        new RatingsWriter(RatingsFormat.ML100K).write(s.ratings(), dir.resolve(RATINGS));
        Watches.write(s.watches(), dir);
        try (BufferedWriter out = Files.newBufferedWriter(dir.resolve(USERS), StandardCharsets.UTF_8)) {
            out.write("user_id\tage\tgender\toccupation\n");
            if (s.directory().users() != null) {
                List<UserProfile> users = new ArrayList<>(s.directory().users().values());
                users.sort((a, b) -> compareIds(a.userId(), b.userId()));
                for (UserProfile u : users) {
                    out.write(u.userId() + "\t" + u.age() + "\t" + u.gender() + "\t" + u.occupation() + "\n");
                }
            }
        }
        try (BufferedWriter out = Files.newBufferedWriter(dir.resolve(MOVIES), StandardCharsets.UTF_8)) {
            out.write("movie_id\ttitle\tgenres\trelease_date\tpopularity\n");
            if (s.directory().movies() != null) {
                List<MovieInfo> movies = new ArrayList<>(s.directory().movies().values());
                movies.sort((a, b) -> a.movieId().compareTo(b.movieId()));
                for (MovieInfo m : movies) {
                    out.write(m.movieId() + "\t" + m.title() + "\t" + String.join("|", m.genres()) + "\t"
                            + m.releaseDate() + "\t" + (Double.isNaN(m.popularity()) ? "" : m.popularity()) + "\n");
                }
            }
        }
        layout.writeJson(RunLayout.QUALITY, s.quality());
    }

    /** Reads a snapshot written by {@link #write}. */
    public static Snapshot read(RunLayout layout, RatingScale scale) throws IOException {
        Path dir = layout.path(RunLayout.SNAPSHOT);
        Ratings ratings = new RatingsLoader(RatingsFormat.ML100K, LoadOptions.defaults().withScale(scale))
                .load(dir.resolve(RATINGS)).ratings();
        Map<String, UserProfile> users = new LinkedHashMap<>();
        for (String[] f : rows(dir.resolve(USERS), 4)) {
            users.put(f[0], new UserProfile(f[0], Integer.parseInt(f[1]), f[2], f[3]));
        }
        Map<String, MovieInfo> movies = new LinkedHashMap<>();
        for (String[] f : rows(dir.resolve(MOVIES), 5)) {
            movies.put(f[0], new MovieInfo(f[0], f[1], f[2].isEmpty() ? List.of() : List.of(f[2].split("\\|")), f[3],
                    f[4].isEmpty() ? Double.NaN : Double.parseDouble(f[4])));
        }
        Map<String, Object> quality = layout.readJson(RunLayout.QUALITY);
        Directory directory = new Directory(users.isEmpty() ? null : users, movies.isEmpty() ? null : movies,
                String.valueOf(quality.get("directory")));
        return new Snapshot(ratings, Watches.read(dir), directory, Instant.parse(String.valueOf(quality.get("cutoff"))), quality);
    }

    private static List<String[]> rows(Path file, int fields) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = in.readLine(); // header
            int number = 1;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isEmpty()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length != fields) {
                    throw new IOException(file + " line " + number + ": expected " + fields + " fields, got " + f.length);
                }
                rows.add(f);
            }
        }
        return rows;
    }
}
