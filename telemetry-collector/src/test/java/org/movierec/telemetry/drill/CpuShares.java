package org.movierec.telemetry.drill;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the machine's CPU goes during a phase of the load driver (Linux only): CPU time per thread of the JVMs
 * (grouped by thread name, digits folded, as the kernel keeps the first 15 characters) and per PostgreSQL process
 * (grouped by what it is: a client backend, the WAL writer, the checkpointer...), read from {@code /proc} at the
 * start and the end of the phase. Threads and processes that ended within the phase are missing from it.
 */
final class CpuShares {

    /** Clock ticks per second of {@code /proc/<pid>/stat} ({@code getconf CLK_TCK}: 100 on Linux builds here). */
    private static final double TICKS_PER_SECOND = 100;

    private final Map<String, Long> ticksAtStart;
    private final long nanosAtStart = System.nanoTime();
    private final Map<String, Long> pids;

    /**
     * Starts the phase.
     *
     * @param pids what to watch, by label: a JVM's pid (its threads), or a PostgreSQL postmaster's (its children)
     */
    CpuShares(Map<String, Long> pids) {
        this.pids = pids;
        this.ticksAtStart = ticks();
    }

    /** The postmaster's pid, the first line of {@code postmaster.pid} in the data directory; -1 if none. */
    static long postmaster(Path dataDir) {
        try {
            return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The groups that took at least {@code minShare} of one core since the start, largest first, as report lines. */
    List<String> report(double minShare) {
        double wall = (System.nanoTime() - nanosAtStart) / 1e9;
        Map<String, Long> now = ticks();
        List<Map.Entry<String, Long>> used = new ArrayList<>();
        long total = 0;
        for (Map.Entry<String, Long> e : now.entrySet()) {
            long d = e.getValue() - ticksAtStart.getOrDefault(e.getKey(), 0L);
            total += d;
            if (d / TICKS_PER_SECOND / wall >= minShare) {
                used.add(Map.entry(e.getKey(), d));
            }
        }
        used.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        List<String> lines = new ArrayList<>();
        lines.add(String.format("CPU of the watched processes over %.1f s: %.1f s (%.0f %% of one core), by thread or"
                + " process (>= %.0f %% of one core):", wall, total / TICKS_PER_SECOND, 100 * total / TICKS_PER_SECOND / wall,
                100 * minShare));
        for (Map.Entry<String, Long> e : used) {
            lines.add(String.format("  %-48s %6.1f s  %4.0f %%", e.getKey(), e.getValue() / TICKS_PER_SECOND,
                    100 * e.getValue() / TICKS_PER_SECOND / wall));
        }
        return lines;
    }

    /** Ticks (user + system) per group now. */
    private Map<String, Long> ticks() {
        Map<String, Long> byGroup = new HashMap<>();
        pids.forEach((label, pid) -> {
            if (pid <= 0) {
                return;
            }
            if (label.startsWith("postgres")) {
                ProcessHandle.of(pid).ifPresent(postmaster -> postmaster.children().forEach(child -> {
                    Path proc = Path.of("/proc", Long.toString(child.pid()));
                    byGroup.merge(label + ": " + postgresRole(proc), stat(proc.resolve("stat")), Long::sum);
                }));
                byGroup.merge(label + ": postmaster", stat(Path.of("/proc", Long.toString(pid), "stat")), Long::sum);
            } else {
                try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
                    tasks.forEach(task -> byGroup.merge(label + ": " + threadGroup(task), stat(task.resolve("stat")),
                            Long::sum));
                } catch (IOException e) {
                    // the process has ended
                }
            }
        });
        return byGroup;
    }

    /** utime + stime of a {@code stat} file (fields 14 and 15, after the parenthesised name); 0 if gone. */
    private static long stat(Path stat) {
        try {
            String s = Files.readString(stat, StandardCharsets.US_ASCII);
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** A thread's name with its digits folded to {@code #} (GC Thread#0 and #1 are one group). */
    private static String threadGroup(Path task) {
        try {
            return Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).trim().replaceAll("[0-9]+", "#");
        } catch (IOException e) {
            return "?";
        }
    }

    /** What a PostgreSQL child process is, from its title ({@code postgres: walwriter}, or a backend's user and database). */
    private static String postgresRole(Path proc) {
        try {
            String title = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ').trim();
            String role = title.startsWith("postgres: ") ? title.substring("postgres: ".length()) : title;
            // a client backend's title is "user database host(port) state": keep user and database
            String[] words = role.split(" ");
            return words.length >= 3 && words[2].contains("(") ? "backend " + words[0] + " " + words[1] : role;
        } catch (IOException e) {
            return "?";
        }
    }
}
