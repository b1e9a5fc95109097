package org.movierec.core.data.load;

/**
 * The short, stable keys under which malformed lines are counted in
 * {@link LoadReport#skippedByReason()} and reported by {@link MalformedDataException#reason()}.
 */
public final class BadLineReasons {

    /** The line does not have the format's number of fields. */
    public static final String FIELD_COUNT = "field_count";
    /** The first non-blank line of a CSV file is not the expected header. */
    public static final String BAD_HEADER = "bad_header";
    /** The user id is empty, too long, or holds whitespace, control or undecodable characters. */
    public static final String BAD_USER = "bad_user";
    /** The item id is empty, too long, or holds whitespace, control or undecodable characters. */
    public static final String BAD_ITEM = "bad_item";
    /** The rating is not a decimal number. */
    public static final String BAD_RATING = "bad_rating";
    /** The rating is a number outside the configured rating scale. */
    public static final String RATING_OUT_OF_RANGE = "rating_out_of_range";
    /** The timestamp is not a non-negative whole number of epoch seconds. */
    public static final String BAD_TIMESTAMP = "bad_timestamp";
    /** A demographics age (ML-100k) or age code (ML-1M) is not valid. */
    public static final String BAD_AGE = "bad_age";
    /** A demographics gender is not {@code M} or {@code F}. */
    public static final String BAD_GENDER = "bad_gender";
    /** A demographics occupation is empty, or (ML-1M) not a code in {@code 0..20}. */
    public static final String BAD_OCCUPATION = "bad_occupation";
    /** A demographics zip code is empty, too long or holds whitespace or control characters. */
    public static final String BAD_ZIP = "bad_zip";
    /** A demographics file describes the same user twice; the first line wins. */
    public static final String DUPLICATE_USER = "duplicate_user";

    private BadLineReasons() {
    }
}
