package org.movierec.launcher;

import java.util.List;
import java.util.logging.Level;
import org.jboss.logmanager.LogContext;

/**
 * Keeps the launcher's console for its own progress: the clients it uses in this JVM (Kafka admin, MongoDB
 * driver, mongo-java-server, embedded PostgreSQL) log through SLF4J to JBoss LogManager, and only their
 * warnings are shown. The services log to their own files.
 */
final class QuietLogs {

    private static final List<String> CHATTY = List.of("org.apache.kafka", "org.mongodb.driver", "de.bwaldvogel",
            "io.zonky", "org.flywaydb", "org.h2");

    private QuietLogs() {
    }

    static void apply() {
        for (String name : CHATTY) {
            LogContext.getLogContext().getLogger(name).setLevel(Level.WARNING);
        }
    }
}
