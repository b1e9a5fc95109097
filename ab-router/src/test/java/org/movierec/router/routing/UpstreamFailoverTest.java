package org.movierec.router.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.net.NetServer;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.movierec.router.RouterConfig;
import org.movierec.router.fallback.FallbackReason;

/**
 * {@link UpstreamClient} with two real HTTP servers standing in for two inference instances: calls are shared
 * between them, and a call whose instance is down, or drops the connection, is answered by the other; a timed-out
 * call fails, and its retry goes to the other instance; calls queued behind it on its pipelined connection go on to
 * the other instance. Calls on one connection are sent before the answers ahead of them come (pipelining).
 */
class UpstreamFailoverTest {

    /** How an instance treats a request. */
    private enum Behaviour { ANSWER, DROP_CONNECTION, HANG }

    private Vertx vertx;
    /** The event loop the calls are made on, as the router's route makes them. */
    private Context eventLoop;
    private final List<HttpServer> servers = new ArrayList<>();
    private final List<Behaviour> behaviours = new ArrayList<>();
    private final List<Integer> received = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();

    @BeforeEach
    void startTwoInstances() throws Exception {
        vertx = Vertx.vertx();
        eventLoop = vertx.getOrCreateContext();
        for (int i = 0; i < 2; i++) {
            int index = i;
            behaviours.add(Behaviour.ANSWER);
            received.add(0);
            HttpServer server = vertx.createHttpServer().requestHandler(request -> {
                synchronized (received) {
                    received.set(index, received.get(index) + 1);
                }
                switch (behaviours.get(index)) {
                    case ANSWER -> request.response().putHeader("X-Model-Version", "instance-" + index)
                            .end("m1,m2");
                    case DROP_CONNECTION -> request.connection().close();
                    case HANG -> { }
                }
            });
            servers.add(await(server.listen(0, "127.0.0.1")));
            ports.add(server.actualPort());
        }
    }

    @AfterEach
    void stop() throws Exception {
        await(vertx.close());
    }

    @Test
    void callsAreSharedEquallyBetweenTheInstances() throws Exception {
        UpstreamClient client = client(ports);
        for (int i = 0; i < 10; i++) {
            assertThat(await(onEventLoop(() -> client.get("/recommend/7"))).body().toString()).isEqualTo("m1,m2");
        }
        assertThat(received).containsExactly(5, 5);
    }

    @Test
    void aStoppedInstanceCostsNoFailedCall() throws Exception {
        UpstreamClient client = client(ports);
        await(onEventLoop(() -> client.get("/recommend/7")));
        await(onEventLoop(() -> client.get("/recommend/7")));
        await(servers.get(0).close());
        for (int i = 0; i < 10; i++) {
            assertThat(await(onEventLoop(() -> client.get("/recommend/7"))).modelVersion()).isEqualTo("instance-1");
        }
        assertThat(received).containsExactly(1, 11);
    }

    @Test
    void aConnectionDroppedBeforeTheAnswerIsSentToTheOtherInstance() throws Exception {
        behaviours.set(1, Behaviour.DROP_CONNECTION);
        UpstreamClient client = client(ports);
        for (int i = 0; i < 4; i++) {
            assertThat(await(onEventLoop(() -> client.get("/recommend/7"))).modelVersion()).isEqualTo("instance-0");
        }
        assertThat(received).containsExactly(4, 2);
    }

    @Test
    void aTimedOutCallFailsAndItsRetryGoesToTheOtherInstance() throws Exception {
        behaviours.set(0, Behaviour.HANG);
        UpstreamClient client = client(ports);
        UpstreamFailure failure = failure(onEventLoop(() -> client.get("/recommend/7")));
        assertThat(failure.reason()).isEqualTo(FallbackReason.TIMEOUT);
        assertThat(failure.instance()).isEqualTo(0);
        assertThat(received).containsExactly(1, 0);
        assertThat(await(onEventLoop(() -> client.retry(failure, "/recommend/7"))).modelVersion()).isEqualTo("instance-1");
    }

    @Test
    void whenNoInstanceCanBeReachedTheCallFailsAfterTryingEachOnce() throws Exception {
        await(servers.get(0).close());
        await(servers.get(1).close());
        UpstreamFailure failure = failure(onEventLoop(() -> client(ports).get("/recommend/7")));
        assertThat(failure.reason()).isEqualTo(FallbackReason.CONNECTION);
        assertThat(failure.unreachable()).isTrue();
    }

    @Test
    void callsOnOneConnectionAreSentBeforeTheAnswersAheadOfThemCome() throws Exception {
        int requests = 3;
        NetServer instance = vertx.createNetServer().connectHandler(socket -> {
            StringBuilder seen = new StringBuilder();
            socket.handler(data -> {
                seen.append(data.toString(StandardCharsets.US_ASCII));
                if (seen.toString().split("GET ", -1).length - 1 == requests) { // all sent, none answered yet
                    for (int i = 0; i < requests; i++) {
                        socket.write("HTTP/1.1 200 OK\r\nX-Model-Version: pipelined\r\nContent-Length: 5\r\n\r\nm1,m2");
                    }
                }
            });
        });
        await(instance.listen(0, "127.0.0.1"));
        UpstreamClient client = client(List.of(instance.actualPort()), 1);
        List<Future<UpstreamResponse>> calls = await(onEventLoop(() -> {
            List<Future<UpstreamResponse>> started = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                started.add(client.get("/recommend/" + i));
            }
            return Future.succeededFuture(started);
        }));
        for (Future<UpstreamResponse> call : calls) {
            assertThat(await(call).body().toString()).isEqualTo("m1,m2");
        }
    }

    @Test
    void callsQueuedBehindATimedOutCallOnItsConnectionGoOnToTheOtherInstance() throws Exception {
        behaviours.set(0, Behaviour.HANG);
        UpstreamClient client = client(ports, 1);
        Future<UpstreamResponse> hung = onEventLoop(() -> client.get("/recommend/7")); // instance 0, never answered
        Thread.sleep(100); // the calls below are 100 ms younger: the hung call times out first and closes the connection
        List<Future<UpstreamResponse>> later = await(onEventLoop(() -> {
            List<Future<UpstreamResponse>> started = new ArrayList<>();
            for (int i = 0; i < 4; i++) { // instances 1, 0, 1, 0 in turn: two queue behind the hung call
                started.add(client.get("/recommend/" + i));
            }
            return Future.succeededFuture(started);
        }));
        assertThat(failure(hung).reason()).isEqualTo(FallbackReason.TIMEOUT);
        for (Future<UpstreamResponse> call : later) {
            assertThat(await(call).modelVersion()).isEqualTo("instance-1");
        }
        assertThat(received.get(1)).isEqualTo(4);
    }

    private UpstreamClient client(List<Integer> instancePorts) {
        return client(instancePorts, 2);
    }

    /** A client of the instances on these ports, with {@code connections} pipelined connections to each. */
    private UpstreamClient client(List<Integer> instancePorts, int connections) {
        List<String> urls = instancePorts.stream().map(p -> "http://127.0.0.1:" + p).toList();
        UpstreamClient client = new UpstreamClient();
        client.vertx = vertx;
        client.registry = new SimpleMeterRegistry();
        client.config = (RouterConfig) Proxy.newProxyInstance(RouterConfig.class.getClassLoader(),
                new Class<?>[] {RouterConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "inferenceUrl" -> urls;
                    case "upstreamTimeout" -> Duration.ofMillis(250);
                    case "upstreamConnections" -> connections;
                    case "upstreamPipeliningLimit" -> 32;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        client.init();
        return client;
    }

    /** Makes the call on an event loop, as {@code RecommendRoute} does. */
    private <T> Future<T> onEventLoop(Supplier<Future<T>> call) {
        Promise<T> result = Promise.promise();
        eventLoop.runOnContext(v -> call.get().onComplete(result));
        return result.future();
    }

    private static UpstreamFailure failure(Future<?> call) throws Exception {
        try {
            await(call);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(UpstreamFailure.class);
            return (UpstreamFailure) e.getCause();
        }
        throw new AssertionError("the call succeeded");
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
