package org.movierec.core.data.load;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Objects;
import org.movierec.core.data.Ratings;
import org.movierec.core.ids.IdIndex;

/**
 * Writes a {@link Ratings} table as a MovieLens ratings file that {@link RatingsLoader} reads back
 * exactly: same ids, same float ratings, same timestamps, same row order. Whole ratings are written
 * as integers ({@code 4}), others as the shortest decimal that reads back to the same float
 * ({@code 3.5}). The CSV format starts with its header.
 */
public final class RatingsWriter {

    /** Whole ratings below this magnitude convert to long exactly. */
    private static final float WHOLE_AS_LONG_LIMIT = 1e18f;

    private final RatingsFormat format;

    public RatingsWriter(RatingsFormat format) {
        this.format = Objects.requireNonNull(format, "format");
    }

    public RatingsFormat format() {
        return format;
    }

    /** Writes {@code ratings} to {@code file} (UTF-8), replacing it if it exists. */
    public void write(Ratings ratings, Path file) throws IOException {
        try (BufferedWriter out = TextFiles.openWriter(file)) {
            write(ratings, out);
        }
    }

    /**
     * Writes {@code ratings} to {@code out}, which the caller closes.
     *
     * @throws IllegalArgumentException when an id could not be read back (empty, whitespace, control
     *                                  characters, longer than 64 characters, or holding the separator)
     *                                  or a rating is not finite
     */
    public void write(Ratings ratings, Writer out) throws IOException {
        String separator = format.separator();
        if (format.header().isPresent()) {
            out.write(format.header().get());
            out.write('\n');
        }
        boolean[] userChecked = new boolean[ratings.users().size()];
        boolean[] itemChecked = new boolean[ratings.items().size()];
        StringBuilder line = new StringBuilder(64);
        for (int row = 0; row < ratings.size(); row++) {
            int user = ratings.user(row);
            int item = ratings.item(row);
            if (!userChecked[user]) {
                checkId("user id", ratings.users(), user);
                userChecked[user] = true;
            }
            if (!itemChecked[item]) {
                checkId("item id", ratings.items(), item);
                itemChecked[item] = true;
            }
            float value = ratings.value(row);
            if (!Float.isFinite(value)) {
                throw new IllegalArgumentException("rating " + value + " in row " + row + " cannot be written");
            }
            line.setLength(0);
            line.append(ratings.users().idAt(user)).append(separator)
                    .append(ratings.items().idAt(item)).append(separator)
                    .append(ratingText(value)).append(separator)
                    .append(ratings.time(row)).append('\n');
            out.append(line);
        }
        out.flush();
    }

    /**
     * A rating as written in data files: {@code 4} for a whole number, otherwise the shortest plain
     * decimal (no exponent) that reads back as the same float, such as {@code 3.5}.
     */
    public static String ratingText(float value) {
        if (!Float.isFinite(value)) {
            throw new IllegalArgumentException("rating " + value + " is not finite");
        }
        if (value == Math.rint(value) && Math.abs(value) < WHOLE_AS_LONG_LIMIT) {
            return Long.toString((long) value);
        }
        String shortest = new BigDecimal(Float.toString(value)).stripTrailingZeros().toPlainString();
        if ((float) Double.parseDouble(shortest) == value) {
            return shortest;
        }
        // The loader parses as double and narrows to float; in the rare case that double rounding
        // lands elsewhere, the float's exact binary value always reads back to itself.
        return new BigDecimal(value).stripTrailingZeros().toPlainString();
    }

    private void checkId(String what, IdIndex ids, int index) {
        String id = ids.idAt(index);
        String problem = IdRules.problem(what, id, 0, id.length());
        if (problem == null && id.contains(format.separator())) {
            problem = what + " " + Snippet.quote(id) + " contains the " + format.separatorName() + " separator";
        }
        if (problem != null) {
            throw new IllegalArgumentException("cannot write " + format.formatName() + " ratings: " + problem);
        }
    }
}
