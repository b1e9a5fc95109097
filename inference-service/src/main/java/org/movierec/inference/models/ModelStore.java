package org.movierec.inference.models;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * Holds the current {@link ServingSnapshot}. Readers take {@link #current()} once per request (a
 * volatile read); the reloader replaces the snapshot atomically, so a swap never fails or slows a
 * request: requests that started on the old snapshot finish on it, and it is collected afterwards.
 */
@ApplicationScoped
public class ModelStore {

    private final AtomicReference<ServingSnapshot> current = new AtomicReference<>(ServingSnapshot.EMPTY);

    public ServingSnapshot current() {
        return current.get();
    }

    /** Atomically replaces the snapshot with {@code change(current)}; returns the new one. */
    public ServingSnapshot update(UnaryOperator<ServingSnapshot> change) {
        return current.updateAndGet(change);
    }
}
