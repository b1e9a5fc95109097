package org.movierec.telemetry;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.ZoneId;
import org.movierec.contracts.events.Topics;
import org.movierec.contracts.events.WatchThrough;

/**
 * The collector's settings ({@code telemetry.*}), each default written once, here; any of them can be overridden in
 * application.properties or by its environment variable ({@code TELEMETRY_BATCH_MAX_RECORDS}, ...). Topic names
 * default to the contracts' {@link Topics}.
 */
@ConfigMapping(prefix = "telemetry")
public interface TelemetryConfig {

    /**
     * The time zone of the local times written in {@code movielog} lines (they carry none); served events are
     * UTC instants. Both are stored as {@code timestamptz}, so the zone must be right for the watch-through
     * window and for finding the version that served a user before a rating.
     */
    @WithDefault("UTC")
    ZoneId streamZone();

    Kafka kafka();

    EventTime eventTime();

    Batch batch();

    Retry retry();

    Ratings ratings();

    Models models();

    Experiments experiments();

    Online online();

    interface Kafka {
        /** The brokers (from {@code kafka.bootstrap.servers} / env {@code KAFKA_BOOTSTRAP_SERVERS}). */
        String bootstrapServers();

        /** The consumer group; its positions live in PostgreSQL ({@code consumer_offsets}), not in Kafka. */
        @WithDefault("telemetry-collector")
        String groupId();

        @WithDefault(Topics.MOVIELOG)
        String movielogTopic();

        @WithDefault(Topics.SERVED)
        String servedTopic();

        /** Rejected movielog lines: the original bytes, with reason, detail, source partition and offset as headers. */
        @WithDefault(Topics.MOVIELOG_DLQ)
        String movielogDlqTopic();

        /** Rejected served events, in the same form. */
        @WithDefault(Topics.SERVED_DLQ)
        String servedDlqTopic();

        /**
         * Static group membership ({@code group.instance.id}), e.g. the pod name of a StatefulSet: a restarted
         * instance takes its partitions back at once instead of waiting for the dead one's session to expire.
         */
        java.util.Optional<String> instanceId();

        /** How long the group waits for a silent member before giving its partitions to others. */
        @WithDefault("15s")
        Duration sessionTimeout();

        /** Records per poll. */
        @WithDefault("10000")
        int maxPollRecords();

        /**
         * Consumers in this process, each a member of the group with its own thread and database transactions (one
         * writer per share of the partitions; more than the partitions leaves some idle). More than one lets
         * PostgreSQL write with as many backends in parallel; the rows of a user stay with one of them.
         */
        @WithDefault("1")
        int consumers();
    }

    /**
     * The event times stored (see {@code EventTimeBounds}): a {@code movielog} line or served event outside them goes
     * to the dead-letter topic as {@code time_in_future} or {@code time_before_floor}.
     */
    interface EventTime {
        /** How far after the collector's clock an event time may be (producers' clocks may run a little ahead). */
        @WithDefault("5m")
        Duration maxSkew();

        /** The earliest event time stored (the earliest MovieLens rating is from 1995). */
        @WithDefault("1995-01-01T00:00:00Z")
        java.time.Instant floor();
    }

    interface Batch {
        /**
         * Records per database transaction at most. With a backlog, larger transactions fold more of a session's
         * watch minutes into one {@code watch_sessions} merge and pay the per-statement costs less often: 100,000
         * with {@code max-wait} 1 s ingested 96,114 and 140,073 records/s against 39,607 with 20,000 and 200 ms in
         * the same session (docs/BENCHMARKS.md, issue 17).
         */
        @WithDefault("100000")
        int maxRecords();

        /**
         * How long a batch may wait for more records before it is written: what a record may wait in the collector
         * at most, and, below {@code max-records}, what cuts a batch (at 200 ms the batches averaged 5,200 records,
         * whatever the cap).
         */
        @WithDefault("1s")
        Duration maxWait();

        /**
         * Whether a batch's commit waits until its WAL is on disk (PostgreSQL's {@code synchronous_commit} for the
         * batch's transaction only; {@code false} sets it {@code off} there). Exactly once holds either way: a
         * batch's rows and its positions are one transaction, and an asynchronous commit is still atomic and
         * recovered in WAL order, so a server crash loses the last committed batches whole (at most about three
         * times {@code wal_writer_delay}), positions and rows together, and the collector reads them again from
         * Kafka at its stored positions (PostgreSQL documentation, "Asynchronous Commit"). What {@code false} gives
         * up: a batch counted in the collector's metrics may be counted again after such a crash, and the records
         * must still be in Kafka (retention) when they are read again.
         */
        @WithDefault("true")
        boolean durableCommit();
    }

    interface Retry {
        /** First wait after a failed write or offset read (PostgreSQL or Kafka down); doubled on each failure. */
        @WithDefault("200ms")
        Duration initialBackoff();

        /** Longest wait between attempts. */
        @WithDefault("10s")
        Duration maxBackoff();
    }

    interface Ratings {
        /** The lowest rating of the stream's scale. */
        @WithDefault("1")
        int min();

        /** The highest rating of the stream's scale (5, or 10 in newer streams). */
        @WithDefault("5")
        int max();
    }

    interface Models {
        /** The registry's MongoDB database. */
        @WithDefault("movierec")
        String database();

        /** Model versions kept in memory for online predictions (a 1M-user rank-64 model is about 300 MB). */
        @WithDefault("3")
        int cacheSize();

        /** After a version fails to load, how long ratings it would predict are stored without a prediction before it is tried again. */
        @WithDefault("30s")
        Duration retryAfter();
    }

    /**
     * The A/B experiments' arms (name and model version), read from MongoDB's {@code experiments} collection for
     * {@code experiment_predictions}: every experiment rating predicted by every arm's version.
     */
    interface Experiments {
        /**
         * Experiments whose arms are kept in memory. An experiment's arm versions do not change during its life
         * (only their weights do), so a cached entry never goes stale; the bound only limits memory.
         */
        @WithDefault("100")
        int cacheSize();

        /**
         * After an experiment was not found, was malformed or could not be read, how long its ratings get no
         * {@code experiment_predictions} rows (counted as skipped) before MongoDB is asked again.
         */
        @WithDefault("30s")
        Duration retryAfter();
    }

    interface Online {
        /** A served list counts as watched through when the user watches one of its movies within this time. */
        @WithDefault(WatchThrough.DEFAULT_WINDOW)
        Duration watchThroughWindow();

        /** The online RMSE gauges cover the ratings of this long before the latest rating. */
        @WithDefault("1h")
        Duration rmseWindow();

        /**
         * Skip the watch-through lookup of watches whose user was not served within the window, known from an
         * in-memory index of recently served users. Right for one collector, or several whose consumers own the
         * same partitions of both topics (both keyed by user, as many partitions, range assignment); turn it off
         * otherwise.
         */
        @WithDefault("true")
        boolean watchThroughPrefilter();

        /** Users the index of recently served users may hold before it purges (and, failing that, turns off). */
        @WithDefault("2000000")
        int recentlyServedMaxUsers();

        /** How often the online quality gauges are read from PostgreSQL ({@code off} disables it). */
        @WithDefault("15s")
        String refreshInterval();
    }
}
