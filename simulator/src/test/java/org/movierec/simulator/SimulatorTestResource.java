package org.movierec.simulator;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.Map;

/**
 * A fresh data directory (so every test run bootstraps anew) and a free loopback port for the fake
 * router the tests start ({@link RouterStandIn}), given to the simulator as {@code simulator.data-dir}
 * and {@code simulator.router-url}.
 */
public class SimulatorTestResource implements QuarkusTestResourceLifecycleManager {

    private Path dataDir;

    @Override
    public Map<String, String> start() {
        try (ServerSocket socket = new ServerSocket(0)) {
            dataDir = Files.createTempDirectory("simulator-test");
            return Map.of("simulator.data-dir", dataDir.toString(),
                    "simulator.router-url", "http://127.0.0.1:" + socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the data directory. */
    @Override
    public void stop() {
        if (dataDir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
