package org.movierec.simulator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URI;
import java.util.List;
import java.util.function.LongFunction;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The router the simulator calls, stood in by WireMock on the port of {@code simulator.router-url}:
 * {@code GET /recommend/{userId}} answers what the test asks for — the comma-separated list a function gives for
 * the user (plain text, like the inference service), an error status with a body, or a list after a delay. Each
 * test starts its own and closes it, so a test without one sees a router that is down (connection refused).
 */
public final class RouterStandIn implements AutoCloseable {

    private static final String RECOMMEND = "/recommend/[0-9]+";

    private final WireMockServer server;
    private final Lists lists = new Lists();

    private RouterStandIn(int port) {
        server = new WireMockServer(options().bindAddress("127.0.0.1").port(port).extensions(lists));
        server.start();
    }

    /** Starts on the port of the simulator's {@code simulator.router-url}, answering nothing until told. */
    public static RouterStandIn atConfiguredUrl() {
        URI url = URI.create(ConfigProvider.getConfig().getValue("simulator.router-url", String.class));
        return new RouterStandIn(url.getPort());
    }

    /** From now on, answers 200 with {@code answers.apply(userId)}, at once. */
    public void answer(LongFunction<List<String>> answers) {
        answerAfter(0, answers);
    }

    /** From now on, answers 200 with {@code answers.apply(userId)} after {@code delayMillis}. */
    public void answerAfter(int delayMillis, LongFunction<List<String>> answers) {
        lists.answers = answers;
        server.stubFor(get(urlPathMatching(RECOMMEND)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/plain").withFixedDelay(delayMillis).withTransformers(Lists.NAME)));
    }

    /** From now on, answers {@code status} with {@code body}. */
    public void fail(int status, String body) {
        server.stubFor(get(urlPathMatching(RECOMMEND)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "text/plain").withBody(body)));
    }

    /** The {@code /recommend} calls received so far. */
    public long calls() {
        return server.countRequestsMatching(getRequestedFor(urlPathMatching(RECOMMEND)).build()).getCount();
    }

    @Override
    public void close() {
        server.stop();
    }

    /** Writes the body of a list answer: the list the test's function gives for the user of the path. */
    private static final class Lists implements ResponseDefinitionTransformerV2 {

        static final String NAME = "recommendation-lists";

        volatile LongFunction<List<String>> answers = user -> List.of();

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            String path = URI.create(serveEvent.getRequest().getUrl()).getPath();
            long user = Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
            return ResponseDefinitionBuilder.like(serveEvent.getResponseDefinition())
                    .withBody(String.join(",", answers.apply(user)) + "\n").build();
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return NAME;
        }
    }
}
