package org.movierec.testkit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Starts each kind of infrastructure at most once per JVM for the Quarkus test resources, and stops it when the
 * JVM exits.
 *
 * <p>Quarkus may load test resources in more than one class loader (one per application it builds), so a static
 * field alone would not be shared. The configuration of a running component is therefore published as system
 * properties ({@code movierec.testkit.shared.<name>.<key>}); a later request from any class loader returns the
 * published configuration instead of starting a second instance.
 */
final class SharedInfrastructure {

    private static final String PREFIX = "movierec.testkit.shared.";

    private SharedInfrastructure() {
    }

    /**
     * Returns the configuration of the component called {@code name}, starting it first if no class loader of
     * this JVM has done so yet.
     *
     * @param name a short name such as {@code kafka}
     * @param starter starts the component and returns it with its configuration
     * @return the configuration (keys and values the services read)
     */
    static synchronized Map<String, String> configOf(String name, Supplier<Started> starter) {
        Map<String, String> published = published(name);
        if (!published.isEmpty()) {
            return published;
        }
        Started started = starter.get();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(started.component()),
                "testkit-" + name + "-stopper"));
        started.config().forEach((key, value) -> System.setProperty(PREFIX + name + "." + key, value));
        return Map.copyOf(started.config());
    }

    private static Map<String, String> published(String name) {
        String prefix = PREFIX + name + ".";
        Map<String, String> config = new LinkedHashMap<>();
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith(prefix)) {
                config.put(key.substring(prefix.length()), System.getProperty(key));
            }
        }
        return config;
    }

    private static void closeQuietly(AutoCloseable component) {
        try {
            component.close();
        } catch (Exception e) {
            System.err.println("testkit: cannot stop " + component + ": " + e);
        }
    }

    /**
     * A started component and the configuration that points services at it.
     *
     * @param component closed when the JVM exits
     * @param config the configuration keys and values
     */
    record Started(AutoCloseable component, Map<String, String> config) {
    }
}
