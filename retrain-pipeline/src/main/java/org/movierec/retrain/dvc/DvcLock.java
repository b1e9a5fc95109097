package org.movierec.retrain.dvc;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Represent;
import org.yaml.snakeyaml.representer.Representer;

/**
 * A {@code dvc.lock} file, schema 2.0, exactly as DVC 3.x writes it, so that a {@code dvc commit} or
 * {@code dvc repro} that finds nothing changed leaves the file as it is:
 *
 * <pre>
 * schema: '2.0'
 * stages:
 *   train:
 *     cmd: bin/retrain train
 *     deps:
 *     - path: data/split
 *       hash: md5
 *       md5: 5ea40360f5b4ec688df672a4db9c17d1.dir
 *       size: 6
 *       nfiles: 2
 *     params:
 *       params.yaml:
 *         train.epochs: 40
 *         train.factors: 64
 *     outs:
 *     - path: model/model.bin
 *       hash: md5
 *       md5: ...
 *       size: ...
 * </pre>
 *
 * <h2>DVC's rules (dvc/stage/serialize.py, {@code to_single_stage_lockfile}; dvc/dvcfile.py, {@code Lockfile})</h2>
 * <ul>
 *   <li>Per stage: {@code cmd}, then {@code deps}, {@code params}, {@code outs}, each left out when empty.</li>
 *   <li>{@code deps} and {@code outs} sorted by path ({@code sorted(items, key=attrgetter("def_path"))}: Python's
 *       string order, by code point); metrics and plots are outputs like any other.</li>
 *   <li>Each entry: {@code path}, {@code hash: md5} (DVC 3 hashes), the hash ({@code md5}), then the meta in
 *       {@code Meta.to_dict} order: {@code size}, {@code nfiles} (directories only).</li>
 *   <li>{@code params} ({@code _serialize_params_values}): one map per params file, {@code params.yaml} first and
 *       the others by path; the keys of each sorted.</li>
 *   <li>Stages stay in the order they were first written ({@code data["stages"][name] = ...} into the existing
 *       map): the order of the run.</li>
 *   <li>Text: ruamel.yaml's round-trip dumper with {@code default_flow_style = False} (dvc/utils/serialize/_yaml.py):
 *       block style, two-space indentation, sequences not indented under their key, width 80, YAML 1.2 quoting
 *       (all SnakeYAML configured by {@link Yaml12#dumper}), floats as Python's {@code repr}.</li>
 * </ul>
 *
 * The text is produced by SnakeYAML with those settings ({@link #toYaml()}); it is deterministic.
 */
public final class DvcLock {

    /** The lock file schema DVC 3.x writes. */
    public static final String SCHEMA = "2.0";

    /** DVC's default params file, which {@code params} lists first. */
    public static final String DEFAULT_PARAMS_FILE = "params.yaml";

    private static final Comparator<String> PYTHON_ORDER = DvcHash::compareCodePoints;

    private final Map<String, Stage> stages = new LinkedHashMap<>();

    /**
     * One stage's record.
     *
     * @param cmd    the command as in {@code dvc.yaml}
     * @param deps   its dependencies with their hashes (any order; written sorted by path)
     * @param params parameter values by file ({@code params.yaml}), each a map of dotted key to value
     *               (a string, number, boolean or list; any order; written sorted)
     * @param outs   its outputs (including metrics files) with their hashes (any order; written sorted by path)
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

    /** Adds (or replaces, keeping its place) the record of stage {@code name}. */
    public DvcLock stage(String name, Stage stage) {
        stages.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(stage, "stage"));
        return this;
    }

    /** The lock file's text. */
    public String toYaml() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schema", SCHEMA);
        Map<String, Object> byName = new LinkedHashMap<>();
        stages.forEach((name, stage) -> byName.put(name, serialize(stage)));
        root.put("stages", byName);
        return Yaml12.dumper(PythonFloats::new).dump(root);
    }

    private static Map<String, Object> serialize(Stage s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cmd", s.cmd());
        if (!s.deps().isEmpty()) {
            m.put("deps", entries(s.deps()));
        }
        if (!s.params().isEmpty()) {
            List<String> files = new ArrayList<>(s.params().keySet());
            files.sort(Comparator.comparing((String f) -> !f.equals(DEFAULT_PARAMS_FILE)).thenComparing(PYTHON_ORDER));
            Map<String, Object> params = new LinkedHashMap<>();
            for (String file : files) {
                List<String> keys = new ArrayList<>(s.params().get(file).keySet());
                keys.sort(PYTHON_ORDER);
                Map<String, Object> values = new LinkedHashMap<>();
                keys.forEach(k -> values.put(k, s.params().get(file).get(k)));
                params.put(file, values);
            }
            m.put("params", params);
        }
        if (!s.outs().isEmpty()) {
            m.put("outs", entries(s.outs()));
        }
        return m;
    }

    private static List<Map<String, Object>> entries(List<DvcOutput> outputs) {
        List<DvcOutput> sorted = new ArrayList<>(outputs);
        sorted.sort(Comparator.comparing(DvcOutput::path, PYTHON_ORDER));
        List<Map<String, Object>> list = new ArrayList<>();
        for (DvcOutput o : sorted) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("path", o.path());
            e.put("hash", "md5");
            e.put("md5", o.md5());
            e.put("size", o.size());
            if (o.nfiles() != null) {
                e.put("nfiles", o.nfiles());
            }
            list.add(e);
        }
        return list;
    }

    /** Floats as Python's {@code repr} writes them, which is what ruamel.yaml emits for a Python float. */
    private static final class PythonFloats extends Representer {
        PythonFloats(DumperOptions options) {
            super(options);
            Represent floats = data -> representScalar(Tag.FLOAT, pythonRepr(((Number) data).doubleValue()));
            representers.put(Double.class, floats);
            representers.put(Float.class, floats);
        }
    }

    /**
     * Python's {@code repr(float)}: the shortest digits that read back as the same double; positional when the
     * decimal exponent is in [-4, 16), with at least one digit after the point, else {@code d.ddde-05} style;
     * {@code .nan}, {@code .inf}, {@code -.inf} as YAML writes them.
     */
    static String pythonRepr(double d) {
        if (Double.isNaN(d)) {
            return ".nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? ".inf" : "-.inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal shortest = null;
        for (int digits = 1; digits <= 17; digits++) {
            String candidate = String.format(Locale.ROOT, "%." + (digits - 1) + "e", d);
            if (Double.parseDouble(candidate) == d) {
                shortest = new BigDecimal(candidate);
                break;
            }
        }
        shortest = Objects.requireNonNull(shortest).stripTrailingZeros();
        String unscaled = shortest.unscaledValue().abs().toString();
        int exponent = unscaled.length() - 1 - shortest.scale();
        String sign = d < 0 ? "-" : "";
        if (exponent >= -4 && exponent < 16) {
            String plain = shortest.abs().toPlainString();
            return sign + (plain.contains(".") ? plain : plain + ".0");
        }
        String mantissa = unscaled.length() == 1 ? unscaled : unscaled.charAt(0) + "." + unscaled.substring(1);
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format(Locale.ROOT, "%02d", Math.abs(exponent));
    }
}
