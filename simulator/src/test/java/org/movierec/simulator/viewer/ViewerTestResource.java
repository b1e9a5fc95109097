package org.movierec.simulator.viewer;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Stand-ins for the inference service and the collector the viewer's app reads (WireMock on free loopback ports),
 * given to the simulator as {@code viewer.inference-url} and {@code viewer.telemetry-url}; tests stub what they need.
 */
public class ViewerTestResource implements QuarkusTestResourceLifecycleManager {

    private static WireMockServer inference;
    private static WireMockServer collector;

    @Override
    public Map<String, String> start() {
        inference = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        collector = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        inference.start();
        collector.start();
        return Map.of("viewer.inference-url", "http://127.0.0.1:" + inference.port(),
                "viewer.telemetry-url", "http://127.0.0.1:" + collector.port());
    }

    @Override
    public void stop() {
        inference.stop();
        collector.stop();
    }

    static WireMockServer inference() {
        return inference;
    }

    static WireMockServer collector() {
        return collector;
    }
}
