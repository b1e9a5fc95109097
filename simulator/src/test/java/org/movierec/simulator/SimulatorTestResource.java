package org.movierec.simulator;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.Map;

/**
 * A fresh data directory (so every test run bootstraps anew) and a free loopback port for the fake
 * router the tests start ({@link FakeRouter}), given to the simulator as {@code simulator.data-dir}
 * and {@code simulator.router-url}.
 */
public class SimulatorTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        try (ServerSocket socket = new ServerSocket(0)) {
            String dataDir = Files.createTempDirectory("simulator-test").toString();
            return Map.of("simulator.data-dir", dataDir,
                    "simulator.router-url", "http://127.0.0.1:" + socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
    }
}
