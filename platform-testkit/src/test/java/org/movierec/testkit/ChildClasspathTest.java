package org.movierec.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildClasspathTest {

    @TempDir
    Path tmp;

    @Test
    void expandsManifestClassPathAndLeavesQuarkusOut() throws IOException {
        Path lib = Files.createDirectories(tmp.resolve("lib"));
        Path kafka = jar(lib.resolve("kafka_2.13-4.1.2.jar"), null);
        jar(lib.resolve("quarkus-bootstrap-runner-3.33.2.jar"), null);
        Path launcher = jar(tmp.resolve("launcher.jar"),
                "lib/kafka_2.13-4.1.2.jar lib/quarkus-bootstrap-runner-3.33.2.jar lib/missing.jar");

        ChildClasspath classpath = ChildClasspath.of(launcher + java.io.File.pathSeparator + kafka);

        assertThat(classpath.entries()).containsExactly(launcher, kafka);
    }

    @Test
    void findsClassesOnThisJvmsClasspath() {
        ChildClasspath classpath = ChildClasspath.ofThisJvm();

        assertThat(classpath.contains("kafka.Kafka")).isTrue();
        assertThat(classpath.contains("org.movierec.testkit.KafkaBrokerMain")).isTrue();
        assertThat(classpath.contains("org.movierec.testkit.NoSuchClass")).isFalse();
        assertThat(classpath.toString()).doesNotContain("quarkus-bootstrap-runner");
    }

    private static Path jar(Path path, String classPath) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (classPath != null) {
            manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
        }
        try (OutputStream out = Files.newOutputStream(path); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
        return path.toAbsolutePath().normalize();
    }
}
