package org.movierec.router.experiments;

import java.util.List;

/** An admin change that is invalid: 400 with every problem; nothing was written. */
public class InvalidChangeException extends RuntimeException {

    private final List<String> problems;

    public InvalidChangeException(List<String> problems) {
        super(summary(problems));
        this.problems = List.copyOf(problems);
    }

    public InvalidChangeException(String problem) {
        this(List.of(problem));
    }

    /**
     * The first few problems joined, and how many more there are: the message stays short however many problems a
     * large body has (the answer lists them, capped, see {@code Problem}).
     */
    private static String summary(List<String> problems) {
        int shown = Math.min(3, problems.size());
        String first = String.join("; ", problems.subList(0, shown));
        return shown == problems.size() ? first : first + "; and " + (problems.size() - shown) + " more problems";
    }

    /** Every problem found, one sentence each. */
    public List<String> problems() {
        return problems;
    }
}
