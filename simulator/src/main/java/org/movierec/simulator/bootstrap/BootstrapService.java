package org.movierec.simulator.bootstrap;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.movierec.simulator.SimulatorConfig;
import org.movierec.simulator.catalog.World;
import org.movierec.simulator.movielog.LineKind;
import org.movierec.simulator.movielog.LineSink;
import org.movierec.simulator.movielog.MovielogWriter;

/**
 * Runs the bootstrap history at most once per data directory ({@link BootstrapMarker}): on
 * {@code POST /admin/bootstrap}, or at startup with {@code simulator.bootstrap.at-startup=true}
 * (in the background). A bootstrap whose lines Kafka did not all acknowledge is {@code failed} and
 * leaves no marker, so it can be retried (lines that did arrive are then written again).
 */
@ApplicationScoped
public class BootstrapService {

    private static final Logger LOG = Logger.getLogger(BootstrapService.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    /** Where a bootstrap stands. */
    public enum State { NOT_STARTED, RUNNING, DONE, FAILED }

    @Inject
    SimulatorConfig config;

    @Inject
    World world;

    @Inject
    MovielogWriter writer;

    private BootstrapMarker marker;
    private volatile State state = State.NOT_STARTED;
    private volatile BootstrapSummary summary;
    private volatile String error;

    void start(@Observes StartupEvent event) {
        marker = new BootstrapMarker(Path.of(config.dataDir()));
        Optional<BootstrapSummary> done = marker.read();
        if (done.isPresent()) {
            summary = done.get();
            state = State.DONE;
            LOG.infof("bootstrap already done (%s): %d lines", marker.file(), summary.lines());
        } else if (config.bootstrap().atStartup()) {
            Thread t = new Thread(this::runQuietly, "simulator-bootstrap");
            t.setDaemon(true);
            t.start();
        }
    }

    private void runQuietly() {
        try {
            run();
        } catch (RuntimeException e) {
            LOG.errorf(e, "bootstrap at startup failed");
        }
    }

    /**
     * Writes the bootstrap history unless it was written before (then returns the recorded figures).
     * Synchronous; a concurrent call waits for the running one.
     *
     * @throws IllegalStateException if Kafka did not acknowledge every line, or the marker cannot be written
     */
    public synchronized BootstrapSummary run() {
        Optional<BootstrapSummary> done = marker.read();
        if (done.isPresent()) {
            summary = done.get();
            state = State.DONE;
            return summary;
        }
        state = State.RUNNING;
        error = null;
        LOG.infof("bootstrap: writing %d ratings over %d days to %s", config.bootstrap().ratings(),
                config.bootstrap().days(), config.kafka().topic());
        try {
            if (!writer.awaitConnected(CONNECT_TIMEOUT)) {
                throw new IllegalStateException("Kafka at " + config.kafka().bootstrapServers() + " did not answer within "
                        + CONNECT_TIMEOUT.toSeconds() + " s");
            }
            long failuresBefore = writer.sendFailures();
            LocalDateTime end = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
            long start = System.nanoTime();
            BootstrapSummary written = BootstrapHistory.write(world, end, new StopOnFailure(writer, failuresBefore));
            writer.flush();
            double seconds = (System.nanoTime() - start) / 1e9;
            BootstrapSummary result = new BootstrapSummary(written.lines(), written.ratings(), written.users(),
                    written.movies(), written.from(), written.to(), Math.round(seconds * 1000) / 1000.0);
            long failed = writer.sendFailures() - failuresBefore;
            if (failed > 0) {
                throw new IllegalStateException(failed + " of " + result.lines() + " lines were not acknowledged by Kafka");
            }
            marker.write(result, context());
            summary = result;
            state = State.DONE;
            LOG.infof("bootstrap done: %d lines (%d ratings) in %.1f s, %.0f lines/s", result.lines(), result.ratings(),
                    seconds, result.lines() / seconds);
            return result;
        } catch (IOException e) {
            fail("cannot write the bootstrap marker " + marker.file() + ": " + e.getMessage());
            throw new IllegalStateException(error, e);
        } catch (RuntimeException e) {
            fail(e.getMessage());
            throw new IllegalStateException(error, e);
        }
    }

    /**
     * Passes lines to the writer, and stops the bootstrap (throws) as soon as a send has failed, rather
     * than waiting on a broker that is gone for every remaining line.
     */
    private static final class StopOnFailure implements LineSink {
        private final MovielogWriter writer;
        private final long failuresBefore;
        private long lines;

        StopOnFailure(MovielogWriter writer, long failuresBefore) {
            this.writer = writer;
            this.failuresBefore = failuresBefore;
        }

        @Override
        public void write(long userId, String line, LineKind kind) {
            writer.write(userId, line, kind);
            if (++lines % 1024 == 0 && writer.sendFailures() > failuresBefore) {
                throw new IllegalStateException("Kafka did not take line " + lines + " of the bootstrap; stopped");
            }
        }
    }

    private void fail(String reason) {
        error = reason;
        state = State.FAILED;
        LOG.errorf("bootstrap failed: %s", reason);
    }

    private Map<String, Object> context() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", config.seed());
        m.put("days", config.bootstrap().days());
        m.put("topic", config.kafka().topic());
        m.put("written_at", LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString());
        return m;
    }

    /** The state and, once done, the figures: {@code {"state":"done","lines":..,"ratings":..,"users":..,"movies":..,...}}. */
    public Map<String, Object> status() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("state", state.name().toLowerCase(java.util.Locale.ROOT));
        BootstrapSummary s = summary;
        if (s != null && state == State.DONE) {
            m.putAll(s.toMap());
        }
        if (error != null && state == State.FAILED) {
            m.put("error", error);
        }
        return m;
    }
}
