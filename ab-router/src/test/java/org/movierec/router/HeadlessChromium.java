package org.movierec.router;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's Chromium, headless, one run per call with a fresh profile directory (deleted afterwards) and
 * everything that would reach the network on its own (component updates, sync, QUIC, background
 * networking) turned off.
 *
 * <p><b>Console messages</b> come from {@code --enable-logging=stderr --v=0}: Chromium logs every message
 * of the page's console to stderr as a line containing {@code :CONSOLE}, for example a blocked external
 * image: {@code INFO:CONSOLE:0] "Loading the image 'http://…' violates the following Content Security
 * Policy directive …", source: …}. The log line's level is Chromium's, not the console message's, so
 * {@link Run#consoleLines} returns every console line; for the report page (no script at all) any is an
 * error. This needs no DevTools client (the alternative, {@code --remote-debugging-pipe}, speaks CDP over
 * file descriptors 3 and 4, which {@link ProcessBuilder} cannot hand over).
 */
final class HeadlessChromium {

    /** Where Debian's package puts it. */
    static final Path BINARY = Path.of("/usr/bin/chromium");

    /** A generous bound on one page load; a run that hangs is killed and reported, not waited for. */
    private static final long TIMEOUT_SECONDS = 120;

    private HeadlessChromium() {
    }

    /**
     * The result of one run.
     *
     * @param exitCode the process' exit code
     * @param stdout what it printed (the DOM with {@code --dump-dom})
     * @param stderr its log
     */
    record Run(int exitCode, String stdout, String stderr) {

        /** The page's console messages as Chromium logged them. */
        List<String> consoleLines() {
            return stderr.lines().filter(l -> l.contains(":CONSOLE")).toList();
        }
    }

    /** Fails, naming bin/setup, when Chromium is not installed. */
    static void require() {
        if (!Files.isExecutable(BINARY)) {
            throw new AssertionError(BINARY + " is missing: run bin/setup (installs Debian's chromium package)");
        }
    }

    /** Runs Chromium on {@code url} with {@code arguments} (e.g. {@code --dump-dom}). */
    static Run run(String url, String... arguments) throws IOException, InterruptedException {
        require();
        Path profile = Files.createTempDirectory("movierec-chromium-");
        Path out = Files.createTempFile("movierec-chromium-", ".out");
        Path err = Files.createTempFile("movierec-chromium-", ".err");
        try {
            List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox",
                    "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                    "--enable-logging=stderr", "--v=0"));
            command.addAll(List.of(arguments));
            command.add(url);
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("chromium did not finish within " + TIMEOUT_SECONDS + " s on " + url + "\n"
                        + Files.readString(err, StandardCharsets.UTF_8));
            }
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
