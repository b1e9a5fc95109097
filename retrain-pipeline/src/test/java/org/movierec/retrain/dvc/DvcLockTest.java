package org.movierec.retrain.dvc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DvcLockTest {

    /**
     * The lock DVC 3.x would write for a stage given in dvc.yaml order, derived by hand from DVC's serializer
     * (iterative/dvc, dvc/stage/serialize.py {@code to_single_stage_lockfile} and {@code _serialize_params_values};
     * dvc-data {@code Meta.to_dict}; dvc/utils/serialize/_yaml.py, ruamel.yaml with
     * {@code default_flow_style = False}):
     * deps and outs sorted by path (Python string order: {@code data/snapshot} &lt; {@code data/split};
     * {@code model/model.bin} &lt; {@code reports/metrics.json}), {@code params.yaml} first and other params files by
     * path, keys sorted ({@code train.epochs} &lt; {@code train.factors} &lt; {@code train.lr}); entries
     * {@code path, hash: md5, md5, size, nfiles}; strings a YAML 1.2 reader would take for a number quoted
     * ({@code '.5'}, {@code '040'}), {@code yes} plain (a string in 1.2); floats as Python's repr ({@code 1e-05}).
     */
    @Test
    void writesWhatDvcWritesSortedByPathAndKey() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("train.lr", 0.03);
        params.put("train.factors", 64);
        params.put("train.epochs", 40);
        params.put("train.note", ".5");
        params.put("train.code", "040");
        params.put("train.flag", "yes");
        params.put("train.tiny", 1e-05);
        Map<String, Map<String, Object>> files = new LinkedHashMap<>();
        files.put("z.yaml", Map.of("b", true));
        files.put("params.yaml", params);
        DvcLock lock = new DvcLock().stage("train", new DvcLock.Stage("bin/retrain train",
                List.of(new DvcOutput("data/split", "5ea40360f5b4ec688df672a4db9c17d1.dir", 6, 2),
                        new DvcOutput("data/snapshot", "37b51d194a7513e45b56f6524f2d51f2", 3, null)),
                files,
                List.of(new DvcOutput("reports/metrics.json", "d41d8cd98f00b204e9800998ecf8427e", 0, null),
                        new DvcOutput("model/model.bin", "acbd18db4cc2f85cedef654fccc4a4d8", 3, null))));
        assertThat(lock.toYaml()).isEqualTo("""
                schema: '2.0'
                stages:
                  train:
                    cmd: bin/retrain train
                    deps:
                    - path: data/snapshot
                      hash: md5
                      md5: 37b51d194a7513e45b56f6524f2d51f2
                      size: 3
                    - path: data/split
                      hash: md5
                      md5: 5ea40360f5b4ec688df672a4db9c17d1.dir
                      size: 6
                      nfiles: 2
                    params:
                      params.yaml:
                        train.code: '040'
                        train.epochs: 40
                        train.factors: 64
                        train.flag: yes
                        train.lr: 0.03
                        train.note: '.5'
                        train.tiny: 1e-05
                      z.yaml:
                        b: true
                    outs:
                    - path: model/model.bin
                      hash: md5
                      md5: acbd18db4cc2f85cedef654fccc4a4d8
                      size: 3
                    - path: reports/metrics.json
                      hash: md5
                      md5: d41d8cd98f00b204e9800998ecf8427e
                      size: 0
                """);
    }

    /** Stages keep the order they were first written in (DVC updates the existing map in place). */
    @Test
    void stagesKeepTheirFirstPlace() {
        DvcLock lock = new DvcLock();
        DvcLock.Stage s = new DvcLock.Stage("x", List.of(), Map.of(), List.of());
        lock.stage("split", s).stage("train", s).stage("split", new DvcLock.Stage("y", List.of(), Map.of(), List.of()));
        assertThat(lock.toYaml()).isEqualTo("schema: '2.0'\nstages:\n  split:\n    cmd: y\n  train:\n    cmd: x\n");
    }

    /** The lock reads back, by YAML 1.2, as the values that were written. */
    @Test
    void readsBackAsWritten() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("a.half", ".5");
        params.put("a.on", "on");
        params.put("a.time", "1:30");
        params.put("a.float", 0.5);
        params.put("a.big", 1e22);
        DvcLock lock = new DvcLock().stage("s", new DvcLock.Stage("c", List.of(), Map.of("params.yaml", params), List.of()));
        Map<?, ?> read = Yaml12.loader().load(lock.toYaml());
        @SuppressWarnings("unchecked")
        Map<String, Object> values = (Map<String, Object>) ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) read.get("stages")).get("s")).get("params"))
                .get("params.yaml");
        assertThat(values).containsEntry("a.half", ".5").containsEntry("a.on", "on").containsEntry("a.time", "1:30")
                .containsEntry("a.float", 0.5).containsEntry("a.big", 1e22);
    }

    /**
     * Strings a reader would take for a number, a boolean or null ({@code ".5"} reads back as 0.5 when written
     * plain) are quoted wherever they stand — command, path, hash, parameter value — so SnakeYAML reads every one
     * back as the same string: by YAML 1.2 as DVC reads the lock ({@link Yaml12#loader()}) and, since a quoted
     * scalar is a string to every reader, by plain SnakeYAML's YAML 1.1 too. (Strings that only YAML 1.1 would
     * misread, such as {@code yes}, stay plain as DVC writes them; {@link #readsBackAsWritten()} covers those.)
     */
    @Test
    void stringsThatLookLikeNumbersReadBackAsStrings() {
        List<String> tricky = List.of(".5", "-.5", "0.5", "2.0", "1e3", "040", "0o40", "0x1F", "1_000", "12",
                "true", "False", "null", "~", "", ".inf", "-.inf", ".nan");
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < tricky.size(); i++) {
            params.put(String.format("p.v%02d", i), tricky.get(i));
        }
        String allDigits = "12345678901234567890123456789012";
        DvcLock lock = new DvcLock().stage("s", new DvcLock.Stage(".5",
                List.of(new DvcOutput("1e3", allDigits, 1, null)), Map.of("params.yaml", params),
                List.of(new DvcOutput("040", "123e4567890123456789012345678901.dir", 2, 1))));
        String text = lock.toYaml();
        assertThat(text).contains("cmd: '.5'", "path: '1e3'", "md5: '" + allDigits + "'", "p.v00: '.5'");

        for (org.yaml.snakeyaml.Yaml reader : List.of(Yaml12.loader(), new org.yaml.snakeyaml.Yaml(
                new org.yaml.snakeyaml.constructor.SafeConstructor(new org.yaml.snakeyaml.LoaderOptions())))) {
            Map<?, ?> stage = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) reader.load(text)).get("stages")).get("s");
            assertThat(stage.get("cmd")).isEqualTo(".5");
            Map<?, ?> dep = (Map<?, ?>) ((List<?>) stage.get("deps")).get(0);
            assertThat(dep.get("path")).isEqualTo("1e3");
            assertThat(dep.get("md5")).isEqualTo(allDigits);
            Map<?, ?> out = (Map<?, ?>) ((List<?>) stage.get("outs")).get(0);
            assertThat(out.get("path")).isEqualTo("040");
            assertThat(out.get("md5")).isEqualTo("123e4567890123456789012345678901.dir");
            assertThat(((Map<?, ?>) stage.get("params")).get("params.yaml")).isEqualTo(params);
        }
    }

    /** Python 3's repr of these floats (e.g. {@code python3 -c 'print(repr(1e22), repr(0.1+0.2))'}). */
    @Test
    void floatsAsPythonReprWritesThem() {
        assertThat(DvcLock.pythonRepr(0.03)).isEqualTo("0.03");
        assertThat(DvcLock.pythonRepr(4.0)).isEqualTo("4.0");
        assertThat(DvcLock.pythonRepr(0.0001)).isEqualTo("0.0001");
        assertThat(DvcLock.pythonRepr(0.00001)).isEqualTo("1e-05");
        assertThat(DvcLock.pythonRepr(1e16)).isEqualTo("1e+16");
        assertThat(DvcLock.pythonRepr(1e15)).isEqualTo("1000000000000000.0");
        assertThat(DvcLock.pythonRepr(1e22)).isEqualTo("1e+22");
        assertThat(DvcLock.pythonRepr(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(DvcLock.pythonRepr(-2.5e-7)).isEqualTo("-2.5e-07");
        assertThat(DvcLock.pythonRepr(123456.789)).isEqualTo("123456.789");
    }
}
