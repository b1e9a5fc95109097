package org.movierec.retrain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.movierec.core.generate.GeneratedData;
import org.movierec.core.generate.SyntheticMovie;
import org.movierec.core.generate.SyntheticUser;


/**
 * The streaming service's user/movie API for tests, as the simulator serves it: {@code GET /users} and
 * {@code GET /movies} with {@code offset}/{@code limit} paging and {@code X-Total-Count}, from generated data.
 */
public final class UserApiStandIn {

    private UserApiStandIn() {
    }

    /** Serves the users and movies of {@code data} on {@code server}. */
    public static HttpStandIn serve(HttpStandIn server, GeneratedData data) {
        List<Map<String, Object>> users = new ArrayList<>();
        for (SyntheticUser u : data.users()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("user_id", Long.parseLong(u.id()));
            m.put("age", u.age());
            m.put("occupation", u.occupation());
            m.put("gender", u.gender());
            users.add(m);
        }
        List<Map<String, Object>> movies = new ArrayList<>();
        for (SyntheticMovie mv : data.movies()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("movie_id", mv.id());
            m.put("title", mv.title());
            m.put("genres", mv.genres());
            m.put("release_date", mv.year() + "-01-01");
            m.put("popularity", 100.0 / (1 + mv.popularityRank()));
            movies.add(m);
        }
        server.route("GET", "/users", r -> page(users, r.query()));
        server.route("GET", "/movies", r -> page(movies, r.query()));
        return server;
    }

    private static HttpStandIn.Response page(List<Map<String, Object>> all, String query) {
        int offset = 0;
        int limit = 100;
        for (String kv : query == null ? new String[0] : query.split("&")) {
            String[] p = kv.split("=", 2);
            if (p[0].equals("offset")) {
                offset = Integer.parseInt(p[1]);
            } else if (p[0].equals("limit")) {
                limit = Integer.parseInt(p[1]);
            }
        }
        List<Map<String, Object>> page = all.subList(Math.min(offset, all.size()), Math.min(offset + limit, all.size()));
        return new HttpStandIn.Response(200, Map.of("Content-Type", "application/json",
                "X-Total-Count", Integer.toString(all.size())), RetrainJson.write(page));
    }
}
