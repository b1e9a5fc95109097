package org.movierec.telemetry.drill;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.movierec.telemetry.TestSupport;

/**
 * What a phase of the load driver cost the storage: the WAL PostgreSQL wrote (bytes per stored record), its
 * checkpoints (PostgreSQL 17's {@code pg_stat_checkpointer}), and how long the machine's tasks stalled on I/O
 * (Linux pressure stall information, {@code /proc/pressure/io}: "some" task stalled, or "full", every runnable
 * task at once, which leaves the CPUs idle).
 */
final class StorageActivity {

    private static final String WAL_LSN = "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::int8";
    private static final String CHECKPOINTS = "SELECT num_timed + num_requested FROM pg_stat_checkpointer";
    private static final Path IO_PRESSURE = Path.of("/proc/pressure/io");

    private final Connection db;
    private final long nanosAtStart = System.nanoTime();
    private final long walAtStart;
    private final long checkpointsAtStart;
    private final long[] stallAtStart;

    /** Starts the phase; {@code db} is a connection of the driver's own. */
    StorageActivity(Connection db) {
        this.db = db;
        this.walAtStart = TestSupport.longOf(db, WAL_LSN);
        this.checkpointsAtStart = TestSupport.longOf(db, CHECKPOINTS);
        this.stallAtStart = stallMicros();
    }

    /** Report lines for the phase, which stored {@code records}. */
    List<String> report(long records) {
        double wall = (System.nanoTime() - nanosAtStart) / 1e9;
        long wal = TestSupport.longOf(db, WAL_LSN) - walAtStart;
        long checkpoints = TestSupport.longOf(db, CHECKPOINTS) - checkpointsAtStart;
        long[] stall = stallMicros();
        List<String> lines = new ArrayList<>();
        lines.add(String.format("PostgreSQL WAL written: %,.0f MB (%,.0f bytes a record, %,.0f MB/s); checkpoints: %d",
                wal / 1e6, (double) wal / Math.max(1, records), wal / 1e6 / wall, checkpoints));
        if (stall != null && stallAtStart != null) {
            lines.add(String.format("I/O stalls (/proc/pressure/io): some task %.0f %% of the time, all tasks %.0f %%",
                    (stall[0] - stallAtStart[0]) / 1e4 / wall, (stall[1] - stallAtStart[1]) / 1e4 / wall));
        }
        return lines;
    }

    /** Total stall microseconds, "some" and "full"; null where the kernel has no pressure information. */
    private static long[] stallMicros() {
        try {
            List<String> lines = Files.readAllLines(IO_PRESSURE);
            return new long[] {total(lines.get(0)), total(lines.get(1))};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long total(String line) {
        return Long.parseLong(line.substring(line.indexOf("total=") + "total=".length()).trim());
    }
}
