package org.movierec.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The identity of an artifact's bytes: their md5 (lower-case hex, as DVC writes it) and their length.
 *
 * @param md5  32 lower-case hex digits
 * @param size length in bytes, {@code >= 0}
 */
public record ArtifactDigest(String md5, long size) {

    private static final HexFormat HEX = HexFormat.of();

    /** Validates the fields. */
    public ArtifactDigest {
        if (!isMd5Hex(md5)) {
            throw new IllegalArgumentException("not a lower-case hex md5: " + md5);
        }
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0: " + size);
        }
    }

    /** The digest of {@code bytes}. */
    public static ArtifactDigest of(byte[] bytes) {
        MessageDigest md5 = newMd5();
        md5.update(bytes);
        return new ArtifactDigest(hex(md5.digest()), bytes.length);
    }

    /** The digest of the file at {@code path}, read once in 1 MiB blocks. */
    public static ArtifactDigest of(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            MessageDigest md5 = newMd5();
            byte[] buffer = new byte[1 << 20];
            long size = 0;
            for (int n; (n = in.read(buffer)) >= 0; ) {
                md5.update(buffer, 0, n);
                size += n;
            }
            return new ArtifactDigest(hex(md5.digest()), size);
        }
    }

    /** The digest of what {@code writer} writes; nothing is kept. */
    public static ArtifactDigest of(ArtifactWriter writer) throws IOException {
        DigestingOutputStream out = new DigestingOutputStream(OutputStream.nullOutputStream());
        writer.writeTo(out);
        return out.digest();
    }

    /** True if {@code s} is 32 lower-case hex digits. */
    public static boolean isMd5Hex(String s) {
        if (s == null || s.length() != 32) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /** A fresh md5 {@link MessageDigest}; every Java platform has md5. */
    static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java platform has no MD5", e);
        }
    }

    /** Lower-case hex of {@code bytes}. */
    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }
}
