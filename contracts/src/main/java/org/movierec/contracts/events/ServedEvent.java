package org.movierec.contracts.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;

/**
 * One answered {@code /recommend} request (or one failed upstream attempt of it), as the A/B router or the inference
 * service publishes it on {@link Topics#SERVED} and the telemetry collector reads it: the schema of that topic, defined
 * once. Exactly one publisher publishes the answer of a request: the router for what came through it, inference for
 * direct calls ({@link ServedEventHeaders}).
 *
 * <p>JSON form ({@link #toJson()}, {@link #fromJson(String)}), fields in this order:
 * <pre>
 * {"time":"2025-10-17T01:38:54.122Z","requestId":"r-1","userId":42,"experiment":"exp-7","arm":"b",
 *  "modelVersion":"v12","items":["m1","m2"],"latencyMs":3.2,"status":200,"fallback":false}
 * </pre>
 * {@code experiment}, {@code arm} and {@code modelVersion} are {@code null} (or absent, when read)
 * when there is no experiment, arm or model; unknown fields are ignored when read. Jackson reads and writes
 * the JSON; {@link ServedEventJson} pins the two details where its defaults differ from the bytes this topic
 * has always carried (lower-case hex in <code>&#92;u00XX</code> escapes, whole latencies written without an exponent).
 *
 * @param time when the answer was sent (UTC), written ISO-8601 ({@link Instant#toString()})
 * @param requestId the id of the request, unique per request
 * @param userId the user the list was for; positive
 * @param experiment the A/B experiment that routed the request, or {@code null}
 * @param arm the arm of that experiment the user is assigned to (intention to treat), or {@code null}; the same for
 *     every event of a request, also when another version answered it (a retry on control, the router's fallback)
 * @param modelVersion the model version that actually answered (scored the list, or whose popularity list it is),
 *     which differs from the arm's version when the request was retried on control or fell back; or {@code null}
 *     when no model did
 * @param items the movie ids answered, best first
 * @param latencyMs how long answering took, in milliseconds; finite and not negative. What that time is depends on the
 *     publisher: for a request that came through the A/B router, the router publishes the event (see
 *     {@link ServedEventHeaders}) and this is what the client waits, from the router receiving the request to its
 *     answer (including every upstream attempt and the fallback); for a request made to the inference service
 *     directly, inference publishes it and this is its in-handler time, from the request's arrival in the handler
 *     to the response built (network and queueing excluded); for a failed upstream attempt (status not 200,
 *     request id {@code <id>:try-N}), the router's time from receiving the request to that attempt's failure
 * @param status the HTTP status answered
 * @param fallback whether the list is the popularity fallback rather than the model's
 */
public record ServedEvent(Instant time, String requestId, long userId, String experiment, String arm,
        String modelVersion, List<String> items, double latencyMs, int status, boolean fallback) {

    public ServedEvent {
        if (time == null || requestId == null || items == null) {
            throw new IllegalArgumentException("served event needs a time, a request id and items");
        }
        if (userId <= 0) {
            throw new IllegalArgumentException("user id must be positive, got " + userId);
        }
        if (!Double.isFinite(latencyMs) || latencyMs < 0) {
            throw new IllegalArgumentException("latency must be finite and not negative, got " + latencyMs);
        }
        for (String item : items) {
            if (item == null) {
                throw new IllegalArgumentException("items hold a null movie id");
            }
        }
        items = List.copyOf(items);
    }

    /** This event as one compact JSON object with the fields in the documented order. */
    public String toJson() {
        // Jackson's own string writer, as ObjectMapper.writeValueAsString uses it: its chunks come from the factory's
        // buffer recycler instead of a StringWriter that grows and copies for every event
        SegmentedStringWriter out = new SegmentedStringWriter(ServedEventJson.FACTORY._getBufferRecycler());
        try (JsonGenerator json = ServedEventJson.FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("time", time.toString());
            json.writeStringField("requestId", requestId);
            json.writeNumberField("userId", userId);
            json.writeStringField("experiment", experiment);
            json.writeStringField("arm", arm);
            json.writeStringField("modelVersion", modelVersion);
            json.writeArrayFieldStart("items");
            for (String item : items) {
                json.writeString(item);
            }
            json.writeEndArray();
            json.writeFieldName("latencyMs");
            json.writeNumber(ServedEventJson.number(latencyMs));
            json.writeNumberField("status", status);
            json.writeBooleanField("fallback", fallback);
            json.writeEndObject();
            json.flush();
            return out.getAndClear();
        } catch (IOException e) {
            throw new UncheckedIOException("a string writer does not fail", e);
        }
    }

    /**
     * The event of a JSON object in the form {@link #toJson()} writes. Unknown fields are ignored;
     * {@code experiment}, {@code arm} and {@code modelVersion} may be absent.
     *
     * @throws IllegalArgumentException naming the problem if {@code json} is not valid JSON, lacks a
     *     required field, or has a field of the wrong type or value
     */
    public static ServedEvent fromJson(String json) {
        ServedEventJson.Fields o = ServedEventJson.readObject(json);
        Instant time;
        String timeText = o.requiredString("time");
        try {
            time = Instant.parse(timeText);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("served event: field \"time\" is not an ISO-8601 instant: " + e.getMessage());
        }
        long userId = o.wholeNumber("userId", Long.MIN_VALUE, Long.MAX_VALUE);
        int status = (int) o.wholeNumber("status", Integer.MIN_VALUE, Integer.MAX_VALUE);
        double latency = o.requiredNumber("latencyMs");
        boolean fallback = o.requiredBoolean("fallback");
        List<String> items = o.requiredStrings("items");
        try {
            return new ServedEvent(time, o.requiredString("requestId"), userId, o.optionalString("experiment"),
                    o.optionalString("arm"), o.optionalString("modelVersion"), items, latency, status, fallback);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("served event: " + e.getMessage(), e);
        }
    }
}
