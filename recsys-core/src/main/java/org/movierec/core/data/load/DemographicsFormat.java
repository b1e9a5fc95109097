package org.movierec.core.data.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The MovieLens user demographics file formats. Both have five fields a line, in different orders. */
public enum DemographicsFormat implements LineFormat {

    /**
     * ML-100k {@code u.user}: {@code user id | age | gender | occupation | zip code}, e.g.
     * {@code 1|24|M|technician|85711}; the age is in years, the occupation a name.
     */
    ML100K("ml100k", "|", "'|'"),

    /**
     * ML-1M {@code users.dat}: {@code UserID::Gender::Age::Occupation::Zip-code}, e.g.
     * {@code 1::F::1::10::48067}; the age is a band code, the occupation a code 0..20
     * (see {@link Ml1mOccupations}).
     */
    ML1M("ml1m", "::", "'::'");

    /** Fields on every line. */
    public static final int FIELDS = 5;

    private final String formatName;
    private final String separator;
    private final String separatorName;

    DemographicsFormat(String formatName, String separator, String separatorName) {
        this.formatName = formatName;
        this.separator = separator;
        this.separatorName = separatorName;
    }

    /** The name {@link #parse} accepts: {@code ml100k} or {@code ml1m}. */
    @Override
    public String formatName() {
        return formatName;
    }

    /** The text between two fields. */
    @Override
    public String separator() {
        return separator;
    }

    /** The separator in words, for messages. */
    public String separatorName() {
        return separatorName;
    }

    /**
     * The format named {@code name}: {@code ml100k} or {@code ml1m}, in any case.
     *
     * @throws IllegalArgumentException for any other name; the message lists the valid ones
     */
    public static DemographicsFormat parse(String name) {
        return LineFormat.parse(values(), name, "demographics");
    }

    /**
     * Guesses the format of {@code file}: by its first non-blank line when that holds {@code ::}
     * (ML1M) or {@code |} (ML100K), otherwise by its name ({@code u.user}, {@code *.user}: ML100K;
     * {@code *.dat}: ML1M).
     *
     * @throws IllegalArgumentException when neither content nor name tells
     * @throws IOException              when the file exists but cannot be read
     */
    public static DemographicsFormat detect(Path file) throws IOException {
        Optional<DemographicsFormat> byFirstLine = LineFormat.byFirstLine(values(), file);
        if (byFirstLine.isPresent()) {
            return byFirstLine.get();
        }
        String name = TextFiles.nameOf(file).toLowerCase(Locale.ROOT);
        if (name.endsWith(".user")) {
            return ML100K;
        }
        if (name.endsWith(".dat")) {
            return ML1M;
        }
        throw new IllegalArgumentException("cannot tell the demographics format of " + TextFiles.nameOf(file)
                + " from its name or first line; name it u.user (ml100k) or users.dat (ml1m),"
                + " or give the format explicitly (ml100k, ml1m)");
    }
}
