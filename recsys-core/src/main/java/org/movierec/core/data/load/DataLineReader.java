package org.movierec.core.data.load;

import java.io.BufferedReader;
import java.io.IOException;

/**
 * Reads the lines of a data file that carry content, as every loader sees them: a byte-order mark
 * before the first line is dropped, blank (empty or whitespace-only) lines are skipped and counted,
 * and lines are numbered from 1 counting the blank ones too, so messages name the line an editor
 * shows.
 */
final class DataLineReader {

    private final BufferedReader reader;
    private long linesRead;
    private long blankLines;

    DataLineReader(BufferedReader reader) {
        this.reader = reader;
    }

    /** The next non-blank line; {@code null} at the end of the input. */
    String next() throws IOException {
        String line;
        while ((line = reader.readLine()) != null) {
            linesRead++;
            if (linesRead == 1) {
                line = TextFiles.stripByteOrderMark(line);
            }
            if (!line.isBlank()) {
                return line;
            }
            blankLines++;
        }
        return null;
    }

    /** The 1-based number of the line {@link #next()} returned last. */
    long lineNumber() {
        return linesRead;
    }

    /** Lines read so far, blank ones included; all lines of the input once {@link #next()} returned null. */
    long linesRead() {
        return linesRead;
    }

    /** Blank lines skipped so far. */
    long blankLines() {
        return blankLines;
    }
}
