package org.movierec.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * For tests of a service's HTTP edge: requests as raw bytes (no client library would send an HTTP/1.1 request
 * without {@code Host}, or a method named {@code FOO}), and a capture of the log records at ERROR or above.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /**
     * Sends {@code request} as it is to 127.0.0.1:{@code port} and answers what the server wrote until it closed the
     * connection, a JSON body ended, or 2 s passed without a byte.
     */
    public static String send(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(2_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder answer = new StringBuilder();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    answer.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                    if (answer.indexOf("\r\n\r\n") > 0 && answer.toString().endsWith("}")) {
                        break;
                    }
                }
            } catch (SocketTimeoutException e) {
                // the server keeps the connection open: what arrived is the answer
            }
            return answer.toString();
        }
    }

    /**
     * What a service at 127.0.0.1:{@code port} (in this JVM) answers an HTTP/1.1 request without {@code Host}, and
     * the ERROR lines it logged meanwhile: every service must answer a 400 problem and log no ERROR for it.
     */
    public static EdgeAnswer withoutHost(int port) throws IOException {
        try (ErrorRecords errors = new ErrorRecords()) {
            String answer = send(port, "GET /q/health/live HTTP/1.1\r\n\r\n");
            return new EdgeAnswer(answer, errors.messages());
        }
    }

    /**
     * A raw answer and the ERROR lines logged while it was made.
     *
     * @param text the bytes the server wrote, as ISO-8859-1 text
     * @param errorLines the ERROR records logged meanwhile ({@link ErrorRecords#messages()})
     */
    public record EdgeAnswer(String text, List<String> errorLines) {
    }

    /** Collects the records at ERROR (SEVERE) or above logged in this JVM while it is open. */
    public static final class ErrorRecords implements AutoCloseable {

        private final List<LogRecord> records = new CopyOnWriteArrayList<>();
        private final Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    records.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };

        /** Starts collecting (on the root logger, which Quarkus' log manager serves in a {@code @QuarkusTest}). */
        public ErrorRecords() {
            Logger.getLogger("").addHandler(handler);
        }

        /** The messages collected so far. */
        public List<String> messages() {
            return records.stream().map(r -> r.getLoggerName() + ": " + r.getMessage()).toList();
        }

        @Override
        public void close() {
            Logger.getLogger("").removeHandler(handler);
        }
    }
}
