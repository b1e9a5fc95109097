package org.movierec.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {

    @TempDir
    Path tmp;

    @Test
    void temporaryDirectoryIsDeletedWithItsContent() throws IOException {
        DataDirectory dir = DataDirectory.givenOrTemporary(null, "testkit-");
        Files.writeString(Files.createDirectories(dir.path().resolve("a/b")).resolve("c.txt"), "x");
        assertThat(dir.isTemporary()).isTrue();

        dir.deleteIfTemporary();

        assertThat(dir.path()).doesNotExist();
    }

    @Test
    void givenDirectoryIsCreatedAndKept() {
        DataDirectory dir = DataDirectory.givenOrTemporary(tmp.resolve("data/kafka"), "unused-");
        assertThat(dir.path()).isDirectory();

        dir.deleteIfTemporary();

        assertThat(dir.path()).isDirectory();
    }
}
