package org.movierec.simulator.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.movierec.contracts.events.MovieIdCharset;
import org.movierec.contracts.events.MovielogParserConfig;
import org.movierec.core.ids.UserIds;
import org.movierec.simulator.catalog.Accounts;
import org.movierec.simulator.catalog.World;

/**
 * The streaming service's user and movie API: {@code GET /user/{id}}, {@code GET /movie/{id}}, and
 * the bulk pages the retrain snapshot reads, {@code GET /users} and {@code GET /movies}
 * ({@code ?offset=0&limit=1000}, limit 1..10000, total in {@code X-Total-Count}). Bad input is 400,
 * an unknown id 404, both with {@code {"error":"..."}}. Users are the world's and, after them, the accounts
 * created in the viewer's app ({@link Accounts}, {@code POST /user}).
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class CatalogResource {

    /** The largest page. */
    static final int MAX_LIMIT = 10_000;
    static final int DEFAULT_LIMIT = 1_000;

    @Inject
    World world;

    @Inject
    Accounts accounts;

    @GET
    @Path("user/{id}")
    public Response user(@PathParam("id") String id) {
        String problem = UserIds.problem(id);
        if (problem != null) {
            return Errors.badRequest(problem);
        }
        return accounts.user(UserIds.parse(id)).map(user -> Response.ok(UserJson.of(user)).build())
                .orElseGet(() -> Errors.notFound("unknown user " + id + " (users are 1.." + accounts.userCount() + ")"));
    }

    @GET
    @Path("movie/{id}")
    public Response movie(@PathParam("id") String id) {
        String problem = movieIdProblem(id);
        if (problem != null) {
            return Errors.badRequest(problem);
        }
        int movie = world.movieIndex(id);
        if (movie < 0) {
            return Errors.notFound("unknown movie '" + id + "'");
        }
        return Response.ok(MovieJson.of(world.movie(movie))).build();
    }

    @GET
    @Path("users")
    public Response users(@QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        Page page;
        try {
            page = Page.parse(offset, limit);
        } catch (IllegalArgumentException e) {
            return Errors.badRequest(e.getMessage());
        }
        List<UserJson> users = new ArrayList<>();
        long total = accounts.userCount();
        for (long k = page.offset(); k < Math.min(total, page.offset() + page.limit()); k++) {
            users.add(UserJson.of(accounts.userAt(k)));
        }
        return Response.ok(users).header("X-Total-Count", total).build();
    }

    @GET
    @Path("movies")
    public Response movies(@QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        Page page;
        try {
            page = Page.parse(offset, limit);
        } catch (IllegalArgumentException e) {
            return Errors.badRequest(e.getMessage());
        }
        List<MovieJson> movies = new ArrayList<>();
        for (long k = page.offset(); k < Math.min(world.movieCount(), page.offset() + page.limit()); k++) {
            movies.add(MovieJson.of(world.movie((int) k)));
        }
        return Response.ok(movies).header("X-Total-Count", world.movieCount()).build();
    }

    /** The problem with {@code id} as a movie id (the charset and length the {@code movielog} parser accepts), or null. */
    public static String movieIdProblem(String id) {
        if (id == null || id.isEmpty()) {
            return "movie id is empty";
        }
        if (id.length() > MovielogParserConfig.DEFAULT.maxMovieIdLength()) {
            return "movie id is longer than " + MovielogParserConfig.DEFAULT.maxMovieIdLength() + " characters";
        }
        for (int k = 0; k < id.length(); k++) {
            if (!MovieIdCharset.DEFAULT.contains(id.charAt(k))) {
                return "movie id may only hold a-z, 0-9 and " + MovieIdCharset.DEFAULT_PUNCTUATION + ", got '"
                        + (id.length() > 60 ? id.substring(0, 60) + "..." : id) + "'";
            }
        }
        return null;
    }

    /** A page of a bulk listing. */
    record Page(long offset, int limit) {

        static Page parse(String offset, String limit) {
            long o = offset == null || offset.isEmpty() ? 0 : number("offset", offset, 0, Integer.MAX_VALUE);
            int l = limit == null || limit.isEmpty() ? DEFAULT_LIMIT : (int) number("limit", limit, 1, MAX_LIMIT);
            return new Page(o, l);
        }

        private static long number(String name, String text, long min, long max) {
            long value;
            try {
                value = Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be an integer, got '" + text + "'");
            }
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + " must be in " + min + ".." + max + ", got " + value);
            }
            return value;
        }
    }
}
