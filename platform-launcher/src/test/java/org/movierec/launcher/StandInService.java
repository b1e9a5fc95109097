package org.movierec.launcher;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for one of the platform's services in a child JVM: answers 200 on {@code /q/health/live},
 * {@code /q/health/ready} and {@code /q/metrics} (one counter), so the supervisor, Prometheus and {@code bin/drill}
 * can be exercised without the stack. {@link #main} is the child; an instance is the {@link Supervisor.Child}.
 */
final class StandInService implements Supervisor.Child {

    private final String name;
    private final int port;
    private final Path log;
    private volatile Process process;

    StandInService(String name, int port, Path log) {
        this.name = name;
        this.port = port;
        this.log = log;
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
    public String name() {
        return name;
    }

    @Override
    public CompletableFuture<Integer> start() {
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), StandInService.class.getName(), Integer.toString(port))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return process.onExit().thenApply(Process::exitValue);
    }

    @Override
    public void stop() {
        Process p = process;
        if (p != null && p.isAlive()) {
            p.destroy();
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void awaitReady() {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline) {
            Process p = process;
            if (p == null || !p.isAlive()) {
                throw new IllegalStateException(name + " exited");
            }
            if (HttpCalls.get("http://127.0.0.1:" + port + "/q/health/ready").status() == 200) {
                return;
            }
            Waits.pause(Duration.ofMillis(200));
        }
        throw new IllegalStateException(name + " not ready within 1 min");
    }
}
