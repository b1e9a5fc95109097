package org.movierec.router;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import org.movierec.testkit.SlackReceiver;

/** Starts a {@link SlackReceiver} and points {@code router.slack-webhook-url} at it. */
public final class SlackTestResource implements QuarkusTestResourceLifecycleManager {

    /** The receiver of this test JVM. */
    public static volatile SlackReceiver receiver;

    @Override
    public Map<String, String> start() {
        if (receiver == null) {
            receiver = SlackReceiver.start();
        }
        return Map.of("router.slack-webhook-url", receiver.webhookUrl());
    }

    @Override
    public void stop() {
    }
}
