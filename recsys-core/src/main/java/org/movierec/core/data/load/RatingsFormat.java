package org.movierec.core.data.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The MovieLens ratings file formats. Every line holds four fields, user id, item id, rating and
 * timestamp (epoch seconds); the formats differ in the separator and in whether a header comes first.
 */
public enum RatingsFormat implements LineFormat {

    /** ML-100k {@code u.data}, {@code u1.base}, {@code u1.test}, ...: {@code user \t item \t rating \t timestamp}. */
    ML100K("ml100k", "\t", "tab", null),

    /** ML-1M and ML-10M {@code ratings.dat}: {@code user::item::rating::timestamp}. */
    ML1M("ml1m", "::", "'::'", null),

    /**
     * ML-latest and ML-25M {@code ratings.csv}: a header {@code userId,movieId,rating,timestamp}, then
     * {@code user,item,rating,timestamp} with ratings in halves such as {@code 3.5}.
     */
    CSV("csv", ",", "comma", "userId,movieId,rating,timestamp");

    /** Fields on every data line: user, item, rating, timestamp. */
    public static final int FIELDS = 4;

    private final String formatName;
    private final String separator;
    private final String separatorName;
    private final String header;

    RatingsFormat(String formatName, String separator, String separatorName, String header) {
        this.formatName = formatName;
        this.separator = separator;
        this.separatorName = separatorName;
        this.header = header;
    }

    /** The name {@link #parse} accepts: {@code ml100k}, {@code ml1m} or {@code csv}. */
    @Override
    public String formatName() {
        return formatName;
    }

    /** The text between two fields. */
    @Override
    public String separator() {
        return separator;
    }

    /** The separator in words, for messages: {@code tab}, {@code '::'}, {@code comma}. */
    public String separatorName() {
        return separatorName;
    }

    /** The header line that comes before the data, if the format has one. */
    public Optional<String> header() {
        return Optional.ofNullable(header);
    }

    /**
     * The format named {@code name}: {@code ml100k}, {@code ml1m} or {@code csv}, in any case.
     *
     * @throws IllegalArgumentException for any other name; the message lists the valid ones
     */
    public static RatingsFormat parse(String name) {
        return LineFormat.parse(values(), name, "ratings");
    }

    /**
     * Guesses the format of {@code file}. When the file exists and its first non-blank line holds the
     * separator of exactly one format, that format wins (so an ML-10M {@code r1.test}, which is
     * {@code ::}-separated, is read right). Otherwise the name decides: {@code u.data}, {@code *.data},
     * {@code *.base}, {@code *.test} are ML100K; {@code *.dat} is ML1M; {@code *.csv} is CSV.
     *
     * @throws IllegalArgumentException when neither content nor name tells
     * @throws IOException              when the file exists but cannot be read
     */
    public static RatingsFormat detect(Path file) throws IOException {
        Optional<RatingsFormat> byFirstLine = LineFormat.byFirstLine(values(), file);
        if (byFirstLine.isPresent()) {
            return byFirstLine.get();
        }
        String name = TextFiles.nameOf(file).toLowerCase(Locale.ROOT);
        if (name.endsWith(".data") || name.endsWith(".base") || name.endsWith(".test")) {
            return ML100K;
        }
        if (name.endsWith(".dat")) {
            return ML1M;
        }
        if (name.endsWith(".csv")) {
            return CSV;
        }
        throw new IllegalArgumentException("cannot tell the ratings format of " + TextFiles.nameOf(file)
                + " from its name or first line; name it u.data/*.base/*.test (ml100k), *.dat (ml1m) or"
                + " *.csv (csv), or give the format explicitly (" + LineFormat.names(values()) + ")");
    }
}
