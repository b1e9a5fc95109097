package org.movierec.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code bin/start} prints once the stack is up. */
class MainTest {

    @Test
    void theViewersAppIsTheFirstUrlPrinted() {
        StackSettings settings = StackSettings.defaults(Path.of("/repo"), Path.of("/repo/.movierec"));
        String message = Main.readyMessage(settings, List.of("Prometheus http://127.0.0.1:9090"),
                Path.of("/repo/.movierec/secrets.env"), 80);
        int firstUrl = message.indexOf("http://");
        assertThat(message.substring(firstUrl)).startsWith("http://127.0.0.1:8085/\n");
        assertThat(message).contains("curl http://127.0.0.1:8082/recommend/42", "Prometheus http://127.0.0.1:9090");
    }
}
