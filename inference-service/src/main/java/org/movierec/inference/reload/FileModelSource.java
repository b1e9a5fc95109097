package org.movierec.inference.reload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import org.movierec.core.model.ModelFile;
import org.movierec.core.model.SvdModel;

/**
 * Standalone mode: serves one model file, named {@code file-<first 12 hex of its md5>}. A change of
 * the file's size or modification time makes a new version, loaded and swapped in like any other;
 * write the new file elsewhere and rename it over the old one so a reader never sees half a file.
 */
public final class FileModelSource implements ModelSource {

    private final Path file;
    private long seenSize = -1;
    private long seenModified = -1;
    private String seenVersion;
    private SvdModel pending;
    private String pendingMd5;

    public FileModelSource(Path file) {
        this.file = file;
    }

    @Override
    public synchronized Wanted wanted() throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("model file " + file + " does not exist");
        }
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        long size = attributes.size();
        long modified = attributes.lastModifiedTime().toMillis();
        if (size != seenSize || modified != seenModified) {
            // A changed file is read once, whatever its fate: a bad file is reported once and the
            // version already loaded keeps serving until the file changes again.
            seenSize = size;
            seenModified = modified;
            MessageDigest md5 = md5();
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), md5)) {
                pending = ModelFile.read(in);
            }
            pendingMd5 = HexFormat.of().formatHex(md5.digest());
            seenVersion = "file-" + pendingMd5.substring(0, 12);
        }
        if (seenVersion == null) {
            throw new IOException("model file " + file + " has not been readable yet");
        }
        return new Wanted(Set.of(seenVersion), seenVersion);
    }

    @Override
    public synchronized Artifact load(String version) throws IOException {
        if (!version.equals(seenVersion) || pending == null) {
            throw new IOException("version " + version + " is not the current model file (" + seenVersion + ")");
        }
        Artifact artifact = new Artifact(pending, pendingMd5);
        pending = null; // the store keeps it from here
        return artifact;
    }

    @Override
    public String describe() {
        return "model file " + file;
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
