package org.movierec.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A directory that holds a server's data: either one the caller gave (kept on close) or a fresh temporary one
 * (deleted on close).
 */
public final class DataDirectory {

    private final Path path;
    private final boolean temporary;

    private DataDirectory(Path path, boolean temporary) {
        this.path = path;
        this.temporary = temporary;
    }

    /**
     * Uses {@code given} if it is not null (creating it if needed), otherwise a new temporary directory.
     *
     * @param given the directory to use, or null for a temporary one
     * @param tempPrefix the name prefix of a temporary directory
     * @return the data directory
     */
    public static DataDirectory givenOrTemporary(Path given, String tempPrefix) {
        try {
            if (given != null) {
                return new DataDirectory(Files.createDirectories(given.toAbsolutePath()), false);
            }
            return new DataDirectory(Files.createTempDirectory(tempPrefix).toAbsolutePath(), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory", e);
        }
    }

    /** @return the absolute path of the directory */
    public Path path() {
        return path;
    }

    /** @return true if the directory was created here and is deleted by {@link #deleteIfTemporary()} */
    public boolean isTemporary() {
        return temporary;
    }

    /** Deletes the directory and everything in it if it is temporary; a given directory is kept. */
    public void deleteIfTemporary() {
        if (temporary) {
            deleteRecursively(path);
        }
    }

    /**
     * Deletes a directory tree; files that vanish meanwhile are ignored.
     *
     * @param root the directory to delete
     */
    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }

    @Override
    public String toString() {
        return path + (temporary ? " (temporary)" : "");
    }
}
