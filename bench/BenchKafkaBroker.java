/**
 * A Kafka broker for the benchmarks (the testkit's, KRaft, one node) on port {@code args[0]} with topic
 * {@code recsys.served} (3 partitions), for {@code args[1]} seconds; prints {@code READY <bootstrap>} once it
 * serves. Run as a single-file program: {@code java -cp <testkit classpath> bench/BenchKafkaBroker.java 19092 300}.
 */
public class BenchKafkaBroker {
    public static void main(String[] args) throws Exception {
        org.movierec.testkit.KafkaBroker broker = org.movierec.testkit.KafkaBroker.builder()
                .port(Integer.parseInt(args[0])).build();
        broker.start();
        broker.createTopic("recsys.served", 3);
        System.out.println("READY " + broker.bootstrapServers());
        Thread.sleep(Long.parseLong(args[1]) * 1000);
        broker.close();
    }
}
