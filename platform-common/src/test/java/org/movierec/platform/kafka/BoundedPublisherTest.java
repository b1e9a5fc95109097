package org.movierec.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.movierec.platform.loops.LoopHealth;

class BoundedPublisherTest {

    static final Duration AT_MOST = Duration.ofSeconds(10);

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final MockProducer<String, String> producer =
            new MockProducer<>(false, null, new StringSerializer(), new StringSerializer());
    BoundedPublisher<String> publisher;

    BoundedPublisher<String> open(int capacity, Function<String, String> valueOf) {
        publisher = new BoundedPublisher<>("served-event-publisher", "recsys.served", capacity,
                event -> event.substring(0, event.indexOf(':')), valueOf, producer, registry);
        return publisher;
    }

    @AfterEach
    void close() {
        if (publisher != null) {
            publisher.close();
        }
    }

    double drops(String reason) {
        return registry.get(BoundedPublisher.DROPS).tag("publisher", "served-event-publisher").tag("reason", reason)
                .counter().count();
    }

    double sent() {
        return registry.get(BoundedPublisher.SENT).tag("publisher", "served-event-publisher").counter().count();
    }

    @Test
    void sendsTheKeyAndValueAsGivenAndCountsWhatKafkaAcknowledged() {
        open(10, Function.identity());
        assertThat(publisher.publish("7:{\"userId\":7}")).isTrue();
        await().atMost(AT_MOST).until(() -> producer.history().size() == 1);
        ProducerRecord<String, String> record = producer.history().get(0);
        assertThat(record.topic()).isEqualTo("recsys.served");
        assertThat(record.key()).isEqualTo("7");
        assertThat(record.value()).isEqualTo("7:{\"userId\":7}");
        assertThat(sent()).isZero();
        producer.completeNext();
        assertThat(sent()).isEqualTo(1);
        assertThat(drops(BoundedPublisher.QUEUE_FULL)).isZero();
        assertThat(drops(BoundedPublisher.SEND_FAILED)).isZero();
    }

    @Test
    void aFullQueueDropsAndCountsWithoutBlocking() throws Exception {
        CountDownLatch serialising = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        open(2, event -> {
            serialising.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return event;
        });
        publisher.publish("1:a"); // taken by the sender, which then waits
        assertThat(serialising.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(publisher.publish("2:b")).isTrue();
        assertThat(publisher.publish("3:c")).isTrue();
        assertThat(publisher.queued()).isEqualTo(2);
        assertThat(publisher.publish("4:d")).isFalse();
        assertThat(publisher.publish("5:e")).isFalse();
        assertThat(drops(BoundedPublisher.QUEUE_FULL)).isEqualTo(2);
        assertThat(registry.get(BoundedPublisher.QUEUED).tag("publisher", "served-event-publisher").gauge().value())
                .isEqualTo(2);

        release.countDown();
        await().atMost(AT_MOST).until(() -> producer.history().size() == 3);
        assertThat(producer.history()).extracting(ProducerRecord::value).containsExactly("1:a", "2:b", "3:c");
        assertThat(publisher.drops()).isEqualTo(2);
    }

    @Test
    void aBusySenderSendsEveryQueuedRecordInOrder() {
        open(1000, Function.identity());
        List<String> published = IntStream.range(0, 1000).mapToObj(i -> (i % 7) + ":" + i).toList();
        published.forEach(event -> assertThat(publisher.publish(event)).isTrue());
        await().atMost(AT_MOST).until(() -> producer.history().size() == 1000);
        assertThat(producer.history()).extracting(ProducerRecord::value).containsExactlyElementsOf(published);
        assertThat(publisher.drops()).isZero();
    }

    @Test
    void failedSendsAreDropsAndTheSenderGoesOn() {
        open(10, event -> {
            if (event.endsWith("unserialisable")) {
                throw new IllegalStateException("cannot serialise");
            }
            return event;
        });
        publisher.publish("1:unserialisable");
        publisher.publish("2:refused");
        await().atMost(AT_MOST).until(() -> producer.history().size() == 1);
        assertThat(drops(BoundedPublisher.SEND_FAILED)).isEqualTo(1);
        producer.errorNext(new org.apache.kafka.common.errors.TimeoutException("not acknowledged"));
        assertThat(drops(BoundedPublisher.SEND_FAILED)).isEqualTo(2);

        publisher.publish("3:fine");
        await().atMost(AT_MOST).until(() -> producer.history().size() == 2);
        producer.completeNext();
        assertThat(sent()).isEqualTo(1);
        assertThat(publisher.sending()).isTrue();
    }

    @Test
    void livenessIsUpWhileTheSenderRunsAndCarriesTheCounts() {
        open(10, Function.identity());
        publisher.publish("1:a");
        await().atMost(AT_MOST).until(() -> producer.history().size() == 1);
        producer.completeNext();
        HealthCheckResponse up = KafkaPublishers.health(publisher);
        assertThat(up.getName()).isEqualTo("served-event-publisher");
        assertThat(up.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(up.getData().orElseThrow()).containsEntry("topic", "recsys.served").containsEntry("capacity", 10L)
                .containsEntry("sent", 1L).containsEntry("dropped", 0L);
        assertThat(registry.get(LoopHealth.UP).tag("loop", "served-event-publisher").gauge().value()).isEqualTo(1);

        publisher.close();
        assertThat(KafkaPublishers.health(publisher).getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(registry.get(LoopHealth.UP).tag("loop", "served-event-publisher").gauge().value()).isZero();
        assertThat(producer.closed()).isTrue();
        assertThat(publisher.publish("2:b")).isFalse();
        assertThat(drops(BoundedPublisher.QUEUE_FULL)).isEqualTo(1);
    }

    @Test
    void theCapacityMustBePositive() {
        assertThatThrownBy(() -> new BoundedPublisher<String>("p", "t", 0, e -> e, e -> e, producer, registry))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
    }
}
