package org.movierec.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

class ConsumerSettingsTest {

    @Test
    void everyPartitionFromTheEndHasNoGroupCommitsNothingAndStartsAtTheEnd() {
        var s = ConsumerSettings.everyPartitionFromTheEnd("127.0.0.1:9092", "inference-foldin").asMap();
        assertThat(s).containsEntry(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092")
                .containsEntry(ConsumerConfig.CLIENT_ID_CONFIG, "inference-foldin")
                .containsEntry(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName())
                .containsEntry(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName())
                .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false")
                .containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest")
                .doesNotContainKey(ConsumerConfig.GROUP_ID_CONFIG);
    }

    @Test
    void bootstrapServersAreRequired() {
        assertThatThrownBy(() -> ConsumerSettings.everyPartitionFromTheEnd("", "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
