package org.movierec.launcher;

import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * A stand-in for one of the platform's services in a child JVM: answers 200 on {@code /q/health/live},
 * {@code /q/health/ready} and {@code /q/metrics} (one counter), so the supervisor, Prometheus and {@code bin/drill}
 * can be exercised without the stack. {@link #main} is the child; an instance is the {@link Supervisor.Child}.
 *
 * <p>It stays a child process rather than an in-process HTTP stand-in (WireMock): what the supervisor tests
 * exercise is a process that dies, is killed and is restarted.
 */
final class StandInService extends ChildProcess {

    private final int port;

    StandInService(String name, int port, Path log) {
        super(name, log);
        this.port = port;
    }

    /** The child: {@code StandInService <port>}, serving until killed. */
    public static void main(String[] args) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                Integer.parseInt(args[0])), 0);
        byte[] ok = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
        byte[] metrics = "# TYPE stand_in_total counter\nstand_in_total 1\n".getBytes(StandardCharsets.UTF_8);
        for (String path : List.of("/q/health/live", "/q/health/ready", "/q/metrics")) {
            byte[] body = path.equals("/q/metrics") ? metrics : ok;
            server.createContext(path, exchange -> {
                exchange.sendResponseHeaders(200, body.length);
                try (var out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
        }
        server.start();
        System.out.println("stand-in serving on " + args[0]);
    }

    @Override
    List<String> nextCommand() {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), StandInService.class.getName(), Integer.toString(port));
    }

    @Override
    public void awaitReady() {
        try {
            await().atMost(Duration.ofMinutes(1)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
                    .failFast(name() + " exited", () -> !alive())
                    .until(() -> HttpCalls.get("http://127.0.0.1:" + port + "/q/health/ready").status() == 200);
        } catch (TerminalFailureException e) {
            throw new IllegalStateException(name() + " exited", e);
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(name() + " not ready within 1 min", e);
        }
    }
}
