package org.movierec.router.routing;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
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
import org.movierec.contracts.events.ServedEventHeaders;
import org.movierec.router.RouterConfig;
import org.movierec.router.fallback.FallbackReason;

/**
 * Non-blocking GETs to the inference service over pools of keep-alive HTTP/1.1 connections (Vert.x
 * core client), each abandoned after {@code router.upstream-timeout} of silence.
 *
 * <p><b>Several instances.</b> {@code router.inference-url} may list several inference instances
 * ({@link InferenceInstances}); each call starts at the next in turn. A GET is idempotent, so a call whose instance
 * could not be reached (connection refused, reset or closed before an answer: an instance killed or restarting)
 * goes on at once to the following instances, each tried at most once, and the client does not see it. A call that
 * timed out is not sent on within the call (it has spent its {@code router.upstream-timeout}); the caller's one retry
 * ({@link #retry}) starts at the instance after the one that failed, so it goes to another instance too. Every
 * attempt is timed ({@code outcome="failed"} for one that was sent on). Each thread (in
 * practice each event loop) has its own client, so a request, its upstream connection and its answer
 * stay on one event loop: no hand-over between threads per request. A call succeeds only
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
    private final ThreadLocal<HttpClient> client = ThreadLocal.withInitial(this::newClient);
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
    }

    private HttpClient newClient() {
        HttpClient created = vertx.createHttpClient(new HttpClientOptions()
                        .setKeepAlive(true)
                        .setConnectTimeout((int) timeoutMs),
                new PoolOptions().setHttp1MaxSize(config.upstreamConnections()));
        clients.add(created);
        return created;
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
        InferenceInstances.Instance first = instances.next();
        return from(first, first, pathAndQuery, headers);
    }

    /**
     * The retry of a call that failed with {@code failed}: as {@link #get}, but starting at the instance after the
     * one that failed, so a timed-out instance is not asked twice in a row.
     */
    public Future<UpstreamResponse> retry(Throwable failed, String pathAndQuery, String... headers) {
        InferenceInstances.Instance first = failed instanceof UpstreamFailure failure && failure.instance() >= 0
                ? instances.after(instances.get(failure.instance())) : instances.next();
        return from(first, first, pathAndQuery, headers);
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
        return client.get().request(HttpMethod.GET, instance.port(), instance.host(), instance.basePath() + pathAndQuery)
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
