package org.movierec.ops.k8s;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's root directory, found from the test's working directory (the ops-checks module). */
final class Repository {

    private Repository() {
    }

    /**
     * The nearest ancestor of the working directory that holds {@code mvnw} and {@code k8s/}.
     *
     * @return the repository root
     * @throws IllegalStateException if there is none
     */
    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("k8s"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root (mvnw and k8s/) above " + Path.of("").toAbsolutePath());
    }
}
