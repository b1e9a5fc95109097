package org.movierec.core.data.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.movierec.core.data.RatingScale;
import org.movierec.core.data.Ratings;
import org.movierec.core.ids.IdIndex;

/**
 * Reads a MovieLens ratings file into a {@link Ratings} table, streaming it line by line: memory
 * grows with the ratings kept, not with the file, and a 25-million-line ML-25M file loads without
 * regular expressions, per-line number objects or, for integer ids, per-line hash lookups.
 *
 * <p>Every data line must hold a user id and an item id (not empty, at most 64 characters, no
 * whitespace or control characters), a decimal rating inside the {@link LoadOptions#scale() scale}
 * and a non-negative timestamp in epoch seconds. Blank lines are ignored and counted. A malformed
 * line either stops the load with a {@link MalformedDataException} naming file, line number and
 * problem, or is skipped and counted by reason, as {@link LoadOptions#badLines()} says. Ids are
 * added to the user and item indices only for lines that are loaded. Repeated (user, item) pairs are
 * kept and counted as {@link LoadReport#duplicates()}.
 *
 * <p>Pass the same {@link IdIndex} pair to load a train and a test file with consistent indices.
 * Under {@link BadLinePolicy#FAIL} the indices may already hold ids of the lines before the bad one
 * when the exception is thrown. A loader holds no state between loads; one instance may be reused.
 */
public final class RatingsLoader {

    private final RatingsFormat format;
    private final LoadOptions options;

    /** A loader for {@code format} with {@link LoadOptions#defaults()}. */
    public RatingsLoader(RatingsFormat format) {
        this(format, LoadOptions.defaults());
    }

    public RatingsLoader(RatingsFormat format, LoadOptions options) {
        this.format = Objects.requireNonNull(format, "format");
        this.options = Objects.requireNonNull(options, "options");
    }

    public RatingsFormat format() {
        return format;
    }

    public LoadOptions options() {
        return options;
    }

    /** Loads {@code file} with fresh user and item indices. */
    public LoadResult load(Path file) throws IOException {
        return load(file, new IdIndex(), new IdIndex());
    }

    /** Loads {@code file}, adding its ids to (and numbering them by) {@code users} and {@code items}. */
    public LoadResult load(Path file, IdIndex users, IdIndex items) throws IOException {
        try (BufferedReader reader = TextFiles.openReader(file)) {
            return load(reader, TextFiles.nameOf(file), users, items);
        }
    }

    /**
     * Loads the lines of {@code reader}, which the caller closes.
     *
     * @param source the name of the input in messages and in the report, usually its file name
     */
    public LoadResult load(BufferedReader reader, String source, IdIndex users, IdIndex items) throws IOException {
        Objects.requireNonNull(source, "source");
        LineParser parser = new LineParser(Ratings.builder(users, items), new BadLineTracker(source, options.badLines()));
        DataLineReader lines = new DataLineReader(reader);
        boolean expectHeader = format.header().isPresent();
        long headerLines = 0;
        String line;
        while ((line = lines.next()) != null) {
            if (expectHeader) {
                expectHeader = false;
                if (parser.checkHeader(line, lines.lineNumber())) {
                    headerLines++;
                }
            } else {
                parser.parse(line, lines.lineNumber());
            }
        }
        Ratings ratings = parser.builder.build();
        BadLineTracker badLines = parser.badLines;
        LoadReport report = new LoadReport(source, lines.linesRead(), headerLines, lines.blankLines(), ratings.size(),
                badLines.skipped(), badLines.skippedByReason(), DuplicatePairs.count(ratings), badLines.examples());
        return new LoadResult(ratings, report);
    }

    /**
     * The state of one load: the table being built, the bad-line tracker, a reusable splitter and the
     * id caches.
     */
    private final class LineParser {

        private final Ratings.Builder builder;
        private final BadLineTracker badLines;
        private final FieldSplitter fields = new FieldSplitter(format.separator(), RatingsFormat.FIELDS);
        private final RatingScale scale = options.scale();
        private final NumericIdCache userIds;
        private final NumericIdCache itemIds;

        LineParser(Ratings.Builder builder, BadLineTracker badLines) {
            this.builder = builder;
            this.badLines = badLines;
            this.userIds = new NumericIdCache(builder.users());
            this.itemIds = new NumericIdCache(builder.items());
        }

        /** Whether {@code line} is the format's header (any letter case); rejects it otherwise. */
        boolean checkHeader(String line, long lineNumber) {
            String header = format.header().orElseThrow();
            if (line.strip().equalsIgnoreCase(header)) {
                return true;
            }
            badLines.reject(lineNumber, BadLineReasons.BAD_HEADER,
                    "expected header '" + header + "', found " + Snippet.quote(line));
            return false;
        }

        /** Adds the rating on {@code line} to the table, or rejects the line. */
        void parse(String line, long lineNumber) {
            int count = fields.split(line);
            if (count != RatingsFormat.FIELDS) {
                badLines.reject(lineNumber, BadLineReasons.FIELD_COUNT, "expected " + RatingsFormat.FIELDS + " "
                        + format.separatorName() + "-separated fields, found " + count);
                return;
            }
            String userProblem = IdRules.problem("user id", line, fields.start(0), fields.end(0));
            if (userProblem != null) {
                badLines.reject(lineNumber, BadLineReasons.BAD_USER, userProblem);
                return;
            }
            String itemProblem = IdRules.problem("item id", line, fields.start(1), fields.end(1));
            if (itemProblem != null) {
                badLines.reject(lineNumber, BadLineReasons.BAD_ITEM, itemProblem);
                return;
            }
            double rating = NumberFields.parseDecimal(line, fields.start(2), fields.end(2));
            if (Double.isNaN(rating)) {
                badLines.reject(lineNumber, BadLineReasons.BAD_RATING,
                        "rating " + Snippet.quote(line, fields.start(2), fields.end(2)) + " is not a number");
                return;
            }
            if (!scale.contains(rating)) {
                badLines.reject(lineNumber, BadLineReasons.RATING_OUT_OF_RANGE,
                        "rating " + Snippet.clip(line, fields.start(2), fields.end(2)) + " outside " + scale);
                return;
            }
            long timestamp = NumberFields.parseNonNegativeLong(line, fields.start(3), fields.end(3));
            if (timestamp < 0) {
                badLines.reject(lineNumber, BadLineReasons.BAD_TIMESTAMP, "timestamp "
                        + Snippet.quote(line, fields.start(3), fields.end(3))
                        + " is not a non-negative whole number of epoch seconds");
                return;
            }
            int user = userIds.add(line, fields.start(0), fields.end(0));
            int item = itemIds.add(line, fields.start(1), fields.end(1));
            builder.addIndexed(user, item, rating, timestamp);
        }
    }
}
