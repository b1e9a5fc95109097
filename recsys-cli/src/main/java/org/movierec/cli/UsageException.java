package org.movierec.cli;

/** A bad command line: the CLI prints the message and the usage, and exits with 2. */
final class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message);
    }
}
