package org.movierec.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Set;

/** One recsys command. */
interface Command {

    /** Options of this command that take no value. */
    default Set<String> flags() {
        return Set.of("skip-bad-lines");
    }

    void run(Args args, PrintStream out, PrintStream err) throws IOException;
}
