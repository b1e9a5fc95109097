package org.movierec.launcher;

import java.io.PrintStream;
import java.util.Locale;

/** Prints the launcher's steps with the seconds elapsed since it started, so a user sees it working. */
public final class Progress {

    private final PrintStream out;
    private final long startNanos = System.nanoTime();

    public Progress(PrintStream out) {
        this.out = out;
    }

    /** A step begins. */
    public void step(String what) {
        out.printf(Locale.ROOT, "==> [%5.1f s] %s%n", seconds(), what);
        out.flush();
    }

    /** A detail of the current step. */
    public void detail(String what) {
        out.printf(Locale.ROOT, "             %s%n", what);
        out.flush();
    }

    /** Seconds since the launcher started. */
    public double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
