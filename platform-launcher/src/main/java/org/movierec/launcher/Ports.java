package org.movierec.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.movierec.testkit.FreePorts;

/**
 * The loopback ports of a local stack: the documented defaults ({@link #defaults()}: router 8082 as clients
 * expect) or free ones for tests ({@link #free()}).
 *
 * <p>The monitoring tools' ports ({@code prometheus}, {@code alertmanager}, {@code grafana}) are not part of
 * {@link #taken()}: a tool whose port is busy is skipped with a note, the stack still starts.
 */
public record Ports(int kafka, int kafkaController, int postgres, int mongo, Map<Service, Integer> services,
        int prometheus, int alertmanager, int grafana) {

    public Ports {
        services = Map.copyOf(services);
        for (Service s : Service.values()) {
            if (!services.containsKey(s)) {
                throw new IllegalArgumentException("no port for " + s.module());
            }
        }
    }

    /**
     * Kafka 9092 (controller 9095: 9093 and 9094 are Alertmanager's), PostgreSQL 5432, MongoDB 27017, services
     * 8081..8085, Prometheus 9090, Alertmanager 9093, Grafana 3000.
     */
    public static Ports defaults() {
        Map<Service, Integer> services = new EnumMap<>(Service.class);
        services.put(Service.INFERENCE, 8081);
        services.put(Service.ROUTER, 8082);
        services.put(Service.TELEMETRY, 8083);
        services.put(Service.RETRAIN, 8084);
        services.put(Service.SIMULATOR, 8085);
        return new Ports(9092, 9095, 5432, 27017, services, 9090, 9093, 3000);
    }

    /** Free ports for everything (tests next to a running local stack). */
    public static Ports free() {
        Map<Service, Integer> services = new EnumMap<>(Service.class);
        for (Service s : Service.values()) {
            services.put(s, FreePorts.find());
        }
        return new Ports(FreePorts.find(), FreePorts.find(), FreePorts.find(), FreePorts.find(), services, FreePorts.find(),
                FreePorts.find(), FreePorts.find());
    }

    /**
     * Writes the ports to {@code file} (Java properties), so that tools run beside the stack ({@code bin/drill}) find
     * it: {@code kafka=9092}, {@code inference-service=8081}, ..., {@code prometheus=9090}.
     */
    public void write(Path file) {
        Properties p = new Properties();
        p.setProperty("kafka", Integer.toString(kafka));
        p.setProperty("kafka-controller", Integer.toString(kafkaController));
        p.setProperty("postgres", Integer.toString(postgres));
        p.setProperty("mongo", Integer.toString(mongo));
        services.forEach((s, port) -> p.setProperty(s.module(), Integer.toString(port)));
        p.setProperty("prometheus", Integer.toString(prometheus));
        p.setProperty("alertmanager", Integer.toString(alertmanager));
        p.setProperty("grafana", Integer.toString(grafana));
        try {
            Files.createDirectories(file.getParent());
            try (var out = Files.newBufferedWriter(file)) {
                p.store(out, "Ports of the running MovieRec stack (written by bin/start)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Reads what {@link #write} wrote.
     *
     * @throws IllegalStateException if the file is missing or incomplete
     */
    public static Ports read(Path file) {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + " (has bin/start run with this home?)", e);
        }
        Map<Service, Integer> services = new EnumMap<>(Service.class);
        for (Service s : Service.values()) {
            services.put(s, port(p, s.module(), file));
        }
        return new Ports(port(p, "kafka", file), port(p, "kafka-controller", file), port(p, "postgres", file),
                port(p, "mongo", file), services, port(p, "prometheus", file), port(p, "alertmanager", file),
                port(p, "grafana", file));
    }

    private static int port(Properties p, String key, Path file) {
        String value = p.getProperty(key);
        if (value == null) {
            throw new IllegalStateException(file + " has no " + key + " port");
        }
        return Integer.parseInt(value.trim());
    }

    public int of(Service service) {
        return services.get(service);
    }

    /** The ports already taken on 127.0.0.1, with what the stack wanted them for. */
    public List<String> taken() {
        Map<String, Integer> all = new LinkedHashMap<>();
        all.put("Kafka", kafka);
        all.put("Kafka controller", kafkaController);
        all.put("PostgreSQL", postgres);
        all.put("MongoDB", mongo);
        for (Service s : Service.values()) {
            all.put(s.module(), of(s));
        }
        List<String> taken = new ArrayList<>();
        all.forEach((what, port) -> {
            if (FreePorts.inUse(port)) {
                taken.add(port + " (" + what + ")");
            }
        });
        return taken;
    }
}
