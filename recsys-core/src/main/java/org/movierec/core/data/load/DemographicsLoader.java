package org.movierec.core.data.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads a MovieLens demographics file ({@code u.user} or {@code users.dat}) into
 * {@link Demographics}, with the same line checks, {@link BadLinePolicy} and report as
 * {@link RatingsLoader}.
 *
 * <p>Checks: the user id and zip code follow the id rules (not empty, at most 64 characters, no
 * whitespace or control characters); the gender is {@code M} or {@code F} (either case, stored in
 * upper case); an ML-100k age is a whole number of years in {@code 1..120}, an ML-1M age one of the
 * codes 1, 18, 25, 35, 45, 50, 56; an ML-100k occupation is a name of at most 64 characters without
 * control characters or surrounding spaces, an ML-1M occupation a code {@code 0..20}, stored as its
 * {@link Ml1mOccupations name}. A user described twice is a malformed line; the first description
 * wins.
 */
public final class DemographicsLoader {

    /** The youngest age in years an ML-100k file may state. */
    static final int MIN_AGE = 1;
    /** The oldest age in years an ML-100k file may state. */
    static final int MAX_AGE = 120;
    /** The age-band codes of ML-1M. */
    static final Set<Integer> ML1M_AGE_CODES = Set.of(1, 18, 25, 35, 45, 50, 56);

    private static final int USER_FIELD = 0;
    private static final int OCCUPATION_FIELD = 3;
    private static final int ZIP_FIELD = 4;

    private final DemographicsFormat format;
    private final BadLinePolicy badLinePolicy;

    /** A loader for {@code format} that fails on the first malformed line. */
    public DemographicsLoader(DemographicsFormat format) {
        this(format, BadLinePolicy.FAIL);
    }

    public DemographicsLoader(DemographicsFormat format, BadLinePolicy badLinePolicy) {
        this.format = Objects.requireNonNull(format, "format");
        this.badLinePolicy = Objects.requireNonNull(badLinePolicy, "badLinePolicy");
    }

    public DemographicsFormat format() {
        return format;
    }

    public BadLinePolicy badLinePolicy() {
        return badLinePolicy;
    }

    public DemographicsLoadResult load(Path file) throws IOException {
        try (BufferedReader reader = TextFiles.openReader(file)) {
            return load(reader, TextFiles.nameOf(file));
        }
    }

    /**
     * Loads the lines of {@code reader}, which the caller closes.
     *
     * @param source the name of the input in messages and in the report, usually its file name
     */
    public DemographicsLoadResult load(BufferedReader reader, String source) throws IOException {
        Objects.requireNonNull(source, "source");
        BadLineTracker badLines = new BadLineTracker(source, badLinePolicy);
        LineParser parser = new LineParser(badLines);
        DataLineReader lines = new DataLineReader(reader);
        String line;
        while ((line = lines.next()) != null) {
            parser.parse(line, lines.lineNumber());
        }
        Demographics demographics = new Demographics(parser.users.values());
        LoadReport report = new LoadReport(source, lines.linesRead(), 0, lines.blankLines(), demographics.size(),
                badLines.skipped(), badLines.skippedByReason(), 0, badLines.examples());
        return new DemographicsLoadResult(demographics, report);
    }

    /**
     * What is wrong with the occupation name {@code text[start..end)}, or {@code null} when it is
     * acceptable.
     */
    static String occupationProblem(String text, int start, int end) {
        int length = end - start;
        if (length == 0) {
            return "empty occupation";
        }
        String quoted = Snippet.quote(text, start, end);
        if (length > IdRules.MAX_LENGTH) {
            return "occupation " + quoted + " is longer than " + IdRules.MAX_LENGTH + " characters (" + length + ")";
        }
        if (Character.isWhitespace(text.charAt(start)) || Character.isWhitespace(text.charAt(end - 1))) {
            return "occupation " + quoted + " starts or ends with whitespace";
        }
        for (int k = start; k < end; k++) {
            char c = text.charAt(k);
            if (Character.isISOControl(c) || c == '\uFFFD') {
                return "occupation " + quoted + " contains a control character or an undecodable byte";
            }
        }
        return null;
    }

    /** The state of one load: users so far, the bad-line tracker and a reusable splitter. */
    private final class LineParser {

        private final Map<String, UserDemographics> users = new LinkedHashMap<>();
        private final BadLineTracker badLines;
        private final FieldSplitter fields = new FieldSplitter(format.separator(), DemographicsFormat.FIELDS);
        private final int ageField = format == DemographicsFormat.ML100K ? 1 : 2;
        private final int genderField = format == DemographicsFormat.ML100K ? 2 : 1;

        LineParser(BadLineTracker badLines) {
            this.badLines = badLines;
        }

        /** Adds the user on {@code line}, or rejects the line. */
        void parse(String line, long lineNumber) {
            int count = fields.split(line);
            if (count != DemographicsFormat.FIELDS) {
                badLines.reject(lineNumber, BadLineReasons.FIELD_COUNT, "expected " + DemographicsFormat.FIELDS
                        + " " + format.separatorName() + "-separated fields, found " + count);
                return;
            }
            String userProblem = IdRules.problem("user id", line, fields.start(USER_FIELD), fields.end(USER_FIELD));
            if (userProblem != null) {
                badLines.reject(lineNumber, BadLineReasons.BAD_USER, userProblem);
                return;
            }
            int age = parseAge(line, lineNumber);
            if (age < 0) {
                return;
            }
            String gender = parseGender(line, lineNumber);
            if (gender == null) {
                return;
            }
            String occupation = parseOccupation(line, lineNumber);
            if (occupation == null) {
                return;
            }
            String zipProblem = IdRules.problem("zip code", line, fields.start(ZIP_FIELD), fields.end(ZIP_FIELD));
            if (zipProblem != null) {
                badLines.reject(lineNumber, BadLineReasons.BAD_ZIP, zipProblem);
                return;
            }
            String userId = field(line, USER_FIELD);
            if (users.containsKey(userId)) {
                badLines.reject(lineNumber, BadLineReasons.DUPLICATE_USER,
                        "user id " + Snippet.quote(userId) + " is described again");
                return;
            }
            users.put(userId, new UserDemographics(userId, age, gender, occupation, field(line, ZIP_FIELD)));
        }

        /** The age in years (ML-100k) or the age code (ML-1M); -1 after rejecting the line. */
        private int parseAge(String line, long lineNumber) {
            int start = fields.start(ageField);
            int end = fields.end(ageField);
            int age = NumberFields.parseNonNegativeInt(line, start, end);
            String quoted = Snippet.quote(line, start, end);
            if (format == DemographicsFormat.ML100K) {
                if (age < 0) {
                    badLines.reject(lineNumber, BadLineReasons.BAD_AGE, "age " + quoted + " is not a whole number");
                    return -1;
                }
                if (age < MIN_AGE || age > MAX_AGE) {
                    badLines.reject(lineNumber, BadLineReasons.BAD_AGE,
                            "age " + age + " outside " + MIN_AGE + ".." + MAX_AGE);
                    return -1;
                }
                return age;
            }
            if (!ML1M_AGE_CODES.contains(age)) {
                badLines.reject(lineNumber, BadLineReasons.BAD_AGE,
                        "age code " + quoted + " is not one of 1, 18, 25, 35, 45, 50, 56");
                return -1;
            }
            return age;
        }

        /** {@code "M"} or {@code "F"}; {@code null} after rejecting the line. */
        private String parseGender(String line, long lineNumber) {
            int start = fields.start(genderField);
            int end = fields.end(genderField);
            if (end - start == 1) {
                char c = line.charAt(start);
                if (c == 'M' || c == 'm') {
                    return "M";
                }
                if (c == 'F' || c == 'f') {
                    return "F";
                }
            }
            badLines.reject(lineNumber, BadLineReasons.BAD_GENDER,
                    "gender " + Snippet.quote(line, start, end) + " is not M or F");
            return null;
        }

        /** The occupation name; {@code null} after rejecting the line. */
        private String parseOccupation(String line, long lineNumber) {
            int start = fields.start(OCCUPATION_FIELD);
            int end = fields.end(OCCUPATION_FIELD);
            if (format == DemographicsFormat.ML100K) {
                String problem = occupationProblem(line, start, end);
                if (problem != null) {
                    badLines.reject(lineNumber, BadLineReasons.BAD_OCCUPATION, problem);
                    return null;
                }
                return line.substring(start, end);
            }
            int code = NumberFields.parseNonNegativeInt(line, start, end);
            if (code < 0 || code > Ml1mOccupations.maxCode()) {
                badLines.reject(lineNumber, BadLineReasons.BAD_OCCUPATION, "occupation code "
                        + Snippet.quote(line, start, end) + " is not one of 0.." + Ml1mOccupations.maxCode());
                return null;
            }
            return Ml1mOccupations.name(code);
        }

        private String field(String line, int field) {
            return line.substring(fields.start(field), fields.end(field));
        }
    }
}
