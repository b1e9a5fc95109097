package org.movierec.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.testkit.ServiceProcess;
import org.movierec.testkit.SlackReceiver;

/**
 * {@code bin/drill inference-down} against a supervised stand-in for inference, with the real Prometheus and
 * Alertmanager (bin/setup) that {@link MonitoringTools} starts, the repository's rules (waits shortened) and a local
 * Slack receiver: the drill holds inference through the control directory, sees ServiceDown fire, releases it, and
 * the receiver gets the firing alert and the resolved notice; the supervisor never calls it a crash.
 */
class InferenceDownDrillTest {

    @TempDir
    Path dir;

    @Test
    void theDrillStopsInferenceUntilServiceDownFiresThenBringsItBack() throws Exception {
        Path root = Path.of(System.getProperty("movierec.root", "..")).toAbsolutePath().normalize();
        Path home = dir.resolve("home");
        Path rules = ShortAlerts.rules(root.resolve("prometheus/rules"), dir.resolve("rules"), "2s");
        Path alertmanager = ShortAlerts.alertmanager(root.resolve("alertmanager"), dir.resolve("alertmanager"));
        ByteArrayOutputStream launcherConsole = new ByteArrayOutputStream();
        ByteArrayOutputStream drillOutput = new ByteArrayOutputStream();
        Progress progress = new Progress(new PrintStream(launcherConsole, true, StandardCharsets.UTF_8));
        try (SlackReceiver slack = SlackReceiver.start()) {
            StackSettings settings = StackSettings.defaults(root, home).withPorts(Ports.free())
                    .withSlackWebhook(slack.webhookUrl());
            settings = settings.withMonitoring(settings.monitoring().withRules(rules).withAlertmanager(alertmanager)
                    .withInterval(Duration.ofSeconds(1)));
            Map<Service, ServiceProcess> targets = new EnumMap<>(Service.class);
            for (Service s : Service.values()) {
                targets.put(s, ServiceProcess.builder(s.module(), s.jar(root), settings.ports().of(s)).build());
            }
            String service = Service.INFERENCE.module();
            StandInService inference = new StandInService(service, settings.ports().of(Service.INFERENCE),
                    home.resolve("logs/" + service + ".log"));
            MonitoringTools tools = new MonitoringTools(settings, progress);
            try (Supervisor supervisor = new Supervisor(progress, Supervisor.Policy.defaults())) {
                supervisor.start(inference);
                supervisor.watchHoldFiles(LocalStack.controlDirectory(home), Duration.ofMillis(200));
                inference.awaitReady();
                tools.start(targets);
                assertThat(tools.started()).as("Prometheus and Alertmanager must be installed: run bin/setup")
                        .extracting(OptionalTool::name).contains("Prometheus", "Alertmanager");

                int status = new Drill(rules, home, settings.ports(),
                        new PrintStream(drillOutput, true, StandardCharsets.UTF_8)).run("inference-down");

                String said = drillOutput.toString(StandardCharsets.UTF_8);
                System.out.println(said);
                assertThat(status).as(said).isZero();
                assertThat(said).contains("expect in Slack: ServiceDown FIRING", "runbook: https://github.com/movierec/"
                        + "movierec/blob/main/docs/OPERATIONS.md#servicedown", "Prometheus: ServiceDown is firing",
                        service + " is ready again", "expect in Slack: ServiceDown RESOLVED");
                assertThat(slack.awaitPost(p -> p.contains("ServiceDown") && p.contains(service) && !resolved(p),
                        Duration.ofSeconds(30))).contains("OPERATIONS.md#servicedown");
                slack.awaitPost(p -> p.contains("ServiceDown") && p.contains(service) && resolved(p), Duration.ofMinutes(1));
                assertThat(launcherConsole.toString(StandardCharsets.UTF_8))
                        .contains(service + " stopped on purpose (hold file", service + " is ready again")
                        .doesNotContain("unexpectedly");
                assertThat(LocalStack.controlDirectory(home).resolve(service + Supervisor.HOLD_SUFFIX)).doesNotExist();
            } finally {
                tools.stop();
                inference.stop();
            }
        }
    }

    private static boolean resolved(String slackPost) {
        return slackPost.toLowerCase(Locale.ROOT).contains("resolved");
    }
}
