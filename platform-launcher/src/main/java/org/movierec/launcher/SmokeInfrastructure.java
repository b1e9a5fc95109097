package org.movierec.launcher;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.movierec.contracts.events.Topics;
import org.movierec.testkit.KafkaBroker;
import org.movierec.testkit.MongoServer;
import org.movierec.testkit.PostgresServer;

/**
 * The infrastructure the service images need to become ready, for {@code bin/images --smoke}: a Kafka broker
 * (KRaft, child JVM) with the platform's topics, PostgreSQL (embedded binaries) and MongoDB (mongo-java-server, in
 * memory), each on a free port of 127.0.0.1, data in temporary directories deleted on exit.
 *
 * <p>When all three answer it writes their addresses, one {@code NAME=value} line each in the services'
 * environment-variable names, to the file given as the only argument (written to a temporary name and moved, so a
 * reader never sees half of it), then runs until it is stopped (SIGTERM or SIGINT: a shutdown hook stops the three
 * in reverse order). The containers run with {@code --network host}, so they reach these loopback addresses.
 *
 * <p>Not {@link LocalStack}: that one also starts the services from their jars and seeds data; the smoke test
 * wants only what the images need, with nothing kept.
 */
public final class SmokeInfrastructure {

    private SmokeInfrastructure() {
    }

    /**
     * Starts the infrastructure, writes the addresses file and waits to be stopped.
     *
     * @param args the addresses file
     * @throws InterruptedException if interrupted while waiting
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length != 1) {
            System.err.println("usage: SmokeInfrastructure <addresses-file>");
            System.exit(2);
        }
        QuietLogs.apply();
        Path addresses = Path.of(args[0]).toAbsolutePath();
        PostgresServer postgres = PostgresServer.builder().database(LocalStack.DATABASE).build();
        MongoServer mongo = MongoServer.builder().build();
        KafkaBroker kafka = KafkaBroker.builder().maxHeap("384m").build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.close();
            mongo.close();
            postgres.close();
            stopped.countDown();
        }, "smoke-infrastructure-stop"));

        postgres.start();
        mongo.start();
        kafka.start();
        kafka.createTopic(Topics.MOVIELOG, 2);
        kafka.createTopic(Topics.MOVIELOG_DLQ, 1);
        kafka.createTopic(Topics.SERVED, 1);
        kafka.createTopic(Topics.SERVED + ".dlq", 1);

        String lines = "KAFKA_BOOTSTRAP_SERVERS=" + kafka.bootstrapServers() + "\n"
                + "MONGODB_URI=" + mongo.connectionString() + "\n"
                + "DATABASE_URL=" + postgres.jdbcUrl() + "\n"
                + "DATABASE_USER=" + postgres.user() + "\n"
                + "DATABASE_PASSWORD=" + postgres.password() + "\n";
        TextFiles.write(addresses, lines);
        System.out.print(lines);
        System.out.flush();
        stopped.await();
    }

}
