package org.movierec.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShortAlertsTest {

    @TempDir
    Path dir;

    @Test
    void onlyTheWaitsChangeAndTheRulesStayValid() throws Exception {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("a.yml"), """
                groups:
                  - name: a
                    rules:
                      - alert: ServiceDown
                        expr: up == 0
                        for: 2m
                        keep_firing_for: 1m
                        labels: {severity: critical, service: '{{ $labels.job }}'}
                        annotations:
                          summary: 'for: 2m is how long'
                """);
        Path am = Files.createDirectories(dir.resolve("am/templates"));
        Files.writeString(dir.resolve("am/alertmanager.yml"), """
                route:
                  receiver: x
                  group_wait: 30s
                  group_interval: 5m
                  routes:
                    - matchers: ['severity="critical"']
                      group_wait: 10s
                receivers:
                  - name: x
                """);
        Files.writeString(am.resolve("t.tmpl"), "group_wait: 30s stays in a template");

        Path shortRules = ShortAlerts.rules(rules, dir.resolve("short-rules"), "5s");
        Path shortAm = ShortAlerts.alertmanager(dir.resolve("am"), dir.resolve("short-am"));

        assertThat(Files.readString(shortRules.resolve("a.yml"))).contains("    for: 5s\n", "keep_firing_for: 1m",
                "summary: 'for: 2m is how long'").doesNotContain("for: 2m\n");
        assertThat(MonitoringToolsTest.run("promtool", "check", "rules", shortRules.resolve("a.yml").toString()))
                .contains("SUCCESS: 1 rules found");
        assertThat(Files.readString(shortAm.resolve("alertmanager.yml"))).contains("  group_wait: 1s\n",
                "  group_interval: 2s\n", "      group_wait: 1s\n").doesNotContain("30s", "5m", "10s");
        assertThat(shortAm.resolve("templates/t.tmpl")).hasContent("group_wait: 30s stays in a template");
    }
}
