package org.movierec.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProducerSettingsTest {

    @Test
    void fireAndForgetWaitsForTheLeaderOnlyAndBlocksBriefly() {
        var s = ProducerSettings.fireAndForget("127.0.0.1:9092", "inference-served").asMap();
        assertThat(s).containsEntry("bootstrap.servers", "127.0.0.1:9092")
                .containsEntry("client.id", "inference-served")
                .containsEntry("acks", "1")
                .containsEntry("max.block.ms", "2000")
                .containsEntry("key.serializer", ProducerSettings.STRING_SERIALIZER)
                .containsEntry("value.serializer", ProducerSettings.STRING_SERIALIZER)
                .doesNotContainKey("enable.idempotence");
    }

    @Test
    void fireAndForgetGathersLargerBatchesThanDurable() {
        var s = ProducerSettings.fireAndForget("127.0.0.1:9092", "ab-router-served").asMap();
        assertThat(s).containsEntry("linger.ms", "20").containsEntry("batch.size", "65536")
                .containsEntry("compression.type", "lz4");
    }

    @Test
    void durableIsIdempotentWithAllReplicas() {
        var s = ProducerSettings.durable("b:9092", "telemetry-dlq", ProducerSettings.BYTES_SERIALIZER).asMap();
        assertThat(s).containsEntry("acks", "all").containsEntry("enable.idempotence", "true")
                .containsEntry("value.serializer", ProducerSettings.BYTES_SERIALIZER);
    }

    @Test
    void withOverridesOneKeyAndLeavesTheOriginalAlone() {
        ProducerSettings base = ProducerSettings.durable("b:9092", "simulator", ProducerSettings.STRING_SERIALIZER);
        ProducerSettings tuned = base.with("linger.ms", "20");
        assertThat(tuned.asMap()).containsEntry("linger.ms", "20");
        assertThat(base.asMap()).containsEntry("linger.ms", "5");
        assertThat(tuned.toProperties().getProperty("acks")).isEqualTo("all");
    }

    @Test
    void bootstrapServersAreRequired() {
        assertThatThrownBy(() -> ProducerSettings.fireAndForget(" ", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void serializerNamesAreKafkasClasses() throws Exception {
        // the names are written out so recsys-core needs no Kafka dependency; check them where Kafka is present
        assertThat(ProducerSettings.STRING_SERIALIZER).isEqualTo("org.apache.kafka.common.serialization.StringSerializer");
        assertThat(ProducerSettings.BYTES_SERIALIZER).isEqualTo("org.apache.kafka.common.serialization.ByteArraySerializer");
        // platform-testkit (a test dependency) brings kafka-clients: the classes must exist
        Class.forName(ProducerSettings.STRING_SERIALIZER);
        Class.forName(ProducerSettings.BYTES_SERIALIZER);
    }
}
