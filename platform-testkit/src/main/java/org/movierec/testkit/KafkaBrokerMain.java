package org.movierec.testkit;

/**
 * Entry point of the child JVM started by {@link KafkaBroker}: runs {@code kafka.Kafka} and exits when the JVM
 * that started it is gone, so a crashed test run leaves no orphan broker behind.
 *
 * <p>Usage: {@code java -cp <classpath> -Dmovierec.testkit.parent-pid=<pid> org.movierec.testkit.KafkaBrokerMain
 * <server.properties>}. Without the property it behaves exactly like {@code kafka.Kafka}.
 */
public final class KafkaBrokerMain {

    /** System property with the process id of the JVM that owns the broker. */
    public static final String PARENT_PID_PROPERTY = "movierec.testkit.parent-pid";

    private KafkaBrokerMain() {
    }

    /**
     * Watches the parent process (if one is named), then runs the broker.
     *
     * @param args the arguments of {@code kafka.Kafka}: the path of server.properties
     */
    public static void main(String[] args) {
        String parentPid = System.getProperty(PARENT_PID_PROPERTY);
        if (parentPid != null) {
            ProcessHandle.of(Long.parseLong(parentPid)).ifPresentOrElse(
                    parent -> parent.onExit().thenRun(KafkaBrokerMain::parentGone),
                    KafkaBrokerMain::parentGone);
        }
        kafka.Kafka.main(args);
    }

    private static void parentGone() {
        System.err.println("KafkaBrokerMain: the owning JVM has exited; shutting the broker down");
        // System.exit runs Kafka's shutdown hook, which shuts the broker down cleanly.
        System.exit(0);
    }
}
