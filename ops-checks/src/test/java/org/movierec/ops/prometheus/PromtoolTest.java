package org.movierec.ops.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** promtool (Debian package prometheus) checks the production config and the rules, and runs their unit tests. */
class PromtoolTest {

    private final Path promtool = OpsFiles.tool("promtool", "prometheus");

    @Test
    void productionConfigIsValid() throws Exception {
        // also checks that rule_files matches the rule files and that each of them parses
        OpsFiles.Result result = OpsFiles.run(OpsFiles.prometheus(),
                List.of(promtool.toString(), "check", "config", "prometheus.yml"));
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: prometheus.yml is valid prometheus config file syntax");
    }

    @Test
    void rulesAreValid() throws Exception {
        List<String> command = new ArrayList<>(List.of(promtool.toString(), "check", "rules"));
        List<Path> rules = OpsFiles.yamlFiles(OpsFiles.prometheus().resolve("rules"));
        assertThat(rules).isNotEmpty();
        rules.forEach(p -> command.add(p.toString()));
        OpsFiles.Result result = OpsFiles.run(OpsFiles.prometheus(), command);
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).doesNotContain("FAILED");
    }

    @Test
    void ruleUnitTestsPass() throws Exception {
        List<String> command = new ArrayList<>(List.of(promtool.toString(), "test", "rules"));
        List<Path> tests = OpsFiles.yamlFiles(OpsFiles.prometheus().resolve("tests"));
        assertThat(tests).isNotEmpty();
        tests.forEach(p -> command.add(p.toString()));
        OpsFiles.Result result = OpsFiles.run(OpsFiles.prometheus(), command);
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).doesNotContain("FAILED");
    }
}
