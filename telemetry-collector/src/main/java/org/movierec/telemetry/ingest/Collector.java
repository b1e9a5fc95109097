package org.movierec.telemetry.ingest;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.movierec.core.data.RatingScale;
import org.movierec.contracts.events.MovielogParser;
import org.movierec.contracts.events.MovielogParserConfig;
import org.movierec.contracts.events.RejectReason;
import org.movierec.platform.loops.LoopHealth;
import org.movierec.telemetry.TelemetryConfig;
import org.movierec.telemetry.quality.ExperimentArms;
import org.movierec.telemetry.store.BatchWriter;
import org.movierec.telemetry.store.RecentlyServed;

/**
 * The collector: {@code telemetry.kafka.consumers} {@link ConsumerLoop}s, each a member of the consumer group that
 * reads {@code movielog} and {@code recsys.served}, validates each record, gathers records into batches, publishes a
 * batch's dead letters, and writes the batch with the positions of its partitions to PostgreSQL in one transaction.
 * What one loop does is what one collector instance did; several loops write in parallel (PostgreSQL's backends are
 * the bottleneck of ingest, and one backend runs on one core), each on its own partitions.
 *
 * <p>This bean starts and stops the loops, registers the meters they share, and reports their condition as one:
 * ready only while every loop runs.
 */
@ApplicationScoped
public class Collector {

    /** The collector's condition, for readiness. */
    public enum State {
        /** Not yet assigned partitions with their positions read. */
        STARTING,
        /** Consuming and writing. */
        RUNNING,
        /** A write or a position read failed; consumption is paused and retried. */
        RETRYING,
        /** Shut down. */
        STOPPED
    }

    @Inject
    TelemetryConfig config;

    @Inject
    BatchWriter writer;

    @Inject
    DeadLetterPublisher deadLetters;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry registry;

    @Inject
    CollectorConsumers consumers;

    /** Set once at start (readiness may ask before). */
    private volatile List<ConsumerLoop> loops = List.of();

    /**
     * The first loop's name in {@code movierec_background_loop_up} and {@code movierec_background_loop_restarts_total};
     * the others are {@code collector-1}, {@code collector-2}, ...
     */
    public static final String LOOP = "collector";
    /** Counter of rows new in {@code experiment_predictions} (committed). */
    public static final String EXPERIMENT_PREDICTIONS_WRITTEN = "telemetry.experiment.predictions.written";
    /**
     * Counter of experiment ratings that got no {@code experiment_predictions} rows, tagged {@code reason}
     * ({@link ExperimentArms#SKIP_REASONS}); such ratings are still in {@code online_predictions}.
     */
    public static final String EXPERIMENT_PREDICTIONS_SKIPPED = "telemetry.experiment.predictions.skipped";

    void start(@Observes StartupEvent event) {
        MovielogParserConfig parserConfig = MovielogParserConfig.DEFAULT
                .withRatingScale(new RatingScale(config.ratings().min(), config.ratings().max()));
        if (config.kafka().consumers() < 1) {
            throw new IllegalArgumentException("telemetry.kafka.consumers must be at least 1, got "
                    + config.kafka().consumers());
        }
        CollectorMeters meters = registerMeters();
        List<ConsumerLoop> started = new ArrayList<>();
        for (int member = 0; member < config.kafka().consumers(); member++) {
            RecordRouter router = new RecordRouter(new MovielogParser(parserConfig), config.kafka().movielogTopic(),
                    config.kafka().servedTopic(), config.streamZone(), new EventTimeBounds(Clock.systemUTC(),
                            config.eventTime().maxSkew(), config.eventTime().floor()));
            RecentlyServed recentlyServed = config.online().watchThroughPrefilter()
                    ? new RecentlyServed(config.online().watchThroughWindow().toNanos() / 1000,
                            config.online().recentlyServedMaxUsers())
                    : null;
            String name = member == 0 ? LOOP : LOOP + "-" + member;
            LoopHealth health = new LoopHealth(registry, name, config.retry().initialBackoff(), config.retry().maxBackoff());
            started.add(new ConsumerLoop(name, config, writer, deadLetters, dataSource, meters, consumers.create(member),
                    router, recentlyServed, health));
        }
        loops = List.copyOf(started);
        loops.forEach(ConsumerLoop::start);
    }

    void stop(@Observes ShutdownEvent event) {
        loops.forEach(ConsumerLoop::stop);
        for (ConsumerLoop loop : loops) {
            try {
                loop.join(Duration.ofSeconds(15));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The loops' condition as one: the first loop's that is not running, else running. */
    public State state() {
        for (ConsumerLoop loop : loops) {
            if (loop.state() != State.RUNNING) {
                return loop.state();
            }
        }
        return loops.isEmpty() ? State.STARTING : State.RUNNING;
    }

    /** The last error of the first loop that had one ("" if none). */
    public String lastError() {
        for (ConsumerLoop loop : loops) {
            if (!loop.lastError().isEmpty()) {
                return loop.lastError();
            }
        }
        return "";
    }

    /** Batches committed since start, by all loops. */
    public long committedBatches() {
        return loops.stream().mapToLong(ConsumerLoop::committedBatches).sum();
    }

    /** Records not yet in PostgreSQL per topic, as of each loop's last poll. */
    public Map<String, Long> lag() {
        Map<String, Long> lag = new HashMap<>();
        loops.forEach(loop -> loop.lag().forEach((topic, n) -> lag.merge(topic, n, Long::sum)));
        return lag;
    }

    private CollectorMeters registerMeters() {
        for (String type : List.of(Batch.WATCH, Batch.RATE, Batch.RECOMMENDATION_REQUEST, Batch.CREATE_ACCOUNT, Batch.SERVED)) {
            registry.counter("telemetry.events", "type", type);
        }
        for (String reason : RejectReason.ALL) {
            registry.counter("telemetry.rejected", "topic", config.kafka().movielogTopic(), "reason", reason);
        }
        registry.counter("telemetry.rejected", "topic", config.kafka().servedTopic(), "reason", DeadLetter.BAD_SERVED_EVENT);
        for (String topic : List.of(config.kafka().movielogTopic(), config.kafka().servedTopic())) {
            for (String reason : List.of(EventTimeBounds.TIME_IN_FUTURE, EventTimeBounds.TIME_BEFORE_FLOOR)) {
                registry.counter("telemetry.rejected", "topic", topic, "reason", reason);
            }
        }
        for (String topic : List.of(config.kafka().movielogTopic(), config.kafka().servedTopic())) {
            Gauge.builder("telemetry.consumer.lag", this, c -> c.lag().getOrDefault(topic, 0L))
                    .tag("topic", topic).register(registry);
        }
        Counter experimentRowsWritten = Counter.builder(EXPERIMENT_PREDICTIONS_WRITTEN)
                .description("Rows new in experiment_predictions: experiment ratings predicted by every arm's version")
                .register(registry);
        for (String reason : ExperimentArms.SKIP_REASONS) {
            Counter.builder(EXPERIMENT_PREDICTIONS_SKIPPED).tag("reason", reason)
                    .description("Experiment ratings that got no experiment_predictions rows, by reason")
                    .register(registry);
        }
        Counter dbFailures = registry.counter("telemetry.db.failures");
        Timer dbWrite = Timer.builder("telemetry.db.write").description("Time to write one batch to PostgreSQL")
                .publishPercentiles(0.5, 0.99).register(registry);
        DistributionSummary batchSize = DistributionSummary.builder("telemetry.batch.size").description("Records per committed batch")
                .register(registry);
        Counter dlqSent = registry.counter("telemetry.dlq.sent");
        registry.gauge("telemetry.ready", this, c -> c.state() == State.RUNNING ? 1 : 0);
        return new CollectorMeters(registry, experimentRowsWritten, dbFailures, dbWrite, batchSize, dlqSent);
    }
}
