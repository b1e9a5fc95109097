package org.movierec.retrain.snapshot;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.movierec.retrain.RetrainJson;

/**
 * Reads every user and movie from the streaming service's user/movie API: {@code GET /users?offset=&limit=}
 * and {@code GET /movies?offset=&limit=}, JSON arrays of
 * {@code {"user_id":42,"age":31,"occupation":"engineer","gender":"F"}} and
 * {@code {"movie_id":"the+matrix+1999","title":...,"genres":[...],"release_date":...,"popularity":...}},
 * page by page until a short page (or {@code X-Total-Count} is reached).
 */
public final class UserApiClient {

    /** Entries asked for per page. */
    public static final int PAGE = 1000;
    /** Refuse more pages than this (a misbehaving API must not loop forever). */
    private static final int MAX_PAGES = 100_000;

    private final URI base;
    private final HttpClient http;
    private final Duration timeout;

    /** A client of the API at {@code baseUrl} (e.g. {@code http://127.0.0.1:8085}). */
    public UserApiClient(String baseUrl, Duration timeout) {
        String b = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.base = URI.create(b);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** Users and movies. */
    public Directory fetch() throws IOException, InterruptedException {
        Map<String, UserProfile> users = new LinkedHashMap<>();
        for (Map<String, Object> u : all("users")) {
            String id = id(u, "user_id");
            users.put(id, new UserProfile(id, (int) number(u.get("age"), 0), str(u.get("gender")),
                    str(u.get("occupation"))));
        }
        Map<String, MovieInfo> movies = new LinkedHashMap<>();
        for (Map<String, Object> m : all("movies")) {
            String id = id(m, "movie_id");
            List<String> genres = new ArrayList<>();
            if (m.get("genres") instanceof List<?> list) {
                list.forEach(g -> genres.add(str(g)));
            }
            movies.put(id, new MovieInfo(id, str(m.get("title")), genres, str(m.get("release_date")),
                    number(m.get("popularity"), Double.NaN)));
        }
        return new Directory(users, movies, "user API " + base);
    }

    private List<Map<String, Object>> all(String resource) throws IOException, InterruptedException {
        List<Map<String, Object>> result = new ArrayList<>();
        for (int page = 0; page < MAX_PAGES; page++) {
            int offset = page * PAGE;
            URI uri = URI.create(base + "/" + resource + "?offset=" + offset + "&limit=" + PAGE);
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(timeout)
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("GET " + uri + " answered HTTP " + response.statusCode());
            }
            Object body;
            try {
                body = RetrainJson.read(response.body());
            } catch (IOException e) {
                throw new IOException("GET " + uri + ": not JSON: " + e.getMessage(), e);
            }
            if (!(body instanceof List<?> list)) {
                throw new IOException("GET " + uri + ": expected a JSON array");
            }
            for (Object o : list) {
                if (!(o instanceof Map<?, ?>)) {
                    throw new IOException("GET " + uri + ": expected JSON objects in the array");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> entry = (Map<String, Object>) o;
                result.add(entry);
            }
            long total = response.headers().firstValueAsLong("X-Total-Count").orElse(-1);
            if (list.size() < PAGE || (total >= 0 && offset + list.size() >= total)) {
                return result;
            }
        }
        throw new IOException("GET " + base + "/" + resource + ": more than " + MAX_PAGES + " pages");
    }

    private static String id(Map<String, Object> entry, String key) throws IOException {
        Object v = entry.get(key);
        if (v == null || str(v).isBlank()) {
            throw new IOException("an entry without " + key + ": " + entry);
        }
        return str(v);
    }

    private static String str(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d && d == Math.rint(d)) {
            return Long.toString(d.longValue());
        }
        return v.toString();
    }

    private static double number(Object v, double fallback) {
        return v instanceof Number n ? n.doubleValue() : fallback;
    }
}
