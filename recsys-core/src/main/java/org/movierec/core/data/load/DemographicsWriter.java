package org.movierec.core.data.load;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;

/**
 * Writes {@link Demographics} in the ML-100k {@code u.user} format,
 * {@code user id|age|gender|occupation|zip code}, one user a line in the table's order, so that
 * {@link DemographicsLoader} with {@link DemographicsFormat#ML100K} reads back the same table.
 */
public final class DemographicsWriter {

    private static final String SEPARATOR = DemographicsFormat.ML100K.separator();

    private DemographicsWriter() {
    }

    /** Writes {@code demographics} to {@code file} (UTF-8), replacing it if it exists. */
    public static void write(Demographics demographics, Path file) throws IOException {
        try (BufferedWriter out = TextFiles.openWriter(file)) {
            write(demographics, out);
        }
    }

    /**
     * Writes {@code demographics} to {@code out}, which the caller closes.
     *
     * @throws IllegalArgumentException when a user could not be read back: an id, occupation or zip
     *                                  code the loader would reject or holding {@code |}, or an age
     *                                  outside {@code 1..120}
     */
    public static void write(Demographics demographics, Writer out) throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (UserDemographics user : demographics.all()) {
            check(user);
            line.setLength(0);
            line.append(user.userId()).append(SEPARATOR)
                    .append(user.age()).append(SEPARATOR)
                    .append(user.gender()).append(SEPARATOR)
                    .append(user.occupation()).append(SEPARATOR)
                    .append(user.zip()).append('\n');
            out.append(line);
        }
        out.flush();
    }

    private static void check(UserDemographics user) {
        String problem = IdRules.problem("user id", user.userId(), 0, user.userId().length());
        if (problem == null && (user.age() < DemographicsLoader.MIN_AGE || user.age() > DemographicsLoader.MAX_AGE)) {
            problem = "age " + user.age() + " outside " + DemographicsLoader.MIN_AGE + ".." + DemographicsLoader.MAX_AGE;
        }
        if (problem == null) {
            problem = DemographicsLoader.occupationProblem(user.occupation(), 0, user.occupation().length());
        }
        if (problem == null) {
            problem = IdRules.problem("zip code", user.zip(), 0, user.zip().length());
        }
        if (problem == null && (user.userId().contains(SEPARATOR) || user.occupation().contains(SEPARATOR)
                || user.zip().contains(SEPARATOR))) {
            problem = "a field contains the '|' separator";
        }
        if (problem != null) {
            throw new IllegalArgumentException("cannot write user " + Snippet.quote(user.userId())
                    + " as u.user: " + problem);
        }
    }
}
