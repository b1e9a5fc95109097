package org.movierec.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.contracts.events.MovielogParser;
import org.movierec.contracts.events.ParseResult;

/** bin/drill's pieces without a stack: its garbage, its timing arithmetic, its command line. */
class DrillTest {

    @TempDir
    Path dir;

    @Test
    void theGarbageLinesAreRejectedByTheCollectorsParser() {
        MovielogParser parser = new MovielogParser();
        LongStream.range(0, 10).mapToObj(Drill::garbage)
                .forEach(line -> assertThat(parser.parse(line)).as(line).isInstanceOf(ParseResult.Rejected.class));
    }

    @Test
    void expectedTimesComeFromTheRuleAndTheRunningToolsSettings() throws Exception {
        Files.createDirectories(dir.resolve("prometheus"));
        Files.createDirectories(dir.resolve("alertmanager"));
        Files.writeString(dir.resolve("prometheus/prometheus.yml"), "global:\n  scrape_interval: 5s\n  evaluation_interval: 10s\n");
        Files.writeString(dir.resolve("alertmanager/alertmanager.yml"), "route:\n  receiver: x\n  group_wait: 30s\n  group_interval: 2m\n");

        Drill.Timing timing = Drill.Timing.of(dir);

        Duration pending = Duration.ofMinutes(1);
        assertThat(timing.earliestFiring(pending)).isEqualTo(Duration.ofSeconds(90));
        assertThat(timing.latestFiring(pending)).isEqualTo(Duration.ofSeconds(5 + 10 + 60 + 10 + 30));
        assertThat(timing.latestResolved()).isEqualTo(Duration.ofSeconds(5 + 10 + 120));
        // Prometheus's and Alertmanager's own defaults when a file or key is missing
        Drill.Timing defaults = Drill.Timing.of(dir.resolve("nowhere"));
        assertThat(defaults).isEqualTo(new Drill.Timing(Duration.ofMinutes(1), Duration.ofMinutes(1),
                Duration.ofSeconds(30), Duration.ofMinutes(5)));
    }

    @Test
    void summariesShowTheDrillsService() {
        assertThat(Drill.withLabels("{{ $labels.job }} is down ({{$labels.service}}, {{ $value }})",
                java.util.Map.of("service", "inference-service")))
                .isEqualTo("inference-service is down (inference-service, {{ $value }})");
    }

    @Test
    void durationsInPrometheusSyntax() {
        assertThat(AlertRules.duration("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(AlertRules.duration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(AlertRules.duration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThatThrownBy(() -> AlertRules.duration("5 minutes")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AlertRules.duration("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void findsTheRulesAlertsWithTheirForAndAnnotations() throws Exception {
        Files.writeString(dir.resolve("a.yml"), """
                groups:
                  - name: availability
                    rules:
                      - alert: ServiceDown
                        expr: up == 0
                        for: 1m
                        labels: {severity: critical}
                        annotations:
                          runbook_url: https://github.com/movierec/movierec/blob/main/docs/OPERATIONS.md#servicedown
                """);
        AlertRules.Alert alert = AlertRules.read(dir).find("ServiceDown"::equals).orElseThrow();
        assertThat(alert.pending()).isEqualTo(Duration.ofMinutes(1));
        assertThat(alert.labels()).containsEntry("severity", "critical");
        assertThat(alert.annotations().get("runbook_url")).asString().endsWith("#servicedown");
    }

    @Test
    void commandLine() throws Exception {
        assertThat(drill("--list")).startsWith("0\n").contains("dead-letters", "inference-down");
        assertThat(drill()).startsWith("2\n").contains("which drill?", "usage: bin/drill");
        assertThat(drill("--bogus")).startsWith("2\n").contains("unexpected argument: --bogus");
        assertThat(drill("no-such-drill")).startsWith("2\n").contains("no drill named no-such-drill");
        assertThat(drill("--home", dir.toString(), "inference-down")).startsWith("1\n")
                .contains("no stack found in " + dir + " (" + dir.resolve("ports.properties") + " is missing)");
    }

    /** Runs Drill's main in a child JVM: "exit status\noutput". */
    private static String drill(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Drill.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true);
        builder.environment().remove("MOVIEREC_HOME");
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return p.exitValue() + "\n" + out;
    }
}
