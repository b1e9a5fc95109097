package org.movierec.core.model;

import java.io.IOException;

/**
 * Thrown when bytes offered as a {@linkplain ModelFile model file} are not a valid one: wrong magic,
 * unsupported format version, truncation, checksum mismatch, impossible header values, duplicate ids,
 * non-finite numbers or bytes after the trailer.
 *
 * <p>It is an {@link IOException}, like {@link java.util.zip.ZipException} and
 * {@link java.io.StreamCorruptedException}: a corrupt file is one more way reading a file can fail, and
 * a caller that already handles I/O failures (keep serving the previous model version, alert) handles
 * this one too. Callers that need to tell corruption from, say, a missing file catch it first. The
 * message names the problem and, where it helps, the section and byte offset at which it was found.
 */
public class ModelFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    public ModelFormatException(String message) {
        super(message);
    }

    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
