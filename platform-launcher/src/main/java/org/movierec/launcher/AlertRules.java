package org.movierec.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * The alerting rules of {@code prometheus/rules/*.yml} as {@code bin/drill} needs them: an alert's expression, its
 * {@code for:} and labels, to say what should arrive in Slack and when. Also reads the few timing settings of
 * Prometheus's and Alertmanager's YAML ({@link #setting}) and their duration syntax ({@link #duration}).
 */
final class AlertRules {

    /** One alerting rule. */
    record Alert(String name, String expr, Duration pending, Map<String, Object> labels, Map<String, Object> annotations) {
    }

    private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|s|m|h|d|w|y)");

    private final List<Alert> alerts;

    private AlertRules(List<Alert> alerts) {
        this.alerts = List.copyOf(alerts);
    }

    /** Reads every {@code *.yml} of {@code dir}; empty when the folder does not exist. */
    @SuppressWarnings("unchecked")
    static AlertRules read(Path dir) {
        List<Alert> alerts = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
                    Object doc = new Yaml().load(Files.readString(file));
                    if (!(doc instanceof Map<?, ?> map) || !(map.get("groups") instanceof List<?> groups)) {
                        continue;
                    }
                    for (Object g : groups) {
                        List<Map<String, Object>> rules = (List<Map<String, Object>>) ((Map<String, Object>) g)
                                .getOrDefault("rules", List.of());
                        for (Map<String, Object> r : rules) {
                            if (r.get("alert") != null) {
                                alerts.add(new Alert(String.valueOf(r.get("alert")), String.valueOf(r.get("expr")),
                                        duration(String.valueOf(r.getOrDefault("for", "0s"))),
                                        (Map<String, Object>) r.getOrDefault("labels", Map.of()),
                                        (Map<String, Object>) r.getOrDefault("annotations", Map.of())));
                            }
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the rules in " + dir, e);
            }
        }
        return new AlertRules(alerts);
    }

    /** The first alert whose name matches. */
    Optional<Alert> find(Predicate<String> name) {
        return alerts.stream().filter(a -> name.test(a.name())).findFirst();
    }

    /** Every alert whose name matches. */
    List<Alert> all(Predicate<String> name) {
        return alerts.stream().filter(a -> name.test(a.name())).toList();
    }

    /**
     * A Prometheus/Alertmanager duration: {@code 30s}, {@code 5m}, {@code 1h30m}, {@code 500ms}.
     *
     * @throws IllegalArgumentException for anything else
     */
    static Duration duration(String text) {
        String t = text.strip();
        Matcher m = DURATION_PART.matcher(t);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                throw new IllegalArgumentException("not a duration: " + text);
            }
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                case "w" -> Duration.ofDays(7 * n);
                default -> Duration.ofDays(365 * n);
            });
            end = m.end();
        }
        if (end != t.length() || t.isEmpty()) {
            throw new IllegalArgumentException("not a duration: " + text);
        }
        return total;
    }

    /**
     * A duration setting of a YAML file at a path of keys ({@code global, scrape_interval}), or {@code fallback} when
     * the file or the key is missing (the tool's own default then applies).
     */
    @SuppressWarnings("unchecked")
    static Duration setting(Path yamlFile, Duration fallback, String... keys) {
        if (!Files.isRegularFile(yamlFile)) {
            return fallback;
        }
        try {
            Object node = new Yaml().load(Files.readString(yamlFile));
            for (String key : keys) {
                if (!(node instanceof Map<?, ?> map)) {
                    return fallback;
                }
                node = ((Map<String, Object>) map).get(key);
            }
            return node == null ? fallback : duration(String.valueOf(node));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + yamlFile, e);
        }
    }
}
