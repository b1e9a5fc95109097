package org.movierec.contracts.events;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.movierec.core.json.Json;
import org.movierec.core.json.JsonReader;

/**
 * One answered {@code /recommend} request, as the inference service publishes it on
 * {@link Topics#SERVED} and the telemetry collector reads it: the schema of that topic, defined once.
 *
 * <p>JSON form ({@link #toJson()}, {@link #fromJson(String)}), fields in this order:
 * <pre>
 * {"time":"2025-10-17T01:38:54.122Z","requestId":"r-1","userId":42,"experiment":"exp-7","arm":"b",
 *  "modelVersion":"v12","items":["m1","m2"],"latencyMs":3.2,"status":200,"fallback":false}
 * </pre>
 * {@code experiment}, {@code arm} and {@code modelVersion} are {@code null} (or absent, when read)
 * when there is no experiment, arm or model; unknown fields are ignored when read.
 *
 * @param time when the answer was sent (UTC), written ISO-8601 ({@link Instant#toString()})
 * @param requestId the id of the request, unique per request
 * @param userId the user the list was for; positive
 * @param experiment the A/B experiment that routed the request, or {@code null}
 * @param arm the arm of that experiment, or {@code null}
 * @param modelVersion the model version that scored the list, or {@code null} when no model did (popularity fallback without a model)
 * @param items the movie ids answered, best first
 * @param latencyMs how long answering took, in milliseconds; finite and not negative
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
        Map<String, Object> json = new LinkedHashMap<>(16);
        json.put("time", time.toString());
        json.put("requestId", requestId);
        json.put("userId", userId);
        json.put("experiment", experiment);
        json.put("arm", arm);
        json.put("modelVersion", modelVersion);
        json.put("items", items);
        json.put("latencyMs", latencyMs);
        json.put("status", status);
        json.put("fallback", fallback);
        return Json.write(json);
    }

    /**
     * The event of a JSON object in the form {@link #toJson()} writes. Unknown fields are ignored;
     * {@code experiment}, {@code arm} and {@code modelVersion} may be absent.
     *
     * @throws IllegalArgumentException naming the problem if {@code json} is not valid JSON, lacks a
     *     required field, or has a field of the wrong type or value
     */
    public static ServedEvent fromJson(String json) {
        Map<String, Object> o = JsonReader.readObject(json);
        Instant time;
        String timeText = requiredString(o, "time");
        try {
            time = Instant.parse(timeText);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("served event: field \"time\" is not an ISO-8601 instant: " + e.getMessage());
        }
        long userId = wholeNumber(o, "userId", Long.MIN_VALUE, Long.MAX_VALUE);
        int status = (int) wholeNumber(o, "status", Integer.MIN_VALUE, Integer.MAX_VALUE);
        Object latency = required(o, "latencyMs");
        if (!(latency instanceof Number)) {
            throw wrongType("latencyMs", "a number", latency);
        }
        Object fallback = required(o, "fallback");
        if (!(fallback instanceof Boolean)) {
            throw wrongType("fallback", "a boolean", fallback);
        }
        Object itemsValue = required(o, "items");
        if (!(itemsValue instanceof List<?> list)) {
            throw wrongType("items", "an array", itemsValue);
        }
        List<String> items = new ArrayList<>(list.size());
        for (Object item : list) {
            if (!(item instanceof String s)) {
                throw wrongType("items", "an array of strings", item);
            }
            items.add(s);
        }
        try {
            return new ServedEvent(time, requiredString(o, "requestId"), userId, optionalString(o, "experiment"),
                    optionalString(o, "arm"), optionalString(o, "modelVersion"), items, ((Number) latency).doubleValue(),
                    status, (Boolean) fallback);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("served event: " + e.getMessage(), e);
        }
    }

    private static Object required(Map<String, Object> o, String field) {
        if (!o.containsKey(field)) {
            throw new IllegalArgumentException("served event: missing field \"" + field + "\"");
        }
        return o.get(field);
    }

    private static String requiredString(Map<String, Object> o, String field) {
        Object value = required(o, field);
        if (!(value instanceof String s)) {
            throw wrongType(field, "a string", value);
        }
        return s;
    }

    private static String optionalString(Map<String, Object> o, String field) {
        Object value = o.get(field);
        if (value != null && !(value instanceof String)) {
            throw wrongType(field, "a string or null", value);
        }
        return (String) value;
    }

    /** A whole number in {@code min..max}, written as an integer or as a double with no fraction (e.g. {@code 200.0}). */
    private static long wholeNumber(Map<String, Object> o, String field, long min, long max) {
        Object value = required(o, field);
        if (value instanceof Long l) {
            if (l < min || l > max) {
                throw new IllegalArgumentException("served event: field \"" + field + "\" is out of range: " + l);
            }
            return l;
        }
        if (value instanceof Double d) {
            if (d != Math.rint(d) || d < min || d > max || Math.abs(d) >= 0x1p53) {
                throw new IllegalArgumentException("served event: field \"" + field + "\" is not an exact whole number: " + d);
            }
            return d.longValue();
        }
        throw wrongType(field, "a whole number", value);
    }

    private static IllegalArgumentException wrongType(String field, String expected, Object value) {
        return new IllegalArgumentException("served event: field \"" + field + "\" must be " + expected + ", got "
                + JsonReader.typeName(value));
    }
}
