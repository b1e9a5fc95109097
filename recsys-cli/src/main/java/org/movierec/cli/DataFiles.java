package org.movierec.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.movierec.core.data.RatingScale;
import org.movierec.core.data.Ratings;
import org.movierec.core.data.load.BadLinePolicy;
import org.movierec.core.data.load.LoadOptions;
import org.movierec.core.data.load.LoadResult;
import org.movierec.core.data.load.RatingsFormat;
import org.movierec.core.data.load.RatingsLoader;
import org.movierec.core.ids.IdIndex;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * The data options of the commands that read rating files ({@code --format}, {@code --skip-bad-lines},
 * {@code --scale}), mixed into each, and the loading they configure.
 */
final class DataFiles {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--format", paramLabel = "ml100k|ml1m|csv", converter = FormatConverter.class,
            description = "Format of the rating files (default: detected from the first line, else the file name).")
    private RatingsFormat format;

    @Option(names = "--skip-bad-lines", description = "Count and skip malformed lines instead of failing.")
    private boolean skipBadLines;

    @Option(names = "--scale", paramLabel = "MIN..MAX", defaultValue = "1..5", converter = ScaleConverter.class,
            description = "Rating scale (default: ${DEFAULT-VALUE}).")
    private RatingScale scale;

    RatingScale scale() {
        return scale;
    }

    /** Loads {@code file} into the shared indices, telling stderr what was skipped. */
    Ratings load(Path file, IdIndex users, IdIndex items) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        LoadOptions options = LoadOptions.defaults()
                .withBadLines(skipBadLines ? BadLinePolicy.SKIP : BadLinePolicy.FAIL)
                .withScale(scale);
        LoadResult result = new RatingsLoader(formatOf(file), options).load(file, users, items);
        if (result.report().skipped() > 0 || result.report().duplicates() > 0) {
            command.commandLine().getErr().println("recsys: " + result.report().summary());
        }
        return result.ratings();
    }

    Ratings load(Path file) throws IOException {
        return load(file, new IdIndex(), new IdIndex());
    }

    private RatingsFormat formatOf(Path file) throws IOException {
        if (format != null) {
            return format;
        }
        try {
            return RatingsFormat.detect(file);
        } catch (IllegalArgumentException e) {
            throw OptionChecks.usageError(command, e.getMessage());
        }
    }

    /** {@code ml100k}, {@code ml1m} or {@code csv}, in any case. */
    static final class FormatConverter implements ITypeConverter<RatingsFormat> {
        @Override
        public RatingsFormat convert(String name) {
            try {
                return RatingsFormat.parse(name);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code MIN..MAX}, e.g. {@code 0.5..5}. */
    static final class ScaleConverter implements ITypeConverter<RatingScale> {
        @Override
        public RatingScale convert(String text) {
            int dots = text.indexOf("..");
            try {
                if (dots < 0) {
                    throw new NumberFormatException();
                }
                return new RatingScale(Double.parseDouble(text.substring(0, dots)), Double.parseDouble(text.substring(dots + 2)));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("--scale must look like 1..5, got '" + text + "'");
            }
        }
    }
}
