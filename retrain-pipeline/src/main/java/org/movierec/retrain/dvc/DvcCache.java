package org.movierec.retrain.dvc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A content-addressed store in DVC 3.x's cache layout: the object with md5 {@code abcdef...} lives at
 * {@code <root>/files/md5/ab/cdef...}; a directory is stored as its files plus its {@code .dir} manifest
 * at {@code <root>/files/md5/xy/z....dir}. Such a directory works as a DVC cache ({@code .dvc/cache}) and
 * as a local DVC remote, so {@code dvc pull} and {@code dvc status} agree with what was recorded here.
 *
 * <p>Objects are written to a temporary file and moved into place, so a reader never sees half an
 * object; an object already present is not written again.
 *
 * <h2>Read-only objects, as DVC leaves them</h2>
 * <p>Every object and {@code .dir} manifest is made {@code r--r--r--} ({@link #OBJECT_MODE}) before it is
 * moved into place: dvc-data's {@code LocalHashFileDB.protect} chmods cache files to its
 * {@code CACHE_MODE = 0o444} (dvc-data, {@code src/dvc_data/hashfile/db/local.py}), and its {@code check}
 * trusts an object whose mode is exactly 0444 without rehashing it. A temporary file starts 0600
 * ({@link Files#createTempFile}), which left objects unreadable for anyone but the service's user: a
 * {@code dvc pull} from this directory by another user failed with "Permission denied". Directories get the
 * process's default (DVC: {@code 0o777 & ~umask}). On a file system without POSIX permissions the mode is
 * left as it is (DVC, too, treats a failed protect as not fatal).
 */
public final class DvcCache {

    /** The mode of every object and manifest: {@code r--r--r--}, dvc-data's {@code CACHE_MODE = 0o444}. */
    public static final Set<PosixFilePermission> OBJECT_MODE = PosixFilePermissions.fromString("r--r--r--");

    private final Path root;

    /** A cache rooted at {@code root} (created on first store). */
    public DvcCache(Path root) {
        this.root = Objects.requireNonNull(root, "root");
    }

    public Path root() {
        return root;
    }

    /** Where the object with hash {@code md5} (optionally ending in {@code .dir}) lives. */
    public Path pathOf(String md5) {
        if (!md5.matches("[0-9a-f]{32}(\\.dir)?")) {
            throw new IllegalArgumentException("not an md5: " + md5);
        }
        return root.resolve("files").resolve("md5").resolve(md5.substring(0, 2)).resolve(md5.substring(2));
    }

    /** Whether the object is present. */
    public boolean contains(String md5) {
        return Files.isRegularFile(pathOf(md5));
    }

    /**
     * Hashes {@code target} (a file or a directory), stores it and returns its record under the name
     * {@code path}.
     */
    public DvcOutput store(Path target, String path) throws IOException {
        return store(target, path, null);
    }

    /**
     * Hashes {@code target} (a file or a directory, leaving out what {@code ignore} ignores; {@code null}: nothing),
     * stores it and returns its record under the name {@code path}.
     */
    public DvcOutput store(Path target, String path, DvcIgnore ignore) throws IOException {
        if (Files.isDirectory(target)) {
            List<TreeEntry> entries = DvcHash.tree(target, ignore);
            for (TreeEntry e : entries) {
                put(target.resolve(e.relpath()), e.md5());
            }
            String manifest = DvcHash.treeJson(entries);
            String md5 = DvcHash.md5(manifest.getBytes(StandardCharsets.UTF_8)) + DvcHash.DIR_SUFFIX;
            if (!contains(md5)) {
                Path tmp = temp(md5);
                Files.writeString(tmp, manifest, StandardCharsets.UTF_8);
                publish(tmp, pathOf(md5));
            } else {
                heal(pathOf(md5));
            }
            long size = entries.stream().mapToLong(TreeEntry::size).sum();
            return new DvcOutput(path, md5, size, entries.size());
        }
        String md5 = DvcHash.md5(target);
        put(target, md5);
        return new DvcOutput(path, md5, Files.size(target), null);
    }

    private void put(Path file, String md5) throws IOException {
        if (contains(md5)) {
            heal(pathOf(md5));
            return;
        }
        Path tmp = temp(md5);
        Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING);
        publish(tmp, pathOf(md5));
    }

    private Path temp(String md5) throws IOException {
        Path target = pathOf(md5);
        Files.createDirectories(target.getParent());
        return Files.createTempFile(target.getParent(), ".tmp-", "");
    }

    private static void publish(Path tmp, Path target) throws IOException {
        protect(tmp);
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Makes an object an earlier version left 0600 read-only for all; one another user owns stays as it is
     * (it is that user's to change, and DVC reads it either way once it is readable).
     */
    private static void heal(Path object) {
        try {
            if (!Files.getPosixFilePermissions(object).equals(OBJECT_MODE)) {
                Files.setPosixFilePermissions(object, OBJECT_MODE);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // not ours, or no POSIX permissions: leave it
        }
    }

    private static void protect(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, OBJECT_MODE);
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing to protect with
        }
    }
}
