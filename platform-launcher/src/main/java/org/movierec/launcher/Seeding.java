package org.movierec.launcher;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.movierec.contracts.events.Topics;

/**
 * The first start of a stack: weeks of history from the simulator, stored by the collector, and a first model
 * trained, registered and promoted by the retrain service (the same code path as its cron runs).
 */
final class Seeding {

    private static final Duration POLL = Duration.ofMillis(500);

    private final LocalStack stack;
    private final Progress progress;

    Seeding(LocalStack stack, Progress progress) {
        this.stack = stack;
        this.progress = progress;
    }

    /** The simulator writes its bootstrap history to {@code movielog} (at most once per data directory). */
    void writeHistory() {
        StackSettings.World world = stack.settings().world();
        progress.step(String.format(Locale.ROOT, "seeding: %,d ratings of history over %d days (%,d users, %,d movies)",
                world.bootstrapRatings(), world.bootstrapDays(), world.users(), world.movies()));
        HttpCalls.Answer answer = HttpCalls.post(stack.service(Service.SIMULATOR).baseUrl() + "/admin/bootstrap",
                stack.tokens().of(Service.SIMULATOR), "{}");
        if (!answer.ok()) {
            throw new IllegalStateException("simulator bootstrap failed: " + answer.status() + " " + answer.body());
        }
        Map<String, Object> figures = JsonValues.object(answer.body());
        progress.detail("simulator wrote " + figures.get("lines") + " movielog lines");
    }

    /** Waits until the collector has every {@code movielog} record written so far in PostgreSQL. */
    void awaitTelemetry(Duration timeout) {
        progress.step("waiting for telemetry-collector to store the history in PostgreSQL");
        TelemetryLag lag = stack.telemetryLag();
        Map<Integer, Long> written = lag.mark(Topics.MOVIELOG);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (lag.behind(Topics.MOVIELOG, written) == 0) {
                return;
            }
            sleep();
        }
        throw new IllegalStateException("telemetry-collector still behind after " + timeout + " ("
                + lag.describe(Topics.MOVIELOG, written) + "); see " + stack.service(Service.TELEMETRY).log());
    }

    /** Triggers a retrain run and waits until it has registered and promoted a version. */
    void trainFirstModel(Duration timeout) {
        progress.step("training the first model (retrain-service: snapshot, split, train, evaluate, fairness, register, promote)");
        String retrain = stack.service(Service.RETRAIN).baseUrl();
        HttpCalls.Answer started = HttpCalls.post(retrain + "/admin/retrain", stack.tokens().of(Service.RETRAIN), "{}");
        if (started.status() != 202 && started.status() != 409) {
            throw new IllegalStateException("retrain refused: " + started.status() + " " + started.body());
        }
        String runId = String.valueOf(LocalStack.field(started.body(), "runId"));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            HttpCalls.Answer run = HttpCalls.get(retrain + "/runs/" + runId);
            if (run.ok()) {
                Map<String, Object> state = JsonValues.object(run.body());
                String status = String.valueOf(state.get("status"));
                if (!"running".equals(status)) {
                    if (!"succeeded".equals(status) || !Boolean.TRUE.equals(state.get("promoted"))) {
                        throw new IllegalStateException("first retrain run " + runId + " ended " + status + " at stage "
                                + state.get("stage") + ": " + state.get("error"));
                    }
                    progress.detail("model " + state.get("version") + " promoted");
                    return;
                }
            }
            sleep();
        }
        throw new IllegalStateException("retrain run " + runId + " not finished after " + timeout);
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
