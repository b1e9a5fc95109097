package org.movierec.core.data.load;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens data files for streaming. Reading is UTF-8 with every malformed or unmappable byte replaced
 * by U+FFFD, so a stray ISO-8859-1 byte (as in the ML-1M and ML-10M files) never stops a load;
 * writing is UTF-8.
 */
final class TextFiles {

    private static final int BUFFER_CHARS = 1 << 16;
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private TextFiles() {
    }

    static BufferedReader openReader(Path file) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        return new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder), BUFFER_CHARS);
    }

    static BufferedWriter openWriter(Path file) throws IOException {
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    /** The first non-blank line of {@code file}, without a byte-order mark; {@code null} if none. */
    static String firstNonBlankLine(Path file) throws IOException {
        try (BufferedReader reader = openReader(file)) {
            return new DataLineReader(reader).next();
        }
    }

    /** {@code line} without a leading UTF-8 byte-order mark, which some editors write. */
    static String stripByteOrderMark(String line) {
        return !line.isEmpty() && line.charAt(0) == BYTE_ORDER_MARK ? line.substring(1) : line;
    }

    /** The file name of {@code file}, used to name it in messages. */
    static String nameOf(Path file) {
        Path name = file.getFileName();
        return name == null ? file.toString() : name.toString();
    }
}
