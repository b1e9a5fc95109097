package org.movierec.cli;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The options of one command: {@code --name value} pairs and bare {@code --flag}s. Every option must
 * be read by the command ({@link #finish()} rejects the rest), so a typo is an error, not ignored.
 */
final class Args {

    private final Map<String, String> values = new LinkedHashMap<>();
    private final Set<String> used = new HashSet<>();

    private Args() {
    }

    /** Parses {@code args}; {@code flags} names the options that take no value. */
    static Args parse(String[] args, int from, Set<String> flags) {
        Args parsed = new Args();
        for (int j = from; j < args.length; j++) {
            String a = args[j];
            if (!a.startsWith("--") || a.length() == 2) {
                throw new UsageException("unexpected argument '" + a + "'");
            }
            String name = a.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (flags.contains(name)) {
                value = "true";
            } else {
                if (j + 1 >= args.length) {
                    throw new UsageException("option --" + name + " needs a value");
                }
                value = args[++j];
            }
            if (parsed.values.put(name, value) != null) {
                throw new UsageException("option --" + name + " given twice");
            }
        }
        return parsed;
    }

    boolean has(String name) {
        used.add(name);
        return values.containsKey(name);
    }

    String string(String name) {
        used.add(name);
        String v = values.get(name);
        if (v == null) {
            throw new UsageException("missing required option --" + name);
        }
        return v;
    }

    String string(String name, String fallback) {
        used.add(name);
        return values.getOrDefault(name, fallback);
    }

    Path path(String name) {
        return Path.of(string(name));
    }

    int integer(String name, int min, int max) {
        return parseInt(name, string(name), min, max);
    }

    int integer(String name, int fallback, int min, int max) {
        return has(name) ? parseInt(name, string(name), min, max) : fallback;
    }

    long longValue(String name, long fallback) {
        if (!has(name)) {
            return fallback;
        }
        try {
            return Long.parseLong(string(name));
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be an integer, got '" + values.get(name) + "'");
        }
    }

    double number(String name, double fallback) {
        if (!has(name)) {
            return fallback;
        }
        try {
            double v = Double.parseDouble(string(name));
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a number, got '" + values.get(name) + "'");
        }
    }

    boolean flag(String name) {
        return has(name) && Boolean.parseBoolean(values.get(name));
    }

    /** Rejects options that no part of the command asked for. */
    void finish() {
        for (String name : values.keySet()) {
            if (!used.contains(name)) {
                throw new UsageException("unknown option --" + name);
            }
        }
    }

    private static int parseInt(String name, String v, int min, int max) {
        try {
            int i = Integer.parseInt(v.replace("_", ""));
            if (i < min || i > max) {
                throw new UsageException("--" + name + " must be in " + min + ".." + max + ", got " + i);
            }
            return i;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be an integer, got '" + v + "'");
        }
    }
}
