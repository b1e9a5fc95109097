package org.movierec.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

/**
 * The Quarkus test resources, called as Quarkus calls them: each starts its component once per JVM and returns
 * config that reaches it. The components stop at JVM exit.
 */
class TestResourcesTest {

    @Test
    void kafkaResourceIsSharedAndReachable() throws Exception {
        Map<String, String> config = new KafkaTestResource().start();
        assertThat(new KafkaTestResource().start()).as("shared").isEqualTo(config);

        String bootstrap = config.get(KafkaTestResource.BOOTSTRAP_SERVERS);
        assertThat(bootstrap).startsWith("127.0.0.1:");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            // auto.create.topics.enable: the first send creates the topic
            assertThat(producer.send(new ProducerRecord<>("served", "1", "x")).get(60, TimeUnit.SECONDS).offset())
                    .isZero();
        }
    }

    @Test
    void mongoResourceIsSharedAndReachable() {
        Map<String, String> config = new MongoTestResource().start();
        assertThat(new MongoTestResource().start()).as("shared").isEqualTo(config);

        try (MongoClient client = MongoClients.create(config.get(MongoTestResource.CONNECTION_STRING))) {
            client.getDatabase("registry").getCollection("ping").insertOne(new Document("ok", 1));
            assertThat(client.getDatabase("registry").getCollection("ping").countDocuments()).isEqualTo(1);
        }
    }

    @Test
    void postgresResourceIsSharedAndReachable() throws Exception {
        Map<String, String> config = new PostgresTestResource().start();
        assertThat(new PostgresTestResource().start()).as("shared").isEqualTo(config);

        try (Connection c = DriverManager.getConnection(config.get(PostgresTestResource.JDBC_URL),
                config.get(PostgresTestResource.USERNAME), config.get(PostgresTestResource.PASSWORD));
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("SELECT 1")) {
            assertThat(rows.next()).isTrue();
        }
    }
}
