package org.movierec.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writing the launcher's small text files (configurations, hold files, addresses) whole or not at all. */
final class TextFiles {

    private TextFiles() {
    }

    /**
     * Writes {@code text} to {@code file}, creating its directory: into a sibling first, then moved over the file in
     * one step, so a reader (a tool starting, bin/drill, a smoke script) never sees half of it.
     *
     * @throws UncheckedIOException naming the file when it cannot be written
     */
    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            Files.writeString(partial, text, StandardCharsets.UTF_8);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
