package org.movierec.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.movierec.contracts.events.Topics;
import org.movierec.platform.kafka.ProducerSettings;

/**
 * {@code bin/drill}: triggers a named alert end to end in the stack {@code bin/start} runs, without hurting data, and
 * says what should arrive in Slack and when.
 *
 * <pre>
 * usage: bin/drill [--home DIR] NAME      run a drill
 *        bin/drill --list                  list the drills
 * </pre>
 *
 * <p>The drills:
 * <ul>
 *   <li>{@code dead-letters}: garbage lines (an unknown request, a line cut short) written to {@code movielog} at
 *       {@value #GARBAGE_PER_SECOND} a second until Prometheus reports the dead-letter alert firing. The collector
 *       rejects them into the dead-letter topic; no stored data changes.</li>
 *   <li>{@code inference-down}: inference stopped through a hold file in {@code <home>/control} (the launcher's
 *       {@link Supervisor} stops it and leaves it stopped rather than restarting it as a crash) until
 *       {@code ServiceDown} fires, then started again; the router falls back to popular movies meanwhile.</li>
 * </ul>
 *
 * <p>The expected times come from the rule's {@code for:} and the running tools' own settings (the scrape and
 * evaluation intervals in {@code <home>/prometheus/prometheus.yml}, {@code group_wait} and {@code group_interval} in
 * {@code <home>/alertmanager/alertmanager.yml}), and the drill watches Prometheus's {@code /api/v1/alerts} to print
 * when the alert is pending and firing.
 */
public final class Drill {

    /** Garbage lines a second in the dead-letters drill. */
    static final int GARBAGE_PER_SECOND = 50;

    private static final Map<String, String> DRILLS = new LinkedHashMap<>();

    static {
        DRILLS.put("dead-letters", "garbage lines to movielog until the dead-letter alert fires (data untouched)");
        DRILLS.put("inference-down", "inference stopped until ServiceDown fires, then started again");
    }

    /** When Prometheus and Alertmanager act, from their running configuration. */
    record Timing(Duration scrape, Duration evaluation, Duration groupWait, Duration groupInterval) {

        static Timing of(Path home) {
            Path prometheus = home.resolve("prometheus/prometheus.yml");
            Path alertmanager = home.resolve("alertmanager/alertmanager.yml");
            return new Timing(AlertRules.setting(prometheus, Duration.ofMinutes(1), "global", "scrape_interval"),
                    AlertRules.setting(prometheus, Duration.ofMinutes(1), "global", "evaluation_interval"),
                    AlertRules.setting(alertmanager, Duration.ofSeconds(30), "route", "group_wait"),
                    AlertRules.setting(alertmanager, Duration.ofMinutes(5), "route", "group_interval"));
        }

        /** Earliest: the rule's {@code for:} and Alertmanager's {@code group_wait} after the fault begins. */
        Duration earliestFiring(Duration pending) {
            return pending.plus(groupWait);
        }

        /** Latest: a scrape and an evaluation to notice, {@code for:}, an evaluation to fire, {@code group_wait}. */
        Duration latestFiring(Duration pending) {
            return scrape.plus(evaluation).plus(pending).plus(evaluation).plus(groupWait);
        }

        /** Latest resolved notice once the fault ends: a scrape, an evaluation, the group's next flush. */
        Duration latestResolved() {
            return scrape.plus(evaluation).plus(groupInterval);
        }
    }

    private final Path home;
    private final Ports ports;
    private final AlertRules rules;
    private final Timing timing;
    private final PrintStream out;

    Drill(Path rulesDir, Path home, Ports ports, PrintStream out) {
        this.home = home;
        this.ports = ports;
        this.rules = AlertRules.read(rulesDir);
        this.timing = Timing.of(home);
        this.out = out;
    }

    public static void main(String[] args) {
        QuietLogs.apply();
        Path root = Path.of(System.getProperty("movierec.root", ".")).toAbsolutePath().normalize();
        String envHome = System.getenv("MOVIEREC_HOME");
        Path home = envHome != null && !envHome.isBlank() ? Path.of(envHome) : root.resolve(".movierec");
        String name = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--list" -> {
                    System.out.print(list());
                    return;
                }
                case "-h", "--help" -> {
                    System.out.print(usage());
                    return;
                }
                case "--home" -> {
                    if (++i >= args.length) {
                        usageError("--home needs a value");
                    }
                    home = Path.of(args[i]);
                }
                default -> {
                    if (args[i].startsWith("-") || name != null) {
                        usageError("unexpected argument: " + args[i]);
                    }
                    name = args[i];
                }
            }
        }
        if (name == null) {
            usageError("which drill?");
        }
        if (!DRILLS.containsKey(name)) {
            usageError("no drill named " + name);
        }
        Path portsFile = LocalStack.portsFile(home);
        if (!Files.isRegularFile(portsFile)) {
            System.err.println("no stack found in " + home + " (" + portsFile + " is missing): start it with bin/start");
            System.exit(1);
        }
        int status = new Drill(root.resolve("prometheus/rules"), home, Ports.read(portsFile), System.out).run(name);
        System.exit(status);
    }

    /** Runs a drill; returns the exit status (0: done, 1: the stack could not be drilled). */
    int run(String name) {
        return switch (name) {
            case "dead-letters" -> deadLetters();
            case "inference-down" -> inferenceDown();
            default -> throw new IllegalArgumentException("no drill named " + name);
        };
    }

    static String list() {
        StringBuilder s = new StringBuilder("drills (bin/drill NAME):\n");
        DRILLS.forEach((name, what) -> s.append(String.format(Locale.ROOT, "  %-16s %s%n", name, what)));
        return s.toString();
    }

    private static String usage() {
        return "usage: bin/drill [--home DIR] NAME\n       bin/drill --list\n" + list();
    }

    private static void usageError(String message) {
        System.err.println(message);
        System.err.print(usage());
        System.exit(2);
    }

    private int inferenceDown() {
        Service inference = Service.INFERENCE;
        String base = "http://127.0.0.1:" + ports.of(inference);
        if (HttpCalls.get(base + "/q/health/live").status() != 200) {
            out.println(inference.module() + " does not answer at " + base + ": is bin/start running with " + home + "?");
            return 1;
        }
        AlertRules.Alert alert = rules.find("ServiceDown"::equals).orElse(null);
        Duration pending = alert == null ? Duration.ZERO : alert.pending();
        Path hold = LocalStack.controlDirectory(home).resolve(inference.module() + Supervisor.HOLD_SUFFIX);
        Thread cleanup = new Thread(() -> deleteQuietly(hold), "drill-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            TextFiles.write(hold, "held by bin/drill inference-down at " + LocalDateTime.now() + "\n");
            step("asked the launcher to stop " + inference.module() + " (" + hold + ")");
            if (!awaitStatus(base + "/q/health/live", -1, Duration.ofSeconds(60))) {
                out.println("the launcher did not stop it within 60 s: is the running bin/start older than supervision?"
                        + " Restart it.");
                return 1;
            }
            step(inference.module() + " is down; the router answers with popular movies meanwhile");
            expectFiring("ServiceDown", alert, Map.of("service", inference.module(), "severity", "critical"));
            awaitFiring("ServiceDown", a -> inference.module().equals(labels(a).get("service")), pending);
        } finally {
            deleteQuietly(hold);
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
        step("released " + inference.module() + ": the launcher starts it again");
        if (!awaitStatus(base + "/q/health/ready", 200, Duration.ofMinutes(3))) {
            out.println(inference.module() + " is not ready again after 3 min: see " + home.resolve("logs"));
            return 1;
        }
        step(inference.module() + " is ready again");
        out.printf(Locale.ROOT, "    expect in Slack: ServiceDown RESOLVED for %s within about %s%n", inference.module(),
                human(timing.latestResolved()));
        return 0;
    }

    private int deadLetters() {
        List<AlertRules.Alert> alerts = rules.all(n -> n.toLowerCase(Locale.ROOT).replace("_", "").contains("deadletter"));
        AlertRules.Alert alert = alerts.isEmpty() ? null : alerts.get(0);
        String name = alert == null ? "DeadLetterSpike" : alert.name();
        Duration pending = alert == null ? Duration.ZERO : alert.pending();
        expectFiring(name, alert, Map.of("service", Service.TELEMETRY.module()));
        if (alert != null) {
            out.println("    rule: " + alert.expr().strip().replace("\n", " "));
        }
        Duration cap = timing.latestFiring(pending).plus(Duration.ofMinutes(1));
        step(String.format(Locale.ROOT, "writing %d garbage lines a second to %s (at most %s) until %s fires",
                GARBAGE_PER_SECOND, Topics.MOVIELOG, human(cap), name));
        long sent = 0;
        long start = System.nanoTime();
        Optional<Long> firedAt = Optional.empty();
        Predicate<Map<String, Object>> match = a -> name.equals(labels(a).get("alertname"));
        String lastState = "";
        // durable, as the simulator writes movielog: all replicas, idempotent, 10 s at most to find the broker
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(ProducerSettings.durable(
                "127.0.0.1:" + ports.kafka(), "launcher-drill", ProducerSettings.STRING_SERIALIZER).toProperties())) {
            while (elapsed(start).compareTo(cap) < 0) {
                for (int i = 0; i < GARBAGE_PER_SECOND; i++, sent++) {
                    producer.send(new ProducerRecord<>(Topics.MOVIELOG, "drill", garbage(sent)));
                }
                producer.flush();
                String state = prometheusState(match);
                if (!state.equals(lastState)) {
                    step(String.format(Locale.ROOT, "%d garbage lines written; Prometheus: %s is %s", sent, name, state));
                    lastState = state;
                }
                if (state.equals("firing") && firedAt.isEmpty()) {
                    firedAt = Optional.of(System.nanoTime());
                }
                if (firedAt.isPresent() && elapsed(firedAt.get()).compareTo(timing.groupWait().plusSeconds(5)) > 0) {
                    break;
                }
                pause(Duration.ofSeconds(1));
            }
        } catch (org.apache.kafka.common.KafkaException e) {
            out.println("cannot write to Kafka at 127.0.0.1:" + ports.kafka() + ": " + e.getMessage());
            return 1;
        }
        step(sent + " garbage lines written; stopped");
        out.printf(Locale.ROOT, "    expect in Slack: %s RESOLVED once the rule's window has passed without new dead"
                + " letters, then within about %s%n", name, human(timing.latestResolved()));
        return 0;
    }

    /** Says what should arrive in Slack and when. */
    private void expectFiring(String name, AlertRules.Alert alert, Map<String, String> labels) {
        Map<String, Object> shown = new LinkedHashMap<>();
        if (alert != null) {
            shown.putAll(alert.labels());
        }
        shown.putAll(labels);
        Duration pending = alert == null ? Duration.ZERO : alert.pending();
        out.printf(Locale.ROOT, "    expect in Slack: %s FIRING %s in %s to %s (for: %s, scrape %s, evaluation %s,"
                        + " group_wait %s)%n", name, shown, human(timing.earliestFiring(pending)),
                human(timing.latestFiring(pending)), human(pending), human(timing.scrape()), human(timing.evaluation()),
                human(timing.groupWait()));
        if (alert == null) {
            out.println("    (no " + name + " rule in prometheus/rules: Prometheus will not fire anything)");
        } else {
            Object summary = alert.annotations().get("summary");
            Object runbook = alert.annotations().get("runbook_url");
            if (summary != null) {
                out.println("    summary: " + withLabels(String.valueOf(summary), labels));
            }
            if (runbook != null) {
                out.println("    runbook: " + runbook);
            }
        }
        if (!Files.isRegularFile(home.resolve("alertmanager/secrets/slack-webhook-url"))) {
            out.println("    Slack is not configured for this stack (SLACK_WEBHOOK_URL was not set for bin/start): watch"
                    + " Alertmanager at http://127.0.0.1:" + ports.alertmanager() + " instead");
        }
    }

    /** {@code {{ $labels.job }} is down} with the drill's service for {@code job} and {@code service}. */
    static String withLabels(String template, Map<String, String> labels) {
        String service = labels.get("service");
        return service == null ? template
                : template.replaceAll("\\{\\{\\s*\\$labels\\.(job|service)\\s*}}", service);
    }

    /** Waits until Prometheus reports the alert firing and Alertmanager's group_wait has passed, printing states. */
    private void awaitFiring(String name, Predicate<Map<String, Object>> match, Duration pending) {
        Duration cap = timing.latestFiring(pending).plus(Duration.ofMinutes(1));
        long start = System.nanoTime();
        String last = "";
        Long firedAt = null;
        while (elapsed(start).compareTo(cap) < 0) {
            String state = prometheusState(a -> name.equals(labels(a).get("alertname")) && match.test(a));
            if (!state.equals(last)) {
                step("Prometheus: " + name + " is " + state);
                last = state;
            }
            if (state.equals("firing") && firedAt == null) {
                firedAt = System.nanoTime();
            }
            if (firedAt != null && elapsed(firedAt).compareTo(timing.groupWait().plusSeconds(5)) > 0) {
                step(name + " has been sent to Alertmanager (group_wait " + human(timing.groupWait()) + " passed)");
                return;
            }
            pause(Duration.ofSeconds(1));
        }
        step("stopping the drill after " + human(cap) + (firedAt == null ? " without seeing " + name + " fire" : ""));
    }

    /** "inactive", "pending", "firing", or "unknown (Prometheus not running)". */
    @SuppressWarnings("unchecked")
    private String prometheusState(Predicate<Map<String, Object>> match) {
        HttpCalls.Answer answer = HttpCalls.get("http://127.0.0.1:" + ports.prometheus() + "/api/v1/alerts");
        if (!answer.ok()) {
            return "unknown (Prometheus does not answer on port " + ports.prometheus() + ")";
        }
        Map<String, Object> data = (Map<String, Object>) JsonValues.object(answer.body()).get("data");
        String state = "inactive";
        for (Object a : (List<Object>) data.getOrDefault("alerts", List.of())) {
            Map<String, Object> alert = (Map<String, Object>) a;
            if (match.test(alert)) {
                state = "firing".equals(alert.get("state")) ? "firing" : state.equals("firing") ? state
                        : String.valueOf(alert.get("state"));
            }
        }
        return state;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> labels(Map<String, Object> alert) {
        return (Map<String, Object>) alert.getOrDefault("labels", Map.of());
    }

    /** A line the collector rejects: an unknown request, or a line cut short; marked as the drill's. */
    static String garbage(long n) {
        String time = LocalDateTime.now().withNano(0).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        return n % 2 == 0 ? time + ",0,GET /drill/dead-letters/" + n : time + ",0,GET /rat";
    }

    private boolean awaitStatus(String url, int status, Duration timeout) {
        long start = System.nanoTime();
        while (elapsed(start).compareTo(timeout) < 0) {
            if (HttpCalls.get(url).status() == status) {
                return true;
            }
            pause(Duration.ofSeconds(1));
        }
        return false;
    }

    private void step(String what) {
        out.printf(Locale.ROOT, "==> [%s] %s%n", LocalDateTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")), what);
        out.flush();
    }

    private static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return d.toMillis() % 1000 == 0 ? s + " s" : d.toMillis() + " ms";
        }
        return s % 60 == 0 ? (s / 60) + " min" : (s / 60) + " min " + (s % 60) + " s";
    }


    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            System.err.println("could not remove " + file + ": " + e.getMessage() + " (remove it to start the service)");
        }
    }

    private static void pause(Duration d) {
        try {
            TimeUnit.MILLISECONDS.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
