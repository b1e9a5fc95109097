package org.movierec.contracts.events;

/** The Kafka topic names every service agrees on, defined once. */
public final class Topics {

    /** The streaming service's user actions, one {@code movielog} text line a record. */
    public static final String MOVIELOG = "movielog";

    /** Rejected {@link #MOVIELOG} lines, with the original text, the reason, and their source partition and offset. */
    public static final String MOVIELOG_DLQ = "movielog.dlq";

    /** One {@link ServedEvent} (JSON) for each answered {@code /recommend} request. */
    public static final String SERVED = "recsys.served";

    /** Rejected {@link #SERVED} events, in the same form as {@link #MOVIELOG_DLQ}. */
    public static final String SERVED_DLQ = "recsys.served.dlq";

    private Topics() {
    }
}
