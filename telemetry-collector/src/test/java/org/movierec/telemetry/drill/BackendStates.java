package org.movierec.telemetry.drill;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the collector's PostgreSQL backends were doing during a phase of the load driver, sampled from
 * {@code pg_stat_activity} every {@value #PERIOD_MILLIS} ms on a thread and a connection of its own: running
 * (active, no wait event), waiting for something (active with a wait event: a lock, the WAL flush...), idle in
 * a transaction (the collector works between two statements) or idle (between transactions).
 */
final class BackendStates implements AutoCloseable {

    private static final long PERIOD_MILLIS = 20;
    private static final String SAMPLE = """
            SELECT CASE WHEN state = 'active' AND wait_event IS NULL THEN 'running'
                        WHEN state = 'active' THEN 'waiting on ' || wait_event_type || ':' || wait_event
                        ELSE state END
            FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()
              AND datname = current_database() AND pid <> ?""";

    private final Connection db;
    private final long driverBackend;
    private final Thread sampler;
    private final Map<String, Integer> counts = new HashMap<>();
    private volatile boolean running = true;
    private int samples;

    /**
     * Starts sampling on {@code db}, a connection for this sampler only.
     *
     * @param driverBackend the pid of the driver's other backend, not the collector's
     */
    BackendStates(Connection db, long driverBackend) {
        this.db = db;
        this.driverBackend = driverBackend;
        this.sampler = new Thread(this::sample, "backend-states");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        try (PreparedStatement q = db.prepareStatement(SAMPLE)) {
            q.setLong(1, driverBackend);
            while (running) {
                synchronized (counts) {
                    try (ResultSet r = q.executeQuery()) {
                        while (r.next()) {
                            counts.merge(r.getString(1), 1, Integer::sum);
                        }
                    }
                    samples++;
                }
                Thread.sleep(PERIOD_MILLIS);
            }
        } catch (SQLException e) {
            synchronized (counts) {
                counts.merge("sampler failed: " + e.getMessage(), 1, Integer::sum);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Report lines: the share of samples per state, summed over the backends (2 backends busy = 200 %). */
    List<String> report() {
        List<String> lines = new ArrayList<>();
        synchronized (counts) {
            lines.add(String.format("collector's PostgreSQL backends, %d samples of pg_stat_activity (%% of the time,"
                    + " summed over the backends):", samples));
            counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .forEach(e -> lines.add(String.format("  %-48s %4.0f %%", e.getKey(),
                            100.0 * e.getValue() / Math.max(1, samples))));
        }
        return lines;
    }

    @Override
    public void close() throws InterruptedException, SQLException {
        running = false;
        sampler.join(1000);
        db.close();
    }
}
