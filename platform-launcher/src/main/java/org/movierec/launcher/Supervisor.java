package org.movierec.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the local stack's service processes running, as a process manager would in production.
 *
 * <p>A child that exits while nobody asked it to is reported on the console at once (its name, exit code and the
 * last lines of its log) and started again after a backoff that doubles with every exit inside the
 * {@linkplain Policy#window() window} (1 s, 2 s, 4 s ... capped at 30 s by default), so a service that cannot start
 * does not spin. When {@link Policy#repeatedExits()} exits fall inside the window the report says the service is
 * crashing repeatedly: restarting alone will not fix it and someone should read its log. After a restart the
 * supervisor waits until the child is ready and says so.
 *
 * <p>Intentional stops are not restarted: {@link #hold} (a drill taking a service down, or a hold file written into
 * the {@linkplain #watchHoldFiles control directory} by {@code bin/drill}) and {@link #close()} (the stack stopping).
 * Every start gets a generation number; the exit of an older generation is never taken for a crash of the current
 * one, so a hold released while the old process is still being reaped does not cause a second start.
 */
final class Supervisor implements AutoCloseable {

    /** Log lines shown with a crash report. */
    static final int TAIL_LINES = 10;
    /** The suffix of a hold file in the control directory: {@code <name>.hold} keeps {@code <name>} stopped. */
    static final String HOLD_SUFFIX = ".hold";

    /** What a supervisor runs: a named child process it can start, stop, wait for and read the log of. */
    interface Child {

        /** The name shown on the console (the service's module name). */
        String name();

        /**
         * Starts the process and returns at once.
         *
         * @return completes with the exit code when this process exits
         */
        CompletableFuture<Integer> start();

        /** Stops the process gracefully (forcibly if it takes too long) and waits for it; nothing if not running. */
        void stop();

        /** The last {@code lines} lines of its log. */
        String logTail(int lines);

        /**
         * Blocks until the process serves again.
         *
         * @throws RuntimeException if it exits first or does not become ready in time
         */
        void awaitReady();
    }

    /**
     * When to restart and when to call it a crash loop.
     *
     * @param firstDelay the backoff after a first exit
     * @param maxDelay the cap of the doubling backoff
     * @param repeatedExits exits inside {@code window} from which the report says "crashing repeatedly"
     * @param window how far back exits count (for the backoff and the repeated-crash report)
     */
    record Policy(Duration firstDelay, Duration maxDelay, int repeatedExits, Duration window) {

        Policy {
            if (firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0 || repeatedExits < 2 || window.isNegative()) {
                throw new IllegalArgumentException("invalid supervision policy: " + firstDelay + ", " + maxDelay + ", "
                        + repeatedExits + ", " + window);
            }
        }

        /** 1 s doubling to 30 s; three exits within two minutes are a crash loop. */
        static Policy defaults() {
            return new Policy(Duration.ofSeconds(1), Duration.ofSeconds(30), 3, Duration.ofMinutes(2));
        }

        /** The backoff before the restart that follows the {@code recentExits}-th exit inside the window. */
        Duration delayAfter(int recentExits) {
            Duration delay = firstDelay;
            for (int i = 1; i < recentExits && delay.compareTo(maxDelay) < 0; i++) {
                delay = delay.multipliedBy(2);
            }
            return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
        }
    }

    /** One supervised child and what the supervisor knows of it; guarded by the supervisor's lock. */
    private static final class Entry {
        final Child child;
        final Deque<Long> exitNanos = new ArrayDeque<>();
        long generation;
        boolean held;
        boolean heldByFile;

        Entry(Child child) {
            this.child = child;
        }
    }

    private final Progress console;
    private final Policy policy;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(daemon("supervisor"));
    private final ExecutorService waiters = Executors.newCachedThreadPool(daemon("supervisor-wait"));
    private boolean closed;

    Supervisor(Progress console, Policy policy) {
        this.console = console;
        this.policy = policy;
    }

    /** Starts {@code child} and restarts it whenever it exits unexpectedly. */
    synchronized void start(Child child) {
        if (entries.containsKey(child.name())) {
            throw new IllegalArgumentException(child.name() + " is already supervised");
        }
        Entry entry = new Entry(child);
        entries.put(child.name(), entry);
        launch(entry);
    }

    /**
     * Stops a child on purpose: it stays stopped, and is not reported, until {@link #release}.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    void hold(String name, String reason) {
        Entry entry;
        synchronized (this) {
            entry = entry(name);
            if (entry.held) {
                return;
            }
            entry.held = true;
        }
        console.step(name + " stopped on purpose (" + reason + "); not restarted until released");
        entry.child.stop();
    }

    /** Starts a held child again and reports when it is ready; nothing if it is not held. */
    void release(String name) {
        synchronized (this) {
            Entry entry = entry(name);
            if (!entry.held || closed) {
                return;
            }
            entry.held = false;
            entry.heldByFile = false;
            console.step("starting " + name + " again (released)");
            launch(entry);
            awaitReadyInBackground(entry, name + " is ready again");
        }
    }

    /** Whether {@code name} exited {@link Policy#repeatedExits()} times or more within the window. */
    synchronized boolean crashLooping(String name) {
        Entry entry = entry(name);
        pruneExits(entry, System.nanoTime());
        return entry.exitNanos.size() >= policy.repeatedExits();
    }

    /** Whether {@code name} is held stopped. */
    synchronized boolean held(String name) {
        return entry(name).held;
    }

    /**
     * Holds a child while {@code <controlDir>/<name>.hold} exists and releases it when the file is removed (checked
     * every {@code interval}). This is how {@code bin/drill}, another process, takes a service down without the
     * supervisor fighting it. Stale hold files from an earlier run are removed first.
     */
    void watchHoldFiles(Path controlDir, Duration interval) {
        try {
            Files.createDirectories(controlDir);
            for (String name : names()) {
                Files.deleteIfExists(controlDir.resolve(name + HOLD_SUFFIX));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare the control directory " + controlDir, e);
        }
        scheduler.scheduleWithFixedDelay(() -> checkHoldFiles(controlDir), interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void checkHoldFiles(Path controlDir) {
        for (String name : names()) {
            boolean exists = Files.exists(controlDir.resolve(name + HOLD_SUFFIX));
            boolean heldByFile;
            synchronized (this) {
                heldByFile = entries.get(name).heldByFile;
            }
            if (exists && !heldByFile) {
                synchronized (this) {
                    entries.get(name).heldByFile = true;
                }
                // stopping takes up to 20 s: not on the scheduler, which must keep reporting crashes
                waiters.execute(() -> hold(name, "hold file " + controlDir.resolve(name + HOLD_SUFFIX)));
            } else if (!exists && heldByFile) {
                release(name);
            }
        }
    }

    /** Stops supervising (nothing is restarted after this); the caller stops the children. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        scheduler.shutdownNow();
        waiters.shutdownNow();
    }

    private synchronized List<String> names() {
        return List.copyOf(entries.keySet());
    }

    private Entry entry(String name) {
        Entry entry = entries.get(name);
        if (entry == null) {
            throw new IllegalArgumentException("not supervised: " + name + " (known: " + entries.keySet() + ")");
        }
        return entry;
    }

    /** Starts the child and watches this generation's exit. Caller holds the lock. */
    private void launch(Entry entry) {
        long generation = ++entry.generation;
        CompletableFuture<Integer> exit;
        try {
            exit = entry.child.start();
        } catch (RuntimeException e) {
            console.step(entry.child.name() + " could not be started: " + e.getMessage());
            exit = CompletableFuture.completedFuture(-1);
        }
        exit.thenAccept(code -> {
            if (!scheduler.isShutdown()) {
                scheduler.execute(() -> exited(entry, generation, code));
            }
        });
    }

    private synchronized void exited(Entry entry, long generation, int code) {
        if (closed || entry.held || generation != entry.generation) {
            return;
        }
        String name = entry.child.name();
        long now = System.nanoTime();
        entry.exitNanos.addLast(now);
        pruneExits(entry, now);
        int recent = entry.exitNanos.size();
        console.step(name + " exited unexpectedly (exit code " + code + "); last lines of its log:");
        for (String line : entry.child.logTail(TAIL_LINES).split("\n", -1)) {
            console.detail("| " + line);
        }
        if (recent >= policy.repeatedExits()) {
            console.detail(name + " is crashing repeatedly: " + recent + " exits in " + human(policy.window())
                    + "; read its log");
        }
        Duration delay = policy.delayAfter(recent);
        console.detail("restarting " + name + " in " + human(delay));
        scheduler.schedule(() -> restart(entry, generation), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void pruneExits(Entry entry, long now) {
        while (!entry.exitNanos.isEmpty() && now - entry.exitNanos.peekFirst() > policy.window().toNanos()) {
            entry.exitNanos.removeFirst();
        }
    }

    private synchronized void restart(Entry entry, long generation) {
        if (closed || entry.held || generation != entry.generation) {
            return;
        }
        launch(entry);
        console.detail("restarted " + entry.child.name() + "; waiting until it is ready");
        awaitReadyInBackground(entry, entry.child.name() + " is back and ready");
    }

    private void awaitReadyInBackground(Entry entry, String message) {
        long generation = entry.generation;
        waiters.execute(() -> {
            try {
                entry.child.awaitReady();
                console.detail(message);
            } catch (RuntimeException e) {
                boolean current;
                synchronized (this) {
                    current = !closed && generation == entry.generation && !entry.held;
                }
                if (current) {
                    String reason = String.valueOf(e.getMessage());
                    console.detail(entry.child.name() + " did not become ready: " + reason.lines().findFirst().orElse(""));
                }
            }
        });
    }

    /** "500 ms", "4 s", "2 min". */
    static String human(Duration d) {
        if (d.toMillis() < 1000 || d.toMillis() % 1000 != 0) {
            return d.toMillis() + " ms";
        }
        long s = d.toSeconds();
        return s >= 60 && s % 60 == 0 ? (s / 60) + " min" : String.format(Locale.ROOT, "%d s", s);
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
