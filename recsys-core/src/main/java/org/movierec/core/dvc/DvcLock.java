package org.movierec.core.dvc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A {@code dvc.lock} file, schema 2.0, as DVC 3.x writes it:
 *
 * <pre>
 * schema: '2.0'
 * stages:
 *   train:
 *     cmd: bin/retrain train ...
 *     deps:
 *     - path: data/split
 *       hash: md5
 *       md5: 5ea40360f5b4ec688df672a4db9c17d1.dir
 *       size: 6
 *       nfiles: 2
 *     params:
 *       params.yaml:
 *         train.factors: 64
 *     outs:
 *     - path: model/model.bin
 *       hash: md5
 *       md5: ...
 *       size: ...
 * </pre>
 *
 * Stages appear in the order they were added; {@link #toYaml()} is deterministic.
 */
public final class DvcLock {

    /** The lock file schema DVC 3.x writes. */
    public static final String SCHEMA = "2.0";

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_/.][A-Za-z0-9_./@+= -]*[A-Za-z0-9_./@+=-]|[A-Za-z_/.]");
    private static final Pattern YAML_SPECIAL = Pattern.compile(
            "(?i)(true|false|yes|no|on|off|null|y|n|~|[-+]?[0-9][0-9_.eE+-]*|\\.inf|\\.nan)");

    private final Map<String, Stage> stages = new LinkedHashMap<>();

    /**
     * One stage's record.
     *
     * @param cmd    the command as in {@code dvc.yaml}
     * @param deps   its dependencies with their hashes
     * @param params parameter values by file ({@code params.yaml}), each a map of dotted key to value
     *               (a string, number or boolean)
     * @param outs   its outputs (including metrics files) with their hashes
     */
    public record Stage(String cmd, List<DvcOutput> deps, Map<String, Map<String, Object>> params,
                        List<DvcOutput> outs) {
        public Stage {
            Objects.requireNonNull(cmd, "cmd");
            deps = List.copyOf(deps);
            outs = List.copyOf(outs);
            params = new LinkedHashMap<>(params);
        }
    }

    /** Adds (or replaces) the record of stage {@code name}. */
    public DvcLock stage(String name, Stage stage) {
        stages.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(stage, "stage"));
        return this;
    }

    /** The stages by name, in the order added. */
    public Map<String, Stage> stages() {
        return new LinkedHashMap<>(stages);
    }

    /** The lock file's text. */
    public String toYaml() {
        StringBuilder y = new StringBuilder(1024);
        y.append("schema: '").append(SCHEMA).append("'\n");
        y.append("stages:\n");
        for (Map.Entry<String, Stage> e : stages.entrySet()) {
            Stage s = e.getValue();
            y.append("  ").append(scalar(e.getKey())).append(":\n");
            y.append("    cmd: ").append(scalar(s.cmd())).append('\n');
            if (!s.deps().isEmpty()) {
                y.append("    deps:\n");
                outputs(y, s.deps());
            }
            if (!s.params().isEmpty()) {
                y.append("    params:\n");
                for (Map.Entry<String, Map<String, Object>> file : s.params().entrySet()) {
                    y.append("      ").append(scalar(file.getKey())).append(":\n");
                    for (Map.Entry<String, Object> p : file.getValue().entrySet()) {
                        y.append("        ").append(scalar(p.getKey())).append(": ").append(value(p.getValue())).append('\n');
                    }
                }
            }
            if (!s.outs().isEmpty()) {
                y.append("    outs:\n");
                outputs(y, s.outs());
            }
        }
        return y.toString();
    }

    private static void outputs(StringBuilder y, List<DvcOutput> list) {
        for (DvcOutput o : list) {
            y.append("    - path: ").append(scalar(o.path())).append('\n');
            y.append("      hash: md5\n");
            y.append("      md5: ").append(o.md5()).append('\n');
            y.append("      size: ").append(o.size()).append('\n');
            if (o.nfiles() != null) {
                y.append("      nfiles: ").append(o.nfiles()).append('\n');
            }
        }
    }

    private static String value(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Boolean || v instanceof Integer || v instanceof Long) {
            return v.toString();
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d)) {
                return ".nan";
            }
            if (Double.isInfinite(d)) {
                return d > 0 ? ".inf" : "-.inf";
            }
            return String.format(Locale.ROOT, "%s", d);
        }
        if (v instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            for (Object o : list) {
                items.add(value(o));
            }
            return "[" + String.join(", ", items) + "]";
        }
        return scalar(v.toString());
    }

    /** A string as a YAML scalar: plain when that reads back as the same string, single-quoted otherwise. */
    static String scalar(String s) {
        if (PLAIN.matcher(s).matches() && !YAML_SPECIAL.matcher(s).matches()) {
            return s;
        }
        return "'" + s.replace("'", "''") + "'";
    }
}
