package org.movierec.simulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import org.movierec.contracts.events.CreateAccountEvent;
import org.movierec.core.generate.SyntheticUser;
import org.movierec.simulator.catalog.Accounts;
import org.movierec.simulator.movielog.LineKind;
import org.movierec.simulator.movielog.LineSink;

/**
 * {@code POST /user} with {@code {"age":25,"gender":"F","occupation":"programmer"}}: creates an account
 * ({@link Accounts}) and writes its {@code GET /create_account} line, as the real service logs a sign-up; answers
 * 201 with the user as {@code GET /user/{id}} describes it. A body that is not such an object, an unknown field or
 * a value outside the MovieLens demographics is 400 problem+json. (At {@code @Path("/")} like {@link CatalogResource}:
 * a class at {@code /user} would be chosen for {@code /user/{id}} too, and answer it 404.)
 */
@Path("/")
public class AccountResource {

    private static final Set<String> FIELDS = Set.of("age", "gender", "occupation");
    private static final String BODY_EXAMPLE = "{\"age\":25,\"gender\":\"F\",\"occupation\":\"programmer\"}";

    @Inject
    Accounts accounts;

    @Inject
    LineSink lines;

    @Inject
    ObjectMapper json;

    @POST
    @Path("user")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(String body) {
        JsonObjectBody parsed = JsonObjectBody.parse(json, body, BODY_EXAMPLE, FIELDS);
        if (parsed instanceof JsonObjectBody.Refused refused) {
            return Errors.badRequest(refused.detail());
        }
        JsonNode fields = ((JsonObjectBody.Parsed) parsed).fields();
        JsonNode age = fields.get("age");
        JsonNode gender = fields.get("gender");
        JsonNode occupation = fields.get("occupation");
        Optional<String> problem = Accounts.problem(age != null && age.isInt() ? age.intValue() : null,
                gender != null && gender.isTextual() ? gender.textValue() : null,
                occupation != null && occupation.isTextual() ? occupation.textValue() : null);
        if (problem.isPresent()) {
            return Errors.badRequest(problem.get());
        }
        SyntheticUser user = accounts.create(age.intValue(), gender.textValue(), occupation.textValue());
        long id = Long.parseLong(user.id());
        LocalDateTime now = LocalDateTime.ofInstant(Clock.systemUTC().instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        lines.write(id, new CreateAccountEvent(now, id).toLine(), LineKind.ACCOUNT);
        return Response.created(URI.create("/user/" + id)).entity(UserJson.of(user)).build();
    }
}
