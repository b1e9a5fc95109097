package org.movierec.core.data.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@link RatingsFormat} and {@link DemographicsFormat} have in common: a name to choose a format
 * by and the separator between fields, by which a file's first line tells its format. The two
 * look-ups they make by them live here, once.
 */
interface LineFormat {

    /** The name a user gives to choose this format, such as {@code ml100k}. */
    String formatName();

    /** The text between two fields. */
    String separator();

    /**
     * The one of {@code formats} named {@code name}, in any case and ignoring surrounding spaces.
     *
     * @param kind what the formats are formats of, for the message: {@code ratings}, {@code demographics}
     * @throws IllegalArgumentException when none is; the message lists the valid names
     */
    static <F extends LineFormat> F parse(F[] formats, String name, String kind) {
        String wanted = name == null ? "" : name.trim();
        for (F format : formats) {
            if (format.formatName().equalsIgnoreCase(wanted)) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown " + kind + " format '" + name + "'; valid formats: " + names(formats));
    }

    /**
     * The one of {@code formats} whose separator the first non-blank line of {@code file} holds, if the
     * file exists and that line holds the separator of exactly one of them.
     *
     * @throws IOException when the file exists but cannot be read
     */
    static <F extends LineFormat> Optional<F> byFirstLine(F[] formats, Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String line = TextFiles.firstNonBlankLine(file);
        if (line == null) {
            return Optional.empty();
        }
        F found = null;
        for (F format : formats) {
            if (line.contains(format.separator())) {
                if (found != null) {
                    return Optional.empty();
                }
                found = format;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The names of {@code formats}, comma-separated, for messages. */
    static String names(LineFormat[] formats) {
        StringBuilder names = new StringBuilder();
        for (LineFormat format : formats) {
            names.append(names.length() == 0 ? "" : ", ").append(format.formatName());
        }
        return names.toString();
    }
}
