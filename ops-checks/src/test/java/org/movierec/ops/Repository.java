package org.movierec.ops;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository the operational files live in, found from the tests' working directory (the ops-checks module). */
public final class Repository {

    private Repository() {
    }

    /**
     * The nearest ancestor of the working directory that holds {@code mvnw} and {@code ops-checks/}.
     *
     * @return the repository root
     * @throws IllegalStateException if there is none
     */
    public static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("ops-checks"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root (mvnw and ops-checks/) above " + Path.of("").toAbsolutePath());
    }
}
