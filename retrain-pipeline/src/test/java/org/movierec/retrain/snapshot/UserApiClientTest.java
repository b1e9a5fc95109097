package org.movierec.retrain.snapshot;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.StringJoiner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.movierec.retrain.LoopbackWireMock;

/** Paging and refusals of the user/movie API client, against WireMock. */
class UserApiClientTest {

    WireMockServer api;
    UserApiClient client;

    @BeforeEach
    void start() {
        api = LoopbackWireMock.start();
        client = new UserApiClient(LoopbackWireMock.url(api) + "/", Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        api.stop();
    }

    @Test
    void readsPageAfterPageUntilAShortOne() throws Exception {
        StringJoiner full = new StringJoiner(",", "[", "]");
        for (int i = 1; i <= UserApiClient.PAGE; i++) {
            full.add("{\"user_id\":" + i + ",\"age\":30,\"occupation\":\"writer\",\"gender\":\"F\"}");
        }
        page("/users", 0, full.toString());
        page("/users", UserApiClient.PAGE, "[{\"user_id\":\"1001\",\"age\":41.0,\"gender\":\"M\"}]");
        page("/movies", 0, "[{\"movie_id\":\"the+matrix+1999\",\"title\":\"The Matrix\",\"genres\":[\"Action\"],"
                + "\"release_date\":\"1999-03-31\",\"popularity\":12.5}]");

        Directory directory = client.fetch();

        assertThat(directory.users()).hasSize(UserApiClient.PAGE + 1);
        assertThat(directory.users().get("1")).isEqualTo(new UserProfile("1", 30, "F", "writer"));
        assertThat(directory.users().get("1001")).isEqualTo(new UserProfile("1001", 41, "M", ""));
        assertThat(directory.movies().get("the+matrix+1999")).isEqualTo(new MovieInfo("the+matrix+1999",
                "The Matrix", List.of("Action"), "1999-03-31", 12.5));
        api.verify(2, getRequestedFor(urlPathEqualTo("/users")));
        api.verify(1, getRequestedFor(urlPathEqualTo("/movies")));
    }

    @Test
    void refusesAnAnswerThatIsNotAJsonArrayOfObjects() {
        api.stubFor(get(urlPathEqualTo("/users")).willReturn(okJson("<html>")));
        assertThatThrownBy(client::fetch).isInstanceOf(IOException.class).hasMessageContaining("/users")
                .hasMessageContaining("not JSON");

        api.stubFor(get(urlPathEqualTo("/users")).willReturn(okJson("{\"users\":[]}")));
        assertThatThrownBy(client::fetch).isInstanceOf(IOException.class).hasMessageContaining("expected a JSON array");

        api.stubFor(get(urlPathEqualTo("/users")).willReturn(okJson("[1]")));
        assertThatThrownBy(client::fetch).isInstanceOf(IOException.class)
                .hasMessageContaining("expected JSON objects in the array");

        api.stubFor(get(urlPathEqualTo("/users")).willReturn(WireMock.serverError()));
        assertThatThrownBy(client::fetch).isInstanceOf(IOException.class).hasMessageContaining("answered HTTP 500");
    }

    private void page(String path, int offset, String body) {
        api.stubFor(get(urlPathEqualTo(path)).withQueryParam("offset", equalTo(Integer.toString(offset)))
                .withQueryParam("limit", equalTo(Integer.toString(UserApiClient.PAGE))).willReturn(okJson(body)));
    }
}
