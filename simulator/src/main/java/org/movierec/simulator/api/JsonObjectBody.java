package org.movierec.simulator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.Set;

/**
 * A request body that must be one JSON object (account creation, the viewer's watches and ratings), read strictly:
 * one object, only the fields named, nothing after it. Either the object ({@link Parsed}) or what is wrong with the
 * body ({@link Refused}, for a 400 problem's detail, never quoting the body back).
 */
public sealed interface JsonObjectBody {

    /** The body's object. */
    record Parsed(JsonNode fields) implements JsonObjectBody {
    }

    /** Why the body is refused, for a 400 problem's detail. */
    record Refused(String detail) implements JsonObjectBody {
    }

    /**
     * @param json    the mapper
     * @param body    the request body
     * @param example the body's form, for the message
     * @param known   the fields allowed
     * @return the object, or why the body is refused
     */
    static JsonObjectBody parse(ObjectMapper json, String body, String example, Set<String> known) {
        JsonNode fields;
        try {
            fields = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            return new Refused("body must be a JSON object like " + example + ": " + e.getOriginalMessage());
        }
        if (fields == null || !fields.isObject()) {
            return new Refused("body must be a JSON object like " + example);
        }
        for (Iterator<String> names = fields.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                return new Refused("unknown field \"" + name + "\" (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
        return new Parsed(fields);
    }
}
