package org.movierec.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * A MongoDB wire-compatible server (mongo-java-server) in this JVM on 127.0.0.1, for the model registry,
 * experiments and GridFS artifacts.
 *
 * <p>By default the data lives in memory and is lost on {@link #stop()}. With {@link Builder#h2File(Path)} it is
 * kept in an H2 MVStore file and survives stop, start and JVM restarts. Port 0 (default) picks a free port on the
 * first start and keeps it for restarts.
 *
 * <pre>{@code
 * try (MongoServer mongo = MongoServer.builder().build()) {
 *     String uri = mongo.start();   // mongodb://127.0.0.1:<port>
 * }
 * }</pre>
 */
public final class MongoServer implements AutoCloseable {

    private final Path h2File;
    private int port;
    private de.bwaldvogel.mongo.MongoServer server;

    private MongoServer(Builder builder) {
        this.h2File = builder.h2File == null ? null : builder.h2File.toAbsolutePath();
        this.port = builder.port;
    }

    /** @return a builder with the defaults: in memory, free port */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds the server to 127.0.0.1.
     *
     * @return the connection string, {@code mongodb://127.0.0.1:<port>}
     * @throws IllegalStateException if it is already running
     */
    public synchronized String start() {
        if (server != null) {
            throw new IllegalStateException("MongoDB server already running at " + connectionString());
        }
        de.bwaldvogel.mongo.MongoServer started = new de.bwaldvogel.mongo.MongoServer(openBackend());
        // One acceptor and two I/O threads are plenty for tests and a local platform on two cores.
        started.bind(new InetSocketAddress("127.0.0.1", port), 1, 2);
        port = started.getLocalAddress().getPort();
        server = started;
        return connectionString();
    }

    /**
     * Closes all client connections and shuts the server down; an H2 file is flushed and closed, in-memory data
     * is dropped. Does nothing if it is not running.
     */
    public synchronized void stop() {
        if (server != null) {
            server.shutdownNow();
            server = null;
        }
    }

    /** Same as {@link #stop()}; an H2 file is kept. */
    @Override
    public void close() {
        stop();
    }

    /** @return true if the server is accepting connections */
    public synchronized boolean isRunning() {
        return server != null;
    }

    /** @return {@code mongodb://127.0.0.1:<port>} (the port is known after the first start) */
    public synchronized String connectionString() {
        return "mongodb://127.0.0.1:" + port;
    }

    /** @return the port, 0 before the first start if it was left free */
    public synchronized int port() {
        return port;
    }

    /** @return true if the data is kept in an H2 file */
    public boolean isPersistent() {
        return h2File != null;
    }

    private MongoBackend openBackend() {
        if (h2File == null) {
            return new MemoryBackend();
        }
        try {
            if (h2File.getParent() != null) {
                Files.createDirectories(h2File.getParent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory of " + h2File, e);
        }
        return new H2Backend(h2File.toString());
    }

    @Override
    public String toString() {
        return "MongoServer[" + connectionString() + (h2File == null ? ", in memory" : ", " + h2File) + "]";
    }

    /** Options of a {@link MongoServer}. */
    public static final class Builder {

        private Path h2File;
        private int port;

        private Builder() {
        }

        /**
         * @param port the port; 0 (default) for a free one
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * @param file an H2 MVStore file that keeps the data across restarts (created if absent); null (default)
         *     keeps the data in memory
         * @return this builder
         */
        public Builder h2File(Path file) {
            this.h2File = file;
            return this;
        }

        /** @return a server with these options, not yet started */
        public MongoServer build() {
            return new MongoServer(this);
        }
    }
}
