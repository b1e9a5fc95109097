package org.movierec.router.experiments;

import java.util.List;

/** An admin change that is invalid: 400 with every problem; nothing was written. */
public class InvalidChangeException extends RuntimeException {

    private final List<String> problems;

    public InvalidChangeException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public InvalidChangeException(String problem) {
        this(List.of(problem));
    }

    /** Every problem found, one sentence each. */
    public List<String> problems() {
        return problems;
    }
}
