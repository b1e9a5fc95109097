package org.movierec.registry;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;

/**
 * Passes bytes on to a target stream while computing their md5 and counting them. {@link #close()}
 * flushes but does not close the target: the caller that opened the target decides when it is complete.
 */
final class DigestingOutputStream extends FilterOutputStream {

    private final MessageDigest md5 = ArtifactDigest.newMd5();
    private long size;

    DigestingOutputStream(OutputStream target) {
        super(target);
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        md5.update((byte) b);
        size++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        md5.update(b, off, len);
        size += len;
    }

    @Override
    public void close() throws IOException {
        flush();
    }

    /** The digest of the bytes written so far; call once, after the last write. */
    ArtifactDigest digest() {
        return new ArtifactDigest(ArtifactDigest.hex(md5.digest()), size);
    }
}
