package org.movierec.telemetry.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.movierec.contracts.events.CreateAccountEvent;
import org.movierec.contracts.events.MovieEvent;
import org.movierec.contracts.events.MovieIdCharset;
import org.movierec.contracts.events.MovielogParser;
import org.movierec.contracts.events.ParseResult;
import org.movierec.contracts.events.RateEvent;
import org.movierec.contracts.events.RecommendationRequestEvent;
import org.movierec.contracts.events.RejectReason;
import org.movierec.contracts.events.ServedEvent;
import org.movierec.contracts.events.WatchEvent;

/**
 * Validates each consumed record with the shared parsers of recsys-core ({@link MovielogParser},
 * {@link ServedEvent#fromJson}), then checks its time against the collector's {@link EventTimeBounds}, and files it
 * into a {@link Batch}: an event into its columns, anything else as a {@link DeadLetter}. Never throws on record
 * content.
 */
public final class RecordRouter {

    private final MovielogParser parser;
    private final String movielogTopic;
    private final String servedTopic;
    private final ZoneId zone;
    private final ZoneOffset fixedOffset;
    private final EventTimeBounds timeBounds;

    /**
     * @param parser the grammar of {@code movielog} lines
     * @param movielogTopic the topic of {@code movielog} lines
     * @param servedTopic the topic of served events
     * @param zone the zone of the stream's local times
     * @param timeBounds the event times stored; others are dead-lettered
     */
    public RecordRouter(MovielogParser parser, String movielogTopic, String servedTopic, ZoneId zone,
            EventTimeBounds timeBounds) {
        this.parser = parser;
        this.timeBounds = timeBounds;
        this.movielogTopic = movielogTopic;
        this.servedTopic = servedTopic;
        this.zone = zone;
        this.fixedOffset = zone.getRules().isFixedOffset() ? zone.getRules().getOffset(Instant.EPOCH) : null;
    }

    /** Files one record into {@code batch}. */
    public void route(ConsumerRecord<byte[], byte[]> record, Batch batch) {
        route(new TopicPartition(record.topic(), record.partition()), List.of(record), batch);
    }

    /** Files the records of one poll from {@code partition}, in offset order, into {@code batch}. */
    public void route(TopicPartition partition, List<ConsumerRecord<byte[], byte[]>> records, Batch batch) {
        if (records.isEmpty()) {
            return;
        }
        boolean lines = partition.topic().equals(movielogTopic);
        boolean served = partition.topic().equals(servedTopic);
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (lines) {
                routeLine(record, batch);
            } else if (served) {
                routeServed(record, batch);
            }
        }
        batch.consumed(partition, records.get(records.size() - 1).offset(), records.size());
    }

    private void routeLine(ConsumerRecord<byte[], byte[]> record, Batch batch) {
        String line = record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
        ParseResult result = parser.parse(line);
        if (result instanceof ParseResult.Rejected rejected) {
            batch.rejected(letter(record, rejected.reason(), rejected.detail()));
            return;
        }
        MovieEvent event = ((ParseResult.Ok) result).event();
        Instant instant = instant(event.time());
        Optional<EventTimeBounds.Violation> outside = timeBounds.check(instant);
        if (outside.isPresent()) {
            batch.rejected(letter(record, outside.get().reason(), outside.get().detail()));
            return;
        }
        long micros = micros(instant);
        if (event instanceof WatchEvent w) {
            batch.watches.add(w.userId(), w.movieId(), micros, w.minute());
        } else if (event instanceof RateEvent r) {
            batch.ratings.add(r.userId(), r.movieId(), micros, r.rating());
        } else if (event instanceof RecommendationRequestEvent q) {
            batch.requests.add(new Batch.RequestRow(micros, q.userId(), q.server(), q.status(),
                    String.join(",", q.results()), q.latencyMs(), q.error(), fnv1a64(q.toLine())));
        } else if (event instanceof CreateAccountEvent a) {
            batch.accounts.add(new Batch.AccountRow(micros, a.userId()));
        }
    }

    private void routeServed(ConsumerRecord<byte[], byte[]> record, Batch batch) {
        if (record.value() == null || record.value().length == 0) {
            batch.rejected(letter(record, RejectReason.EMPTY, "served event is empty"));
            return;
        }
        ServedEvent event;
        try {
            event = ServedEvent.fromJson(new String(record.value(), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            batch.rejected(letter(record, DeadLetter.BAD_SERVED_EVENT, String.valueOf(e.getMessage())));
            return;
        }
        String problem = itemsProblem(event);
        if (problem != null) {
            batch.rejected(letter(record, RejectReason.BAD_MOVIE_ID, problem));
            return;
        }
        Optional<EventTimeBounds.Violation> outside = timeBounds.check(event.time());
        if (outside.isPresent()) {
            batch.rejected(letter(record, outside.get().reason(), outside.get().detail()));
            return;
        }
        long micros = micros(event.time());
        batch.served.add(Batch.ServedRow.of(micros, event));
    }

    /** Why the items of a served event are not movie ids of the stream's grammar, or null when they are. */
    private String itemsProblem(ServedEvent event) {
        MovieIdCharset charset = parser.config().movieIdCharset();
        int maxLength = parser.config().maxMovieIdLength();
        for (String item : event.items()) {
            if (item.isEmpty() || item.length() > maxLength) {
                return "served item of length " + item.length() + " (1.." + maxLength + ")";
            }
            for (int k = 0; k < item.length(); k++) {
                if (!charset.contains(item.charAt(k))) {
                    return "served item holds a character outside the movie id charset at " + k;
                }
            }
        }
        return null;
    }

    private static DeadLetter letter(ConsumerRecord<byte[], byte[]> record, String reason, String detail) {
        return new DeadLetter(record.topic(), record.partition(), record.offset(), record.timestamp(), record.key(),
                record.value(), reason, detail);
    }

    /** The instant of a stream-local time. */
    Instant instant(LocalDateTime time) {
        return fixedOffset != null ? time.toInstant(fixedOffset) : time.atZone(zone).toInstant();
    }

    /** Microseconds since the epoch of an instant within the bounds (nanoseconds below a microsecond are dropped). */
    static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
    }

    /** FNV-1a, 64 bits, of the UTF-16 units of {@code s}: the identity of a logged recommendation request. */
    static long fnv1a64(String s) {
        long h = 0xcbf29ce484222325L;
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            h ^= c & 0xff;
            h *= 0x100000001b3L;
            h ^= c >>> 8;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
