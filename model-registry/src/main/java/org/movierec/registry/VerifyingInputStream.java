package org.movierec.registry;

import com.mongodb.MongoException;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Reads an artifact while computing its md5, and checks md5 and size against the registered ones
 * before it reports the end of the stream. A corrupted artifact therefore never reads to a normal end:
 * the read that would return {@code -1} throws {@link ArtifactCorruptedException} instead, and a read
 * that goes past the registered size throws at once. Failures of the underlying GridFS stream (missing
 * or mis-sized chunks) are reported as corruption too.
 *
 * <p>Bytes are handed out before the end is verified; a consumer that must not act on unverified bytes
 * reads to the end before acting (as {@link org.movierec.core.model.ModelFile#read(InputStream)} does)
 * or uses {@link ModelRegistry#loadArtifact(String)}.
 */
final class VerifyingInputStream extends InputStream {

    private final InputStream in;
    private final String version;
    private final ArtifactDigest expected;
    private final MessageDigest md5 = ArtifactDigest.newMd5();
    private long size;
    private boolean verified;
    /** The problem found, once found; every later read reports it again. */
    private String problem;

    VerifyingInputStream(InputStream in, String version, ArtifactDigest expected) {
        this.in = in;
        this.version = version;
        this.expected = expected;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (verified) {
            return -1;
        }
        if (problem != null) {
            throw new ArtifactCorruptedException(version, problem);
        }
        if (len == 0) {
            return 0;
        }
        int n;
        try {
            n = in.read(b, off, len);
        } catch (MongoException e) {
            ArtifactCorruptedException failure = corrupted("cannot read its GridFS chunks: " + e.getMessage());
            failure.initCause(e);
            throw failure;
        }
        if (n < 0) {
            verifyEnd();
            return -1;
        }
        size += n;
        if (size > expected.size()) {
            throw corrupted("size mismatch, expected " + expected.size() + " bytes, got more");
        }
        md5.update(b, off, n);
        return n;
    }

    private void verifyEnd() throws ArtifactCorruptedException {
        if (size != expected.size()) {
            throw corrupted("size mismatch, expected " + expected.size() + " bytes, got " + size);
        }
        String actual = ArtifactDigest.hex(md5.digest());
        if (!actual.equals(expected.md5())) {
            throw corrupted("md5 mismatch, expected " + expected.md5() + ", got " + actual);
        }
        verified = true;
    }

    private ArtifactCorruptedException corrupted(String found) {
        problem = found;
        return new ArtifactCorruptedException(version, found);
    }

    @Override
    public int available() throws IOException {
        return verified ? 0 : in.available();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
