package org.movierec.platform.http;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An error answer of every MovieRec HTTP API, {@code application/problem+json} as RFC 9457 defines it. {@code type}
 * is {@code about:blank} (the status says it all) and {@code title} the status' reason phrase; {@code detail} says
 * what was wrong with this request. Where one request has several problems (a rejected experiment change), they are
 * listed in {@code problems}, at most {@value #MAX_LISTED_PROBLEMS}, and {@code moreProblems} counts the rest: the
 * answer stays small however large the request (a 3 MB body of unknown keys must not get a 25 MB answer).
 *
 * @param type         a URI naming the kind of problem; {@code about:blank} here
 * @param title        the HTTP reason phrase of {@code status}
 * @param status       the HTTP status code
 * @param detail       what was wrong with this request, for a human
 * @param instance     the request path, or null
 * @param problems     the individual problems, at most {@value #MAX_LISTED_PROBLEMS}, or null when there is one
 * @param moreProblems how many problems were left out of {@code problems}, or null when none were
 * @param extensions   further members of this kind of problem (RFC 9457 extension members), e.g. the {@code runId}
 *                     of the retrain run a 409 refers to; empty for most
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, List<String> problems,
                      Integer moreProblems, @JsonIgnore Map<String, Object> extensions) {

    /** The media type of every error answer. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** How many problems one answer lists at most. */
    public static final int MAX_LISTED_PROBLEMS = 20;

    /** How many characters of one listed problem (or of the detail) are kept. */
    static final int MAX_TEXT = 500;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A problem with {@code status} and {@code detail}. */
    public static Problem of(int status, String detail) {
        return new Problem("about:blank", ReasonPhrases.of(status), status, clip(detail), null, null, null, Map.of());
    }

    /** A problem with {@code status}, {@code detail} and the individual {@code problems} (capped, see the class). */
    public static Problem of(int status, String detail, List<String> problems) {
        Problem p = of(status, detail);
        if (problems == null || problems.isEmpty()) {
            return p;
        }
        List<String> listed = problems.stream().limit(MAX_LISTED_PROBLEMS).map(Problem::clip).toList();
        Integer more = problems.size() > MAX_LISTED_PROBLEMS ? problems.size() - MAX_LISTED_PROBLEMS : null;
        return new Problem(p.type, p.title, status, p.detail, null, listed, more, Map.of());
    }

    /** This problem for the request at {@code path}. */
    public Problem at(String path) {
        return new Problem(type, title, status, detail, path, problems, moreProblems, extensions);
    }

    /** This problem with the extension member {@code name} (not one of the standard members). */
    public Problem with(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extensions);
        more.put(name, value);
        return new Problem(type, title, status, detail, instance, problems, moreProblems, Map.copyOf(more));
    }

    /** The extension members, written at the top level of the JSON object as RFC 9457 has them. */
    @JsonAnyGetter
    Map<String, Object> extensionMembers() {
        return extensions;
    }

    /** The JSON body. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a problem as JSON", e);
        }
    }

    private static String clip(String text) {
        if (text == null || text.length() <= MAX_TEXT) {
            return text;
        }
        return text.substring(0, MAX_TEXT) + "…";
    }
}
