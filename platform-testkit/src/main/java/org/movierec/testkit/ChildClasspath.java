package org.movierec.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;

/**
 * The class path of a child JVM that runs a server from jars this JVM already has.
 *
 * <p>Built from this JVM's {@code java.class.path} (or an explicit class path): jars that list further jars in
 * their manifest's {@code Class-Path} (a Surefire manifest-only jar, a launcher jar) are expanded, and Quarkus
 * jars are left out, because Quarkus' bootstrap jar takes over JBoss LogManager and would swallow the child's
 * log; the servers started here need nothing from Quarkus.
 */
public final class ChildClasspath {

    private static final Pattern LEFT_OUT = Pattern.compile("quarkus-.*\\.jar");

    private final List<Path> entries;

    private ChildClasspath(List<Path> entries) {
        this.entries = List.copyOf(entries);
    }

    /** @return the class path of this JVM, expanded and filtered */
    public static ChildClasspath ofThisJvm() {
        return of(System.getProperty("java.class.path"));
    }

    /**
     * @param classpath a class path in the platform's format (entries separated by {@link File#pathSeparator})
     * @return that class path, expanded and filtered
     */
    public static ChildClasspath of(String classpath) {
        Set<Path> result = new LinkedHashSet<>();
        for (String entry : classpath.split(Pattern.quote(File.pathSeparator))) {
            if (!entry.isBlank()) {
                add(Paths.get(entry).toAbsolutePath().normalize(), result);
            }
        }
        return new ChildClasspath(new ArrayList<>(result));
    }

    private static void add(Path entry, Set<Path> result) {
        if (LEFT_OUT.matcher(entry.getFileName() == null ? "" : entry.getFileName().toString()).matches()
                || !result.add(entry)) {
            return;
        }
        if (Files.isRegularFile(entry) && entry.toString().endsWith(".jar")) {
            for (Path referenced : manifestClassPath(entry)) {
                add(referenced, result);
            }
        }
    }

    private static List<Path> manifestClassPath(Path jar) {
        List<Path> referenced = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String value = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (value == null) {
                return referenced;
            }
            URL base = jar.toUri().toURL();
            for (String item : value.trim().split("\\s+")) {
                Path path = Paths.get(new URL(base, item).toURI()).normalize();
                if (Files.exists(path)) {
                    referenced.add(path);
                }
            }
        } catch (IOException | URISyntaxException | IllegalArgumentException e) {
            // not a readable jar or an unusual Class-Path entry: keep the jar itself only
        }
        return referenced;
    }

    /** @return the entries, in order */
    public List<Path> entries() {
        return entries;
    }

    /**
     * @param className a fully qualified class name
     * @return true if a class of that name is on this class path
     */
    public boolean contains(String className) {
        URL[] urls = new URL[entries.size()];
        try {
            for (int i = 0; i < urls.length; i++) {
                urls[i] = entries.get(i).toUri().toURL();
            }
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
        try (URLClassLoader loader = new URLClassLoader(urls, null)) {
            return loader.findResource(className.replace('.', '/') + ".class") != null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the class path as one string for {@code java -cp} */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>(entries.size());
        for (Path entry : entries) {
            parts.add(entry.toString());
        }
        return String.join(File.pathSeparator, parts);
    }
}
