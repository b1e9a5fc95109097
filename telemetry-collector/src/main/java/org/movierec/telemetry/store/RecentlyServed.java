package org.movierec.telemetry.store;

import java.util.Arrays;

/**
 * The latest served time of each recently served user, to skip the watch-through lookup for watches that no
 * served list can match: a watch at {@code t} matches a list served in {@code [t - window, t]}, so it needs a
 * lookup only if the user's latest served time is at least {@code t - window}.
 *
 * <p>The index knows every served event from its {@link #horizon()} on (filled from PostgreSQL on start and
 * after every recovery, then from each committed batch); a watch older than the horizon plus the window is always
 * looked up. Beyond {@code maxUsers} entries those older than the window before the newest are purged and the
 * horizon moves up; if that is not enough the index turns itself off (every watch is looked up). Only the
 * consumer thread uses it.
 */
public final class RecentlyServed {

    private static final long EMPTY = Long.MIN_VALUE;

    private final long windowMicros;
    private final int maxUsers;
    private long[] keys;
    private long[] values;
    private int size;
    private long horizon = Long.MAX_VALUE; // nothing known until filled
    private long newest = Long.MIN_VALUE;

    public RecentlyServed(long windowMicros, int maxUsers) {
        this.windowMicros = windowMicros;
        this.maxUsers = maxUsers;
        clear(Long.MAX_VALUE);
    }

    /** Forgets everything; served events from {@code horizon} on will be added. */
    public void clear(long horizon) {
        keys = new long[1 << 16];
        values = new long[1 << 16];
        Arrays.fill(keys, EMPTY);
        size = 0;
        this.horizon = horizon;
        newest = Long.MIN_VALUE;
    }

    /** From which served time on the index is complete ({@code Long.MAX_VALUE}: off). */
    public long horizon() {
        return horizon;
    }

    public int size() {
        return size;
    }

    /** Notes that {@code user} was served at {@code micros}. */
    public void served(long user, long micros) {
        if (horizon == Long.MAX_VALUE) {
            return;
        }
        newest = Math.max(newest, micros);
        int slot = slot(user);
        if (keys[slot] == EMPTY) {
            keys[slot] = user;
            values[slot] = micros;
            if (++size * 2 > keys.length) {
                grow();
            }
        } else if (values[slot] < micros) {
            values[slot] = micros;
        }
        if (size > maxUsers) {
            purge();
        }
    }

    /** Whether a watch of {@code user} at {@code micros} may match a served list (false only when it cannot). */
    public boolean mayMatch(long user, long micros) {
        long from = micros - windowMicros;
        if (from < horizon) {
            return true;
        }
        int slot = slot(user);
        return keys[slot] != EMPTY && values[slot] >= from;
    }

    private int slot(long user) {
        int mask = keys.length - 1;
        int slot = (int) (mix(user) & mask);
        while (keys[slot] != EMPTY && keys[slot] != user) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private static long mix(long x) {
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        return x;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new long[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        for (int k = 0; k < oldKeys.length; k++) {
            if (oldKeys[k] != EMPTY) {
                int slot = slot(oldKeys[k]);
                keys[slot] = oldKeys[k];
                values[slot] = oldValues[k];
            }
        }
    }

    private void purge() {
        long keepFrom = newest - windowMicros;
        int kept = 0;
        for (int k = 0; k < keys.length; k++) {
            if (keys[k] != EMPTY && values[k] >= keepFrom) {
                kept++;
            }
        }
        if (kept > maxUsers * 3L / 4) {
            clear(Long.MAX_VALUE); // too many users served within one window: look every watch up
            return;
        }
        long[] oldKeys = keys;
        long[] oldValues = values;
        long newHorizon = Math.max(horizon, keepFrom);
        clear(newHorizon);
        for (int k = 0; k < oldKeys.length; k++) {
            if (oldKeys[k] != EMPTY && oldValues[k] >= keepFrom) {
                served(oldKeys[k], oldValues[k]); // never purges again: kept <= 3/4 of the bound
            }
        }
    }
}
