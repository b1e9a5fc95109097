package org.movierec.router;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A WireMock server standing in for retrain-service's release API in the router's tests (the real one is tested in its
 * own module): answers {@code POST /models/{version}/promote}, anything else 404, and WireMock records every call
 * ({@link #calls()}: path, token, caller, body). By default it releases by calling {@link #onPromote} (the test points
 * it at the registry, as retrain-service would) before it answers 200; after {@link #failWith} it answers that problem
 * instead and releases nothing. The release is a side effect WireMock's stubs cannot express, so one stub hands the
 * promote to a {@link ComputedAnswer}.
 */
public final class RetrainStandIn implements QuarkusTestResourceLifecycleManager {

    /** The token the router is configured with. */
    public static final String TOKEN = "test-only-retrain-token";

    /** A call the stand-in received. */
    public record Call(String path, String authorization, String requestedBy, String body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ComputedAnswer PROMOTE = new ComputedAnswer("retrain-promote", RetrainStandIn::promote);
    private static WireMockServer server;
    private static volatile Consumer<String> onPromote = version -> { };
    private static volatile int failStatus;
    private static volatile String failDetail;

    @Override
    public synchronized Map<String, String> start() {
        if (server == null) {
            server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().extensions(PROMOTE));
            server.start();
            server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(404)
                    .withHeader("Content-Type", "application/problem+json")
                    .withBody(json(Map.of("type", "about:blank", "title", "Not Found", "status", 404, "detail", "no route")))));
            server.stubFor(post(urlPathMatching("/models/[^/]+/promote")).atPriority(1)
                    .willReturn(aResponse().withTransformers(PROMOTE.name())));
        }
        return Map.of("router.retrain-url", "http://127.0.0.1:" + server.port(), "router.retrain-admin-token", TOKEN);
    }

    @Override
    public void stop() {
    }

    /** What a successful promote does (the test's registry). */
    public static void onPromote(Consumer<String> action) {
        onPromote = action;
    }

    /** From now on, answer every promote with this problem. */
    public static void failWith(int status, String detail) {
        failDetail = detail;
        failStatus = status;
    }

    /** From now on, release and answer 200. */
    public static void succeed() {
        failStatus = 0;
    }

    /** The calls so far, oldest first. */
    public static List<Call> calls() {
        return server.getAllServeEvents().stream()
                .map(ServeEvent::getRequest)
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate))
                .map(r -> new Call(URI.create(r.getUrl()).getPath(), r.getHeader("Authorization"),
                        r.getHeader("X-Requested-By"), r.getBodyAsString()))
                .toList();
    }

    /** Forgets the calls so far. */
    public static void clear() {
        server.resetRequests();
    }

    private static String json(Map<String, Object> body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Releases the version of a promote call and answers 200, or answers the problem set by {@link #failWith}. */
    private static ResponseDefinition promote(LoggedRequest request) {
        String version = URI.create(request.getUrl()).getPath().split("/")[2];
        if (failStatus != 0) {
            return aResponse().withStatus(failStatus).withHeader("Content-Type", "application/problem+json")
                    .withBody(json(Map.of("type", "about:blank", "title", "Conflict", "status", failStatus,
                            "detail", failDetail)))
                    .build();
        }
        onPromote.accept(version);
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(json(Map.of("kind", "promote", "version", version))).build();
    }
}
