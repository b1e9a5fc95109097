package org.movierec.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.movierec.core.data.RatingScale;
import org.movierec.core.data.Ratings;
import org.movierec.core.data.load.BadLinePolicy;
import org.movierec.core.data.load.LoadOptions;
import org.movierec.core.data.load.LoadResult;
import org.movierec.core.data.load.RatingsFormat;
import org.movierec.core.data.load.RatingsLoader;
import org.movierec.core.ids.IdIndex;

/** Loads rating files as the data options say: --format, --skip-bad-lines, --scale. */
final class DataFiles {

    private final String formatName;
    private final LoadOptions options;
    private final PrintStream err;

    DataFiles(Args a, PrintStream err) {
        this.formatName = a.string("format", null);
        RatingScale scale = parseScale(a.string("scale", "1..5"));
        this.options = LoadOptions.defaults()
                .withBadLines(a.flag("skip-bad-lines") ? BadLinePolicy.SKIP : BadLinePolicy.FAIL)
                .withScale(scale);
        this.err = err;
        if (formatName != null) {
            format(null);
        }
    }

    RatingScale scale() {
        return options.scale();
    }

    /** Loads {@code file} into the shared indices, telling stderr what was skipped. */
    Ratings load(Path file, IdIndex users, IdIndex items) throws IOException {
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString());
        }
        LoadResult result = new RatingsLoader(format(file), options).load(file, users, items);
        if (result.report().skipped() > 0 || result.report().duplicates() > 0) {
            err.println("recsys: " + result.report().summary());
        }
        return result.ratings();
    }

    Ratings load(Path file) throws IOException {
        return load(file, new IdIndex(), new IdIndex());
    }

    private RatingsFormat format(Path file) {
        try {
            if (formatName != null) {
                return RatingsFormat.parse(formatName);
            }
            return RatingsFormat.detect(file);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static RatingScale parseScale(String text) {
        int dots = text.indexOf("..");
        try {
            if (dots < 0) {
                throw new NumberFormatException();
            }
            return new RatingScale(Double.parseDouble(text.substring(0, dots)), Double.parseDouble(text.substring(dots + 2)));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--scale must look like 1..5, got '" + text + "'");
        }
    }
}
