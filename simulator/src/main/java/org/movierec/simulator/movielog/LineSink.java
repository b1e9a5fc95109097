package org.movierec.simulator.movielog;

/** Where {@code movielog} lines go: Kafka in the application ({@link MovielogWriter}), a list in unit tests. */
public interface LineSink {

    /** Writes one line of user {@code userId}, of the given kind. Never blocks for long. */
    void write(long userId, String line, LineKind kind);
}
