package org.movierec.ops.grafana;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the SQL of a Grafana panel into the SQL Grafana's PostgreSQL datasource sends, for one time range, interval
 * and set of variable values: first the template variables, then the macros, as Grafana does.
 *
 * <p>What it expands, and to what (Grafana 11/12, {@code pkg/tsdb/grafana-postgresql-datasource/macros.go}):
 * <ul>
 *   <li>{@code $__interval} → the interval as Grafana writes it ({@code 30s}, {@code 5m}, {@code 1h});
 *       {@code $__interval_ms} → its milliseconds;</li>
 *   <li>dashboard variables {@code $name} / {@code ${name}} → their value as is (a single-valued variable of a SQL
 *       datasource is not quoted: the panels write {@code '$experiment'});</li>
 *   <li>{@code $__timeFilter(col)} → {@code col BETWEEN '<from>' AND '<to>'} (RFC 3339, UTC);
 *       {@code $__timeFrom()} / {@code $__timeTo()} → {@code '<from>'} / {@code '<to>'};</li>
 *   <li>{@code $__timeGroup(col, 5m)} → {@code time_bucket('300.000s',col)} when the datasource has
 *       {@code timescaledb: true}, else {@code floor(extract(epoch from col)/300)*300};
 *       {@code $__timeGroupAlias(...)} → the same followed by {@code AS "time"}.</li>
 * </ul>
 * Any other macro, a fill argument of {@code $__timeGroup}, or a {@code $name} left over fails: a panel using them
 * needs this class extended first, so that what the test runs stays what Grafana would run.
 */
final class GrafanaSqlExpander {

    private static final Pattern MACRO = Pattern.compile("\\$__(\\w+)\\(([^)]*)\\)");
    private static final Pattern LEFT_OVER = Pattern.compile("\\$\\{?[A-Za-z_]\\w*");
    private static final Pattern INTERVAL = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private final Instant from;
    private final Instant to;
    private final Duration interval;
    private final Map<String, String> variables;
    private final boolean timescaledb;

    /**
     * @param variables   dashboard variable values by name
     * @param timescaledb the datasource's {@code jsonData.timescaledb}
     */
    GrafanaSqlExpander(Instant from, Instant to, Duration interval, Map<String, String> variables, boolean timescaledb) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to");
        }
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("interval must be positive");
        }
        this.from = from;
        this.to = to;
        this.interval = interval;
        this.variables = Map.copyOf(variables);
        this.timescaledb = timescaledb;
    }

    /** The SQL Grafana would send for {@code sql}. */
    String expand(String sql) {
        String text = sql.replace("$__interval_ms", Long.toString(interval.toMillis()))
                .replace("${__interval}", grafanaInterval(interval))
                .replace("$__interval", grafanaInterval(interval));
        List<String> names = variables.keySet().stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        for (String name : names) {
            String value = variables.get(name);
            text = text.replace("${" + name + "}", value);
            text = Pattern.compile("\\$" + Pattern.quote(name) + "(?!\\w)").matcher(text)
                    .replaceAll(Matcher.quoteReplacement(value));
        }
        Matcher m = MACRO.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(macro(m.group(1), arguments(m.group(2)))));
        }
        m.appendTail(out);
        String expanded = out.toString();
        Matcher left = LEFT_OVER.matcher(expanded);
        if (left.find()) {
            throw new IllegalArgumentException("not expanded: " + left.group() + " in\n" + sql);
        }
        return expanded;
    }

    private String macro(String name, List<String> args) {
        return switch (name) {
            case "timeFilter" -> {
                requireArguments(name, args, 1);
                yield args.get(0) + " BETWEEN " + literal(from) + " AND " + literal(to);
            }
            case "timeFrom" -> literal(from);
            case "timeTo" -> literal(to);
            case "timeGroup" -> timeGroup(args);
            case "timeGroupAlias" -> timeGroup(args) + " AS \"time\"";
            default -> throw new IllegalArgumentException("macro $__" + name + " is not supported by this expander");
        };
    }

    private String timeGroup(List<String> args) {
        requireArguments("timeGroup", args, 2);
        BigDecimal seconds = BigDecimal.valueOf(parseInterval(args.get(1).replace("'", "")).toMillis(), 3);
        if (timescaledb) {
            return "time_bucket('" + seconds.setScale(3).toPlainString() + "s'," + args.get(0) + ")";
        }
        String s = seconds.stripTrailingZeros().toPlainString();
        return "floor(extract(epoch from " + args.get(0) + ")/" + s + ")*" + s;
    }

    private static void requireArguments(String macro, List<String> args, int count) {
        if (args.size() != count) {
            throw new IllegalArgumentException("$__" + macro + " with " + args + ": this expander supports " + count
                    + " argument(s)");
        }
    }

    private static List<String> arguments(String text) {
        return text.isBlank() ? List.of() : List.of(text.split(",")).stream().map(String::trim).toList();
    }

    private static String literal(Instant t) {
        return "'" + t + "'";
    }

    /** Grafana's text for an interval: the largest whole unit of ms, s, m, h. */
    static String grafanaInterval(Duration d) {
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }

    static Duration parseInterval(String text) {
        Matcher m = INTERVAL.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not an interval: " + text);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
