package org.movierec.retrain;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * WireMock servers standing in for other MovieRec services in tests (the user/movie API, the A/B router): on
 * 127.0.0.1, a free port, HTTP/1.1 only.
 *
 * <p>HTTP/1.1 only because the JDK's {@code HttpClient} (which the pipeline's clients use) asks every plain-HTTP
 * server to upgrade to HTTP/2 ({@code Upgrade: h2c}), and WireMock's Jetty accepts and then intermittently drops
 * the stream ({@code EOFException: EOF reached while reading} after a 30 s stall; wiremock/wiremock issues 2459,
 * 2637, 3577). With the upgrade refused the client stays on HTTP/1.1, as it did with the hand-written stand-in.
 */
public final class LoopbackWireMock {

    private LoopbackWireMock() {
    }

    /** A started server; stop it with {@link WireMockServer#stop()}. */
    public static WireMockServer start() {
        WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
                .http2PlainDisabled(true));
        server.start();
        return server;
    }

    /** The server's base URL, {@code http://127.0.0.1:<port>}. */
    public static String url(WireMockServer server) {
        return "http://127.0.0.1:" + server.port();
    }
}
