package org.movierec.contracts.events;

/**
 * The ASCII characters a movie id may hold, as a 128-bit set (one bit test per character).
 *
 * <p>{@link #DEFAULT} accepts the slugs of real streams ({@code padre+nuestro+2007},
 * {@code the+lord+of+the+rings+the+return+of+the+king+2003}) and MovieLens integer ids
 * ({@code 1682}): lowercase ASCII letters {@code a-z}, digits {@code 0-9}, and the punctuation
 * {@code + - _ . ' : & !}. Uppercase, whitespace, non-ASCII, {@code %}, quotes and brackets are not
 * in it. A set can never hold the characters that delimit a movie id in a {@code movielog} line
 * ({@code ,} {@code /} {@code =}), a space, or a control character.
 */
public final class MovieIdCharset {

    /** The punctuation of {@link #DEFAULT}, besides {@code a-z} and {@code 0-9}. */
    public static final String DEFAULT_PUNCTUATION = "+-_.':&!";

    /** Lowercase ASCII letters, digits and {@value #DEFAULT_PUNCTUATION}. */
    public static final MovieIdCharset DEFAULT = of("abcdefghijklmnopqrstuvwxyz0123456789" + DEFAULT_PUNCTUATION);

    /** Characters that delimit fields of a line and so can never be part of a movie id. */
    private static final String DELIMITERS = ",/= ";

    private final long low;
    private final long high;
    private final String chars;

    private MovieIdCharset(long low, long high, String chars) {
        this.low = low;
        this.high = high;
        this.chars = chars;
    }

    /**
     * The set of exactly the characters of {@code chars}.
     *
     * @throws IllegalArgumentException if {@code chars} is empty or holds a non-ASCII or control
     *     character or one of {@code , / =} or a space
     */
    public static MovieIdCharset of(String chars) {
        if (chars == null || chars.isEmpty()) {
            throw new IllegalArgumentException("a movie id charset needs at least one character");
        }
        long low = 0;
        long high = 0;
        StringBuilder sorted = new StringBuilder();
        for (int k = 0; k < chars.length(); k++) {
            char c = chars.charAt(k);
            if (c >= 128 || Character.isISOControl(c) || DELIMITERS.indexOf(c) >= 0) {
                throw new IllegalArgumentException("a movie id cannot contain " + Snippet.quote(chars, k, k + 1)
                        + ": only printable ASCII other than ',', '/', '=' and space");
            }
            if (c < 64) {
                low |= 1L << c;
            } else {
                high |= 1L << (c - 64);
            }
        }
        for (char c = 0; c < 128; c++) {
            if (c < 64 ? (low & 1L << c) != 0 : (high & 1L << (c - 64)) != 0) {
                sorted.append(c);
            }
        }
        return new MovieIdCharset(low, high, sorted.toString());
    }

    /** Whether {@code c} may appear in a movie id. */
    public boolean contains(char c) {
        if (c < 64) {
            return (low & 1L << c) != 0;
        }
        return c < 128 && (high & 1L << (c - 64)) != 0;
    }

    /** The characters of the set, in code order. */
    public String chars() {
        return chars;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MovieIdCharset other && other.low == low && other.high == high;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(low) * 31 + Long.hashCode(high);
    }

    @Override
    public String toString() {
        return "MovieIdCharset[" + chars + "]";
    }
}
