package org.movierec.retrain.snapshot;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The snapshot's watches: every (user, movie) of the collector's {@code watch_sessions} first streamed at or before
 * the cutoff, checked like the ratings (valid ids, known user and movie when the directory has them), in the
 * ratings' canonical order (user id numerically, then movie id by code point). They are the implicit feedback
 * the train stage adds to the rated movies (Koren 2008, SVD++: N(u) is every movie the user is known to have
 * chosen, rated or not).
 *
 * <p>The file, {@link #FILE} beside the ratings, has one line per watch: {@code user movie minutes epoch-seconds},
 * tab-separated, no header (the layout of MovieLens {@code u.data}, minutes in the rating's place). A session's
 * minutes after the cutoff cannot be told apart in {@code watch_sessions} (one multirange per user and movie), so
 * {@code minutes} is what was stored when the snapshot was taken; membership, what training uses, is exact.
 */
public final class Watches {

    /** The watches file in the snapshot directory. */
    public static final String FILE = "watches.tsv";

    /** The watch sessions first seen up to a cutoff (parameter), in snapshot order. */
    public static final String QUERY = "SELECT user_id, movie_id, minutes_watched, first_at FROM watch_sessions"
            + " WHERE first_at <= ? ORDER BY user_id, movie_id COLLATE \"C\"";
    private static final int FETCH_SIZE = 10_000;

    private Watches() {
    }

    /**
     * Reads the watches first seen up to {@code cutoff} on {@code c} (inside the caller's transaction, so they come
     * from the same view of the database as the ratings), dropping those {@code directory} does not know.
     *
     * @param quality counts what was read, kept and dropped
     * @return the watches kept, in canonical order
     * @throws SQLException if the table cannot be read
     */
    static List<Watch> take(Connection c, Instant cutoff, Directory directory, QualityReport quality)
            throws SQLException {
        List<Watch> kept = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(QUERY)) {
            st.setFetchSize(FETCH_SIZE);
            st.setTimestamp(1, Timestamp.from(cutoff));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    quality.read();
                    long userId = rs.getLong(1);
                    String movieId = rs.getString(2);
                    String reason = SnapshotStage.problem(userId, movieId, true, directory);
                    if (reason != null) {
                        quality.drop(reason, userId + " " + movieId);
                        continue;
                    }
                    kept.add(new Watch(Long.toString(userId), movieId, rs.getInt(3),
                            rs.getTimestamp(4).toInstant().getEpochSecond()));
                    quality.kept();
                }
            }
        }
        return List.copyOf(kept);
    }

    /** Writes {@code watches} as {@link #FILE} into the snapshot directory {@code dir}. */
    static void write(List<Watch> watches, Path dir) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(dir.resolve(FILE), StandardCharsets.UTF_8)) {
            for (Watch w : watches) {
                out.write(w.userId() + "\t" + w.movieId() + "\t" + w.minutesWatched() + "\t" + w.firstSeen() + "\n");
            }
        }
    }

    /**
     * Reads {@link #FILE} from the snapshot directory {@code dir}; a snapshot written before watches were taken
     * has none.
     *
     * @throws IOException if the file cannot be read or a line is malformed
     */
    static List<Watch> read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        List<Watch> watches = new ArrayList<>();
        if (!Files.exists(file)) {
            return List.of();
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                String[] f = line.split("\t", -1);
                if (f.length != 4) {
                    throw new IOException(file + " line " + number + ": expected 4 fields, got " + f.length);
                }
                try {
                    watches.add(new Watch(f[0], f[1], Integer.parseInt(f[2]), Long.parseLong(f[3])));
                } catch (NumberFormatException e) {
                    throw new IOException(file + " line " + number + ": " + e.getMessage(), e);
                }
            }
        }
        return List.copyOf(watches);
    }
}
