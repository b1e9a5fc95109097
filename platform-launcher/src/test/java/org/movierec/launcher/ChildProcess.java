package org.movierec.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real child process the {@link Supervisor} can start, stop and read the log of; subclasses say what it runs and
 * when it is ready. The tests' stand-ins for the stack's {@code ServiceProcess}.
 */
abstract class ChildProcess implements Supervisor.Child {

    private final String name;
    private final Path log;
    private volatile Process process;

    ChildProcess(String name, Path log) {
        this.name = name;
        this.log = log;
    }

    /** The command of the next start (its output goes to the log). */
    abstract List<String> nextCommand();

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final CompletableFuture<Integer> start() {
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            process = new ProcessBuilder(nextCommand()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return process.onExit().thenApply(Process::exitValue);
    }

    @Override
    public final void stop() {
        Process p = process;
        if (p != null && p.isAlive()) {
            p.destroy();
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public final String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** Whether the process of the last start is running. */
    final boolean alive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /** Whether the process of the last start has exited (false before the first start). */
    final boolean exited() {
        Process p = process;
        return p != null && !p.isAlive();
    }
}
