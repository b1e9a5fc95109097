package org.movierec.telemetry.ingest;

/**
 * A rejected record, to be published on a dead-letter topic: the original key and value bytes, why it was
 * rejected, and where it came from.
 *
 * @param sourceTopic the topic it was read from
 * @param partition its partition there
 * @param offset its offset there
 * @param timestamp its Kafka timestamp (ms)
 * @param key the original key, or null
 * @param value the original value (the line as sent), or null
 * @param reason a stable reason key ({@link org.movierec.contracts.events.RejectReason}, {@link #BAD_SERVED_EVENT},
 *     {@link EventTimeBounds#TIME_IN_FUTURE} or {@link EventTimeBounds#TIME_BEFORE_FLOOR})
 * @param detail a short human-readable explanation
 */
public record DeadLetter(String sourceTopic, int partition, long offset, long timestamp, byte[] key, byte[] value,
        String reason, String detail) {

    /** The reason of a served event that is not valid JSON of the {@code recsys.served} schema. */
    public static final String BAD_SERVED_EVENT = "bad_served_event";
}
