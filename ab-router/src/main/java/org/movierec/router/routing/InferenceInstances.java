package org.movierec.router.routing;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The inference instances the router forwards to ({@code router.inference-url}, a comma-separated list), and the
 * order it tries them in. Each call starts at the next instance in turn (round robin), so the instances share the
 * load evenly whatever their latencies; a call that could not reach its instance goes on to the following ones
 * ({@link #after}). A Kubernetes Service is one entry: kube-proxy balances its pods, and a new connection after a
 * failure is routed afresh.
 *
 * <p>Round robin rather than least-outstanding-requests: the instances are replicas of one service on equal
 * hardware, each request costs about the same, and a turn counter needs no bookkeeping per answer.
 */
public final class InferenceInstances {

    private final List<Instance> instances;
    private final AtomicInteger turn = new AtomicInteger();

    /**
     * One instance: where it is, and its index in the list.
     *
     * @param index its position in {@code router.inference-url}, from 0
     * @param host the host name or address
     * @param port the port (80 when the URL names none)
     * @param basePath the path the service's endpoints are below, "" for none
     */
    public record Instance(int index, String host, int port, String basePath) {
    }

    /**
     * Parses the comma-separated {@code urls}.
     *
     * @throws IllegalArgumentException if there is none, or one is not an {@code http://host[:port][/path]} URL
     */
    public static InferenceInstances parse(List<String> urls) {
        List<Instance> parsed = new ArrayList<>();
        for (String raw : urls) {
            String url = raw.strip();
            if (url.isEmpty()) {
                continue;
            }
            URI uri = URI.create(url);
            if (uri.getHost() == null || !"http".equals(uri.getScheme())) {
                throw new IllegalArgumentException("router.inference-url must list http URLs, got " + url);
            }
            String path = uri.getPath() == null || uri.getPath().equals("/") ? "" : uri.getPath();
            parsed.add(new Instance(parsed.size(), uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 80, path));
        }
        if (parsed.isEmpty()) {
            throw new IllegalArgumentException("router.inference-url names no inference instance");
        }
        return new InferenceInstances(parsed);
    }

    private InferenceInstances(List<Instance> instances) {
        this.instances = List.copyOf(instances);
    }

    /** How many instances there are. */
    public int size() {
        return instances.size();
    }

    /** The instance at {@code index} (0 ≤ index &lt; {@link #size()}). */
    public Instance get(int index) {
        return instances.get(index);
    }

    /** The instance a new call starts at: the next one in turn. */
    public Instance next() {
        return instances.get(Math.floorMod(turn.getAndIncrement(), instances.size()));
    }

    /** The instance after {@code instance}, wrapping around (itself when it is the only one). */
    public Instance after(Instance instance) {
        return instances.get((instance.index() + 1) % instances.size());
    }
}
