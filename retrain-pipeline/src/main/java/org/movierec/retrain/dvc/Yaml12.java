package org.movierec.retrain.dvc;

import java.math.BigInteger;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * SnakeYAML reading and writing plain scalars by YAML 1.2's rules, as DVC does: DVC reads {@code params.yaml},
 * {@code dvc.yaml} and {@code dvc.lock} with ruamel.yaml, whose default is YAML 1.2, while SnakeYAML implements
 * YAML 1.1. The two disagree on plain scalars such as {@code 040} (1.2: 40, 1.1: octal 32), {@code 0o40} (1.2: 32,
 * 1.1: a string), {@code yes}/{@code no}/{@code on}/{@code off} (1.2: strings, 1.1: booleans), {@code 1:30}
 * (1.2: a string, 1.1: sexagesimal 90) and {@code 1e3} (1.2: a float, 1.1: a string).
 *
 * <p>The implicit types are ruamel.yaml's YAML 1.2 resolvers ({@code ruamel/yaml/resolver.py},
 * {@code implicit_resolvers} entries for version 1.2): booleans {@code true|True|TRUE|false|False|FALSE};
 * integers {@code [-+]?0b[01_]+}, {@code [-+]?0o?[0-7_]+}, {@code [-+]?[0-9_]+}, {@code [-+]?0x[0-9a-fA-F_]+};
 * floats with a dot or an exponent, {@code .inf}, {@code .nan}; null {@code ~|null|Null|NULL|}; timestamps.
 * An integer is read as ruamel's {@code construct_yaml_int} reads it under 1.2: {@code 0o}, {@code 0x},
 * {@code 0b} prefixes give bases 8, 16, 2, anything else (leading zeros included) is decimal; {@code _} is dropped.
 * Writing with the same resolver quotes exactly the strings a 1.2 reader would take for something else
 * ({@code '.5'}, {@code '2.0'}, {@code '040'}), as ruamel does.
 *
 * <p>Why this class exists at all: SnakeYAML (the library we use to read and write the text) implements only
 * YAML 1.1 and has no 1.2 schema to switch to; plain SnakeYAML would write the string {@code yes} quoted and,
 * worse, read DVC's plain {@code yes} back as {@code true} and {@code 040} as 32. So SnakeYAML does all the
 * parsing, emitting and quoting, and this class only gives it the 1.2 core schema's implicit types (a
 * {@link Resolver}) and the 1.2 integer rule (a constructor). Every YAML file the pipeline writes or reads goes
 * through {@link #loader()} and {@link #dumper(Function)}.
 */
public final class Yaml12 {

    private static final Pattern CORE_BOOL = Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$");
    private static final Pattern CORE_INT = Pattern.compile(
            "^(?:[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?[0-9_]+|[-+]?0x[0-9a-fA-F_]+)$");
    private static final Pattern CORE_FLOAT = Pattern.compile("^(?:[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+]?[0-9]+)?"
            + "|[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)"
            + "|[-+]?\\.[0-9_]+(?:[eE][-+][0-9]+)?"
            + "|[-+]?\\.(?:inf|Inf|INF)"
            + "|\\.(?:nan|NaN|NAN))$");
    private static final Pattern CORE_NULL = Pattern.compile("^(?:~|null|Null|NULL|)$");

    private Yaml12() {
    }

    /** A loader that builds only standard Java types (maps, lists, strings, numbers, booleans), by YAML 1.2. */
    public static Yaml loader() {
        LoaderOptions options = new LoaderOptions();
        return new Yaml(new Constructor(options), new Representer(new DumperOptions()), new DumperOptions(),
                options, new CoreResolver());
    }

    /** A dumper writing as DVC writes (see {@link #dumper(Function)}), with SnakeYAML's own representer. */
    public static Yaml dumper() {
        return dumper(Representer::new);
    }

    /**
     * A dumper writing as DVC's ruamel.yaml round-trip dumper does with {@code default_flow_style = False}
     * (dvc/utils/serialize/_yaml.py): block style, two-space indentation, sequences not indented under their key,
     * width 80, Unicode as is, {@code \n} line breaks, plain scalars quoted by YAML 1.2.
     *
     * @param representer makes the representer from these options (e.g. one that writes floats as Python does)
     */
    public static Yaml dumper(Function<DumperOptions, Representer> representer) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(0);
        options.setWidth(80);
        options.setAllowUnicode(true);
        options.setLineBreak(DumperOptions.LineBreak.UNIX);
        return new Yaml(new Constructor(new LoaderOptions()), representer.apply(options), options,
                new LoaderOptions(), new CoreResolver());
    }

    /**
     * The YAML 1.2 core schema's implicit types, as ruamel.yaml resolves them. (The patterns are named
     * {@code CORE_*}: SnakeYAML's {@link Resolver} has YAML 1.1 constants named {@code BOOL}, {@code INT}, ... that
     * would shadow same-named ones here.)
     */
    static final class CoreResolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, CORE_BOOL, "tTfF");
            addImplicitResolver(Tag.INT, CORE_INT, "-+0123456789");
            addImplicitResolver(Tag.FLOAT, CORE_FLOAT, "-+0123456789.");
            addImplicitResolver(Tag.NULL, CORE_NULL, "~nN\0");
            addImplicitResolver(Tag.NULL, Pattern.compile("^$"), null);
            addImplicitResolver(Tag.TIMESTAMP, TIMESTAMP, "0123456789");
        }
    }

    /** SnakeYAML's safe constructor with integers read by YAML 1.2 (no octal from a leading zero). */
    private static final class Constructor extends SafeConstructor {
        Constructor(LoaderOptions options) {
            super(options);
            yamlConstructors.put(Tag.INT, new Int12());
        }

        private final class Int12 extends AbstractConstruct {
            @Override
            public Object construct(Node node) {
                String text = constructScalar((ScalarNode) node).replace("_", "");
                int sign = 1;
                if (text.startsWith("-")) {
                    sign = -1;
                    text = text.substring(1);
                } else if (text.startsWith("+")) {
                    text = text.substring(1);
                }
                int radix = 10;
                if (text.startsWith("0o")) {
                    radix = 8;
                    text = text.substring(2);
                } else if (text.startsWith("0x")) {
                    radix = 16;
                    text = text.substring(2);
                } else if (text.startsWith("0b")) {
                    radix = 2;
                    text = text.substring(2);
                }
                BigInteger value = new BigInteger(text, radix);
                if (sign < 0) {
                    value = value.negate();
                }
                if (value.bitLength() < 32) {
                    return value.intValue();
                }
                return value.bitLength() < 64 ? (Object) value.longValue() : value;
            }
        }
    }
}
