package org.movierec.launcher;

import java.nio.file.Path;

/** The platform's services the launcher runs, each from its module's Quarkus fast-jar. */
public enum Service {

    INFERENCE("inference-service", "-Xmx1g"),
    TELEMETRY("telemetry-collector", "-Xmx768m"),
    RETRAIN("retrain-service", "-Xmx2g"),
    ROUTER("ab-router", "-Xmx512m"),
    SIMULATOR("simulator", "-Xmx768m");

    private final String module;
    private final String maxHeap;

    Service(String module, String maxHeap) {
        this.module = module;
        this.maxHeap = maxHeap;
    }

    /** The Maven module (and the name in logs). */
    public String module() {
        return module;
    }

    /** The -Xmx option the launcher gives it. */
    public String maxHeap() {
        return maxHeap;
    }

    /** {@code <root>/<module>/target/quarkus-app/quarkus-run.jar}. */
    public Path jar(Path root) {
        return root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }
}
