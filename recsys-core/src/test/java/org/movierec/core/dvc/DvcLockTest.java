package org.movierec.core.dvc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DvcLockTest {

    /** The shape of DVC 3.x's dvc.lock as documented on dvc.org (user-guide/project-structure/dvcyaml-files). */
    @Test
    void writesSchemaTwoWithHashMd5Entries() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("train.factors", 64);
        params.put("train.lr", 0.03);
        params.put("split.policy", "time");
        DvcLock lock = new DvcLock().stage("train", new DvcLock.Stage("bin/retrain train --split data/split",
                List.of(new DvcOutput("data/split", "5ea40360f5b4ec688df672a4db9c17d1.dir", 6, 2)),
                Map.of("params.yaml", params),
                List.of(new DvcOutput("model/model.bin", "acbd18db4cc2f85cedef654fccc4a4d8", 3, null))));
        assertThat(lock.toYaml()).isEqualTo("""
                schema: '2.0'
                stages:
                  train:
                    cmd: bin/retrain train --split data/split
                    deps:
                    - path: data/split
                      hash: md5
                      md5: 5ea40360f5b4ec688df672a4db9c17d1.dir
                      size: 6
                      nfiles: 2
                    params:
                      params.yaml:
                        train.factors: 64
                        train.lr: 0.03
                        split.policy: time
                    outs:
                    - path: model/model.bin
                      hash: md5
                      md5: acbd18db4cc2f85cedef654fccc4a4d8
                      size: 3
                """);
    }

    @Test
    void quotesStringsYamlWouldReadAsSomethingElse() {
        assertThat(DvcLock.scalar("true")).isEqualTo("'true'");
        assertThat(DvcLock.scalar("0.5")).isEqualTo("'0.5'");
        assertThat(DvcLock.scalar("it's: x")).isEqualTo("'it''s: x'");
        assertThat(DvcLock.scalar("params.yaml")).isEqualTo("params.yaml");
        assertThat(DvcLock.scalar("bin/retrain split")).isEqualTo("bin/retrain split");
        assertThat(DvcLock.scalar("trailing ")).isEqualTo("'trailing '");
    }
}
