package org.movierec.launcher;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The metric names a PromQL expression selects: {@code sum by (job) (rate(http_server_requests_seconds_count{status=~"5.."}[5m]))}
 * uses {@code http_server_requests_seconds_count}, not {@code sum}, {@code job}, {@code rate} or {@code status}.
 *
 * <p>A small scanner rather than a full parser (there is no maintained PromQL parser for Java; Prometheus's own is
 * Go): it drops string literals, comments, range and subquery brackets, numbers and durations, label matcher blocks
 * (except a {@code __name__="..."} matcher, which names a metric), the label lists of {@code by}, {@code without},
 * {@code on}, {@code ignoring}, {@code group_left} and {@code group_right}, and every identifier followed by an opening
 * parenthesis (functions and aggregations). What is left of the identifiers are the selectors' metric names. Grafana
 * variables ({@code $job}, {@code ${job}}, {@code [[job]]}, {@code $__rate_interval}) are skipped too, so a
 * dashboard's expression can be read as it is stored.
 */
final class PromqlMetricNames {

    /** Binary operators and modifiers spelled as words, and the literals {@code Inf}/{@code NaN}. */
    private static final Set<String> WORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
            "ignoring", "group_left", "group_right", "atan2", "inf", "nan");
    /** Aggregation operators: {@code sum by (job) (x)} puts the modifier between the name and its parenthesis. */
    private static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "group", "stddev", "stdvar",
            "count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio");
    private static final Set<String> LABEL_LIST_MODIFIERS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right");

    private final String expr;
    private int pos;
    private final Set<String> names = new LinkedHashSet<>();

    private PromqlMetricNames(String expr) {
        this.expr = expr;
    }

    /** The metric names selected in {@code expr}, in order of appearance. */
    static Set<String> of(String expr) {
        PromqlMetricNames scanner = new PromqlMetricNames(expr);
        scanner.scan();
        return scanner.names;
    }

    private void scan() {
        while (pos < expr.length()) {
            char c = expr.charAt(pos);
            if (c == '"' || c == '\'' || c == '`') {
                readString();
            } else if (c == '#') {
                while (pos < expr.length() && expr.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (c == '{') {
                readMatchers();
            } else if (c == '[' && pos + 1 < expr.length() && expr.charAt(pos + 1) == '[') {
                skipPast("]]");
            } else if (c == '[') {
                skipPast("]");
            } else if (c == '$') {
                skipVariable();
            } else if (Character.isDigit(c) || (c == '.' && pos + 1 < expr.length() && Character.isDigit(expr.charAt(pos + 1)))) {
                while (pos < expr.length() && (Character.isLetterOrDigit(expr.charAt(pos)) || expr.charAt(pos) == '.')) {
                    pos++;
                }
            } else if (identifierStart(c)) {
                readIdentifier();
            } else {
                pos++;
            }
        }
    }

    private void readIdentifier() {
        String word = identifier();
        String lower = word.toLowerCase(java.util.Locale.ROOT);
        int next = nextNonSpace();
        boolean paren = next < expr.length() && expr.charAt(next) == '(';
        if (LABEL_LIST_MODIFIERS.contains(lower)) {
            if (paren) {
                pos = next;
                skipPast(")");
            }
        } else if (lower.equals("offset")) {
            pos = nextNonSpace();
            if (pos < expr.length() && expr.charAt(pos) == '-') {
                pos++;
            }
            while (pos < expr.length() && Character.isLetterOrDigit(expr.charAt(pos))) {
                pos++;
            }
        } else if (paren || WORDS.contains(lower) || (AGGREGATIONS.contains(lower) && modifierFollows(next))) {
            // a function or aggregation call, or an operator word: not a metric
        } else {
            names.add(word);
        }
    }

    /** {@code sum by (job) (...)} / {@code sum without (...) (...)}. */
    private boolean modifierFollows(int at) {
        for (String m : new String[] {"by", "without"}) {
            int end = at + m.length();
            if (expr.regionMatches(true, at, m, 0, m.length()) && (end >= expr.length() || !identifierPart(expr.charAt(end)))) {
                return true;
            }
        }
        return false;
    }

    private void readMatchers() {
        pos++; // '{'
        while (pos < expr.length() && expr.charAt(pos) != '}') {
            char c = expr.charAt(pos);
            if (identifierStart(c)) {
                String label = identifier();
                int at = nextNonSpace();
                if (label.equals("__name__") && at < expr.length() && expr.charAt(at) == '=' && at + 1 < expr.length()
                        && expr.charAt(at + 1) != '~') {
                    pos = nextNonSpace(at + 1);
                    if (pos < expr.length() && (expr.charAt(pos) == '"' || expr.charAt(pos) == '\'' || expr.charAt(pos) == '`')) {
                        int start = pos + 1;
                        readString();
                        names.add(expr.substring(start, pos - 1));
                    }
                }
            } else if (c == '"' || c == '\'' || c == '`') {
                readString();
            } else {
                pos++;
            }
        }
        pos++; // '}'
    }

    private void readString() {
        char quote = expr.charAt(pos++);
        while (pos < expr.length() && expr.charAt(pos) != quote) {
            if (expr.charAt(pos) == '\\' && quote != '`') {
                pos++;
            }
            pos++;
        }
        pos++;
    }

    private void skipVariable() {
        pos++; // '$'
        if (pos < expr.length() && expr.charAt(pos) == '{') {
            skipPast("}");
        } else {
            while (pos < expr.length() && identifierPart(expr.charAt(pos))) {
                pos++;
            }
        }
    }

    private void skipPast(String closing) {
        int end = expr.indexOf(closing, pos + 1);
        pos = end < 0 ? expr.length() : end + closing.length();
    }

    private String identifier() {
        int start = pos;
        while (pos < expr.length() && identifierPart(expr.charAt(pos))) {
            pos++;
        }
        return expr.substring(start, pos);
    }

    private int nextNonSpace() {
        return nextNonSpace(pos);
    }

    private int nextNonSpace(int from) {
        int i = from;
        while (i < expr.length() && Character.isWhitespace(expr.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean identifierStart(char c) {
        return Character.isLetter(c) || c == '_' || c == ':';
    }

    private static boolean identifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == ':';
    }
}
