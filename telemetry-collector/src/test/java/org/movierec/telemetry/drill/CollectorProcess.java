package org.movierec.telemetry.drill;

import java.nio.file.Path;
import java.util.Map;
import org.movierec.testkit.FreePorts;
import org.movierec.testkit.ServiceProcess;

/**
 * The collector as a separate JVM, run from its Quarkus fast-jar ({@code target/quarkus-app/quarkus-run.jar},
 * built by {@code package}), so that a drill can kill it with SIGKILL as a crash would.
 */
public final class CollectorProcess {

    private CollectorProcess() {
    }

    /** The fast-jar of this module (system property {@code telemetry.jar} overrides). */
    public static Path jar() {
        return Path.of(System.getProperty("telemetry.jar", "target/quarkus-app/quarkus-run.jar")).toAbsolutePath();
    }

    /** Starts a collector on a free port with these system properties; its output goes to {@code log}. */
    public static ServiceProcess start(Map<String, String> settings, Path log, String maxHeap) {
        return ServiceProcess.builder("telemetry-collector", jar(), FreePorts.find())
                .jvmOption("-Xmx" + maxHeap)
                .jvmOption("-XX:+UseParallelGC")
                .systemProperties(settings)
                .log(log)
                .build()
                .start();
    }
}
