package org.movierec.router.routing;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.impl.ConnectionBase;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.ConnectException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.movierec.contracts.events.ServedEventHeaders;
import org.movierec.router.RouterConfig;
import org.movierec.router.fallback.FallbackReason;

/**
 * Non-blocking GETs to the inference service over keep-alive HTTP/1.1 connections (Vert.x core client), each
 * abandoned after {@code router.upstream-timeout} of silence.
 *
 * <p><b>Connections.</b> Each event loop keeps {@code router.upstream-connections} connections to each instance and
 * its calls take them in turn; a call is sent on its connection while up to {@code router.upstream-pipelining-limit}
 * earlier calls still wait for their answers (HTTP/1.1 pipelining), and the requests written in one turn of the event
 * loop leave in one write ({@link #consolidateFlushes}). Under load several requests so travel in one write and
 * several answers in one read, on both sides of the hop: in {@code bench/router.sh} the router's CPU per request fell
 * from ~40 to ~16 us and inference's from ~36 to ~26 us (docs/BENCHMARKS.md, issue 16). Fewer connections batch
 * more; but each connection is served by one event loop of the instance's, one at a time (a model whose scoring
 * takes long wants as many connections as the instance has cores), and a Kubernetes Service balances connections,
 * not requests (behind one Service URL, many connections: the router's Kubernetes config sets them). Answers come
 * in order on a connection, so a slow answer holds up the ones behind it; a call that times out closes its
 * connection (HTTP/1.1 cannot cancel one request), and the calls behind it fail as unreachable and go on to the next
 * instance, or to the caller's retry. A request, its connection and its answer stay on the caller's event loop: no
 * hand-over between threads per request. A caller that is not on an event loop (the popularity refresh at startup
 * and on its schedule) has its call made on one: callbacks of a call made elsewhere could run after the event loop
 * had read the answer, and see an empty body.
 *
 * <p><b>Several instances.</b> {@code router.inference-url} may list several inference instances
 * ({@link InferenceInstances}); each call starts at the next in turn. A GET is idempotent, so a call whose instance
 * could not be reached (connection refused, reset or closed before an answer: an instance killed or restarting)
 * goes on at once to the following instances, each tried at most once, and the client does not see it. A call that
 * timed out is not sent on within the call (it has spent its {@code router.upstream-timeout}); the caller's one retry
 * ({@link #retry}) starts at the instance after the one that failed, so it goes to another instance too. Every
 * attempt is timed ({@code outcome="failed"} for one that was sent on). A call succeeds only
 * with a 200; anything else fails with an {@link UpstreamFailure} naming the reason. Every call's
 * latency is timed ({@code router.upstream}, by outcome) into the platform's fixed histogram buckets
 * ({@code LatencyHistograms}), from which the recording rule and the dashboard take the p99; the timer computes no
 * percentiles of its own: that is a rotating HdrHistogram recorded on every request (issue 16's profile of the
 * forwarding path), and a per-instance percentile cannot be aggregated across replicas anyway.
 */
@ApplicationScoped
public class UpstreamClient {

    @Inject
    Vertx vertx;

    @Inject
    RouterConfig config;

    @Inject
    MeterRegistry registry;

    private final List<HttpClient> clients = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Connections> connections = ThreadLocal.withInitial(this::newConnections);
    private Context callerlessContext;
    private InferenceInstances instances;
    private long timeoutMs;
    private Timer ok;
    private Timer failed;

    @PostConstruct
    void init() {
        instances = InferenceInstances.parse(config.inferenceUrl());
        timeoutMs = Math.max(1, config.upstreamTimeout().toMillis());
        ok = timer("ok");
        failed = timer("failed");
        // Vert.x has no public way to ask for an event-loop context from any thread; this is what
        // getOrCreateContext() does on a thread outside Vert.x.
        callerlessContext = ((VertxInternal) vertx).createEventLoopContext();
    }

    /** One event loop's connections: a client of one pipelined connection (to each instance) per connection. */
    private static final class Connections {
        private final HttpClient[] clients;
        private int turn;

        Connections(HttpClient[] clients) {
            this.clients = clients;
        }

        HttpClient next() {
            turn = turn + 1 == clients.length ? 0 : turn + 1;
            return clients[turn];
        }
    }

    /**
     * Requests written to the connection within one turn of its event loop leave in one write: Vert.x flushes every
     * request it writes outside the connection's own reads, and the router writes a request while reading its
     * client's. The flush is made when the event loop has handled what it read in this turn (Netty's
     * {@link FlushConsolidationHandler}, placed before the HTTP codec), so a turn that read ten clients' requests
     * sends them in one write.
     */
    private static void consolidateFlushes(HttpConnection connection) {
        if (connection instanceof ConnectionBase base) {
            base.channel().pipeline().addFirst("flush-consolidation", new FlushConsolidationHandler(
                    FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true));
        }
    }

    private Connections newConnections() {
        int limit = config.upstreamPipeliningLimit();
        HttpClient[] each = new HttpClient[config.upstreamConnections()];
        for (int i = 0; i < each.length; i++) {
            each[i] = vertx.httpClientBuilder()
                    .with(new HttpClientOptions()
                            .setKeepAlive(true)
                            .setPipelining(limit > 1)
                            .setPipeliningLimit(limit)
                            .setConnectTimeout((int) timeoutMs))
                    .with(new PoolOptions().setHttp1MaxSize(1))
                    .withConnectHandler(UpstreamClient::consolidateFlushes)
                    .build();
            clients.add(each[i]);
        }
        return new Connections(each);
    }

    @PreDestroy
    void close() {
        clients.forEach(HttpClient::close);
    }

    private Timer timer(String outcome) {
        return Timer.builder("router.upstream").description("latency of calls to the inference service")
                .tag("outcome", outcome).register(registry);
    }

    /**
     * GET {@code pathAndQuery} (below the inference URL) with the given headers (name, value pairs;
     * null values are skipped), starting at the next instance in turn.
     */
    public Future<UpstreamResponse> get(String pathAndQuery, String... headers) {
        if (!Context.isOnEventLoopThread()) {
            return onEventLoop(() -> get(pathAndQuery, headers));
        }
        InferenceInstances.Instance first = instances.next();
        return from(first, first, pathAndQuery, headers);
    }

    /**
     * The retry of a call that failed with {@code failed}: as {@link #get}, but starting at the instance after the
     * one that failed, so a timed-out instance is not asked twice in a row.
     */
    public Future<UpstreamResponse> retry(Throwable failed, String pathAndQuery, String... headers) {
        if (!Context.isOnEventLoopThread()) {
            return onEventLoop(() -> retry(failed, pathAndQuery, headers));
        }
        InferenceInstances.Instance first = failed instanceof UpstreamFailure failure && failure.instance() >= 0
                ? instances.after(instances.get(failure.instance())) : instances.next();
        return from(first, first, pathAndQuery, headers);
    }

    private <T> Future<T> onEventLoop(Supplier<Future<T>> call) {
        Promise<T> result = Promise.promise();
        callerlessContext.runOnContext(v -> call.get().onComplete(result));
        return result.future();
    }

    /** Asks {@code instance}, then, while instances are unreachable, the following ones up to {@code first}. */
    private Future<UpstreamResponse> from(InferenceInstances.Instance first, InferenceInstances.Instance instance,
                                          String pathAndQuery, String... headers) {
        return attempt(instance, pathAndQuery, headers).recover(error -> {
            UpstreamFailure failure = (UpstreamFailure) error;
            InferenceInstances.Instance following = instances.after(instance);
            if (!failure.unreachable() || following.equals(first)) {
                return Future.failedFuture(failure);
            }
            return from(first, following, pathAndQuery, headers);
        });
    }

    private Future<UpstreamResponse> attempt(InferenceInstances.Instance instance, String pathAndQuery,
                                             String... headers) {
        long start = System.nanoTime();
        return connections.get().next().request(HttpMethod.GET, instance.port(), instance.host(), instance.basePath() + pathAndQuery)
                .compose(request -> {
                    request.idleTimeout(timeoutMs);
                    for (int i = 0; i < headers.length; i += 2) {
                        if (headers[i + 1] != null) {
                            request.putHeader(headers[i], headers[i + 1]);
                        }
                    }
                    return request.send();
                })
                .compose(response -> response.body().compose(body -> {
                    if (response.statusCode() != 200) {
                        FallbackReason reason = response.statusCode() >= 500 ? FallbackReason.UPSTREAM_ERROR
                                : FallbackReason.UPSTREAM_REJECTED;
                        return Future.failedFuture(new UpstreamFailure(reason, "inference answered "
                                + response.statusCode() + ": " + body.toString().trim(), response.statusCode()));
                    }
                    return Future.succeededFuture(new UpstreamResponse(response.getHeader("Content-Type"),
                            response.getHeader("X-Model-Version"), body, toPublish(response)));
                }))
                .recover(error -> Future.failedFuture(classify(error).at(instance.index())))
                .andThen(result -> (result.succeeded() ? ok : failed)
                        .record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
    }

    /** The served list of an answer whose served event the router publishes, as inference acknowledged it. */
    private static Optional<ServedList> toPublish(HttpClientResponse response) {
        if (!ServedEventHeaders.routerPublishes(response.getHeader(ServedEventHeaders.PUBLISHED_BY))) {
            return Optional.empty();
        }
        return Optional.of(ServedList.fromHeaders(response.getHeader(ServedEventHeaders.ITEMS),
                response.getHeader(ServedEventHeaders.POPULARITY)));
    }

    private static UpstreamFailure classify(Throwable error) {
        if (error instanceof UpstreamFailure failure) {
            return failure;
        }
        if (error instanceof TimeoutException || error instanceof io.netty.channel.ConnectTimeoutException) {
            return new UpstreamFailure(FallbackReason.TIMEOUT, "inference did not answer in time: " + error.getMessage());
        }
        if (error instanceof ConnectException) {
            return new UpstreamFailure(FallbackReason.CONNECTION, "inference unreachable: " + error.getMessage());
        }
        return new UpstreamFailure(FallbackReason.CONNECTION, "inference call failed: " + error);
    }
}
