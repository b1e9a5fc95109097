package org.movierec.retrain;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.movierec.core.generate.GeneratedData;
import org.movierec.core.generate.SyntheticMovie;
import org.movierec.core.generate.SyntheticUser;
import org.movierec.retrain.snapshot.UserApiClient;

/**
 * The streaming service's user/movie API for tests, as the simulator serves it, on a WireMock server on loopback:
 * {@code GET /users} and {@code GET /movies} with {@code offset}/{@code limit} paging and {@code X-Total-Count},
 * from generated data. Pages are stubbed for the page size {@link UserApiClient} asks for.
 */
public final class UserApiStandIn {

    private UserApiStandIn() {
    }

    /** A WireMock server on 127.0.0.1 and a free port, started, that serves the users and movies of {@code data}. */
    public static WireMockServer start(GeneratedData data) {
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
        WireMockServer server = LoopbackWireMock.start();
        stubPages(server, "/users", users);
        stubPages(server, "/movies", movies);
        return server;
    }

    /** One stub per page of {@link UserApiClient#PAGE} entries, the last one short (possibly empty). */
    private static void stubPages(WireMockServer server, String path, List<Map<String, Object>> all) {
        int limit = UserApiClient.PAGE;
        for (int offset = 0; offset <= all.size(); offset += limit) {
            List<Map<String, Object>> page = all.subList(offset, Math.min(offset + limit, all.size()));
            server.stubFor(get(urlPathEqualTo(path))
                    .withQueryParam("offset", equalTo(Integer.toString(offset)))
                    .withQueryParam("limit", equalTo(Integer.toString(limit)))
                    .willReturn(okJson(RetrainJson.write(page)).withHeader("X-Total-Count", Integer.toString(all.size()))));
        }
    }
}
