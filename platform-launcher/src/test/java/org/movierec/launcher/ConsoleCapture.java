package org.movierec.launcher;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** The launcher's console as a test sees it: printed to {@code System.out} and kept to be searched. */
final class ConsoleCapture extends OutputStream {

    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

    /** A print stream writing here. */
    PrintStream printStream() {
        return new PrintStream(this, true, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(int b) {
        kept.write(b);
        System.out.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        kept.write(b, off, len);
        System.out.write(b, off, len);
    }

    @Override
    public void flush() {
        System.out.flush();
    }

    /** Everything printed so far. */
    synchronized String text() {
        return kept.toString(StandardCharsets.UTF_8);
    }
}
