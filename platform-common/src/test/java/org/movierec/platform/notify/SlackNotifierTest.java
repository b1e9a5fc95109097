package org.movierec.platform.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.movierec.testkit.SlackReceiver;

class SlackNotifierTest {

    private SlackReceiver slack;

    @BeforeEach
    void startReceiver() {
        slack = SlackReceiver.start();
    }

    @AfterEach
    void stopReceiver() {
        slack.close();
    }

    @Test
    void postsSlacksTextPayload() throws Exception {
        SlackNotifier notifier = SlackNotifier.of(slack.webhookUrl(), Duration.ofSeconds(5));

        boolean delivered = notifier.send("Model *v7* promoted: RMSE 0.91 \"quoted\"\nsecond line").get();

        assertThat(delivered).isTrue();
        assertThat(slack.posts()).hasSize(1);
        Map<String, Object> payload = new ObjectMapper().readValue(slack.posts().get(0), new TypeReference<Map<String, Object>>() {
        });
        assertThat(payload).containsOnlyKeys("text");
        assertThat(payload.get("text")).isEqualTo("Model *v7* promoted: RMSE 0.91 \"quoted\"\nsecond line");
        assertThat(notifier.sent()).isEqualTo(1);
        assertThat(notifier.failed()).isZero();
    }

    @Test
    void retriesOnceAfterAServerError() throws Exception {
        SlackNotifier notifier = SlackNotifier.of(slack.webhookUrl(), Duration.ofSeconds(5));
        slack.failNext(1, 503);

        assertThat(notifier.send("retrain failed at stage train").get()).isTrue();
        assertThat(slack.posts()).hasSize(1);
    }

    @Test
    void givesUpAfterTheRetryWithoutThrowing() throws Exception {
        SlackNotifier notifier = SlackNotifier.of(slack.webhookUrl(), Duration.ofSeconds(5));
        slack.failNext(2, 500);

        assertThat(notifier.send("lost").get()).isFalse();
        assertThat(notifier.failed()).isEqualTo(1);
        assertThat(slack.posts()).isEmpty();
    }

    @Test
    void doesNotRetryAClientError() throws Exception {
        SlackNotifier notifier = SlackNotifier.of(slack.webhookUrl(), Duration.ofSeconds(5));
        slack.failNext(1, 404);

        assertThat(notifier.send("bad webhook").get()).isFalse();
        slack.clear();
        assertThat(notifier.send("next one goes through").get()).isTrue();
        assertThat(slack.posts()).hasSize(1);
    }

    @Test
    void unreachableWebhookCompletesFalse() throws Exception {
        SlackNotifier notifier = SlackNotifier.of("http://127.0.0.1:1/services/x", Duration.ofSeconds(2));

        assertThat(notifier.send("nobody listens").get()).isFalse();
        assertThat(notifier.failed()).isEqualTo(1);
    }

    @Test
    void blankUrlDisablesAndCountsSkipped() throws Exception {
        SlackNotifier notifier = SlackNotifier.of("  ", Duration.ofSeconds(1));

        assertThat(notifier.enabled()).isFalse();
        assertThat(notifier.send("dropped").get()).isFalse();
        assertThat(notifier.skipped()).isEqualTo(1);
    }

    @Test
    void invalidUrlIsRejectedWithoutRepeatingTheSecret() {
        assertThatThrownBy(() -> SlackNotifier.of("hooks.slack.com/services/SECRET", Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .message().doesNotContain("SECRET");
        assertThat(SlackNotifier.of(slack.webhookUrl(), Duration.ofSeconds(1)).toString()).doesNotContain("127.0.0.1");
    }
}
