package org.movierec.core.data.load;

import java.util.List;

/** The occupation codes of the MovieLens-1M {@code users.dat} file and their names. */
public final class Ml1mOccupations {

    private static final List<String> NAMES = List.of(
            "other",                 // 0
            "academic/educator",     // 1
            "artist",                // 2
            "clerical/admin",        // 3
            "college/grad student",  // 4
            "customer service",      // 5
            "doctor/health care",    // 6
            "executive/managerial",  // 7
            "farmer",                // 8
            "homemaker",             // 9
            "K-12 student",          // 10
            "lawyer",                // 11
            "programmer",            // 12
            "retired",               // 13
            "sales/marketing",       // 14
            "scientist",             // 15
            "self-employed",         // 16
            "technician/engineer",   // 17
            "tradesman/craftsman",   // 18
            "unemployed",            // 19
            "writer");               // 20

    private Ml1mOccupations() {
    }

    /** The highest occupation code, 20. */
    public static int maxCode() {
        return NAMES.size() - 1;
    }

    /**
     * The name of occupation {@code code}, e.g. {@code "programmer"} for 12.
     *
     * @throws IllegalArgumentException for a code outside {@code 0..20}
     */
    public static String name(int code) {
        if (code < 0 || code > maxCode()) {
            throw new IllegalArgumentException("occupation code " + code + " outside 0.." + maxCode());
        }
        return NAMES.get(code);
    }

    /** The names, indexed by code. */
    public static List<String> names() {
        return NAMES;
    }
}
