package org.movierec.retrain.dvc;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Plain scalars by YAML 1.2, as ruamel.yaml (DVC's YAML library) reads them; expected values from the YAML 1.2.2
 * core schema (yaml.org/spec/1.2.2, 10.3.2 "Tag Resolution") and ruamel.yaml's 1.2 int constructor (a leading zero
 * is decimal).
 */
class Yaml12Test {

    @Test
    void readsPlainScalarsByYaml12() {
        Map<String, Object> m = Yaml12.loader().load("""
                octal_looking: 040
                octal: 0o40
                hex: 0x1F
                negative: -12
                underscored: 1_000
                big: 12345678901234567890
                float: 1e3
                half: .5
                inf: -.inf
                yes_word: yes
                off_word: off
                sexagesimal: 1:30
                bool: True
                nothing: ~
                """);
        assertThat(m).containsEntry("octal_looking", 40).containsEntry("octal", 32).containsEntry("hex", 31)
                .containsEntry("negative", -12).containsEntry("underscored", 1000)
                .containsEntry("big", new BigInteger("12345678901234567890")).containsEntry("float", 1000.0)
                .containsEntry("half", 0.5).containsEntry("inf", Double.NEGATIVE_INFINITY)
                .containsEntry("yes_word", "yes").containsEntry("off_word", "off").containsEntry("sexagesimal", "1:30")
                .containsEntry("bool", true).containsEntry("nothing", null);
    }

    @Test
    void quotesExactlyWhatYaml12WouldReadAsSomethingElse() {
        String text = Yaml12.dumper().dump(new java.util.LinkedHashMap<>(Map.of("a", ".5")));
        assertThat(text).isEqualTo("a: '.5'\n");
        for (String s : new String[] {"040", "0o40", "1e3", "true", "null", "~", "2.0", "-.inf"}) {
            assertThat(Yaml12.dumper().dump(s)).as(s).isEqualTo("'" + s + "'\n");
        }
        for (String s : new String[] {"yes", "off", "1:30", "time", "bin/retrain train"}) {
            assertThat(Yaml12.dumper().dump(s)).as(s).isEqualTo(s + "\n");
        }
    }
}
