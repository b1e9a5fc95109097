package org.movierec.registry;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes an artifact's bytes to a stream, the same bytes every time it is called. The registry calls it
 * twice: once to compute the md5 and size, once to upload, so a large artifact never has to be held in
 * memory or in a temporary file.
 */
@FunctionalInterface
public interface ArtifactWriter {

    /** Writes the artifact to {@code out}; must not close it. */
    void writeTo(OutputStream out) throws IOException;
}
