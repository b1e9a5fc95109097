package org.movierec.router.canary;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.movierec.platform.notify.SlackNotifier;
import org.movierec.router.RouterConfig;

/** The Slack notifier of canary notices (webhook from {@code SLACK_WEBHOOK_URL}; disabled without one). */
public class Notices {

    @Produces
    @Singleton
    SlackNotifier slack(RouterConfig config) {
        return SlackNotifier.of(config.slackWebhookUrl().orElse(null), Duration.ofSeconds(5));
    }
}
