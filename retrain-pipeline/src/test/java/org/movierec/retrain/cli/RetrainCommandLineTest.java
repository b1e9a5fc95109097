package org.movierec.retrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.retrain.params.ParamsYaml;
import org.movierec.retrain.params.RetrainParams;
import org.movierec.retrain.promote.PromotionMode;
import org.movierec.retrain.run.DvcYaml;
import org.movierec.retrain.run.Stage;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The grammar of {@code bin/retrain} as picocli parses real arguments: the commands dvc.yaml and the README call,
 * their options and defaults, generated help, and the exit codes of usage errors. (The stages themselves run in
 * RetrainRunnerTest.)
 */
class RetrainCommandLineTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private CommandLine commandLine() {
        return RetrainCli.commandLine(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private int run(String... args) {
        return RetrainCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyStageOfDvcYamlIsACommandWithTheSameOptions() {
        for (Stage stage : Stage.values()) {
            assertThat(DvcYaml.text()).contains("cmd: " + stage.cmd());
            ParseResult parsed = commandLine().parseArgs(stage.wireName(), "--dir", "runs/x", "--params", "p.yaml",
                    "--cutoff", "2025-10-17T00:00:00Z", "--users-file", "none", "--registry", "no", "--run-id", "r1",
                    "--promotion", "canary", "--registry-writes", "yes");
            ParseResult command = parsed.subcommand();
            assertThat(command.commandSpec().name()).isEqualTo(stage.wireName());
            assertThat(command.<Path>matchedOptionValue("--dir", null)).isEqualTo(Path.of("runs/x"));
            assertThat(command.<Instant>matchedOptionValue("--cutoff", null)).isEqualTo(Instant.parse("2025-10-17T00:00:00Z"));
            assertThat(command.<OptionValues.YesNo>matchedOptionValue("--registry", null)).isEqualTo(OptionValues.YesNo.NO);
            assertThat(command.<PromotionMode>matchedOptionValue("--promotion", null)).isEqualTo(PromotionMode.CANARY);
            assertThat(command.<OptionValues.YesNo>matchedOptionValue("--registry-writes", null)).isEqualTo(OptionValues.YesNo.YES);
        }
    }

    @Test
    void runTakesTheOptionsTheReadmeShows() {
        ParseResult run = commandLine().parseArgs("run", "--work-dir", "w", "--params", "p.yaml", "--run-id", "r1",
                "--cutoff", "now", "--promotion", "direct", "--users-file", "data/gen/u.user").subcommand();
        assertThat(run.commandSpec().name()).isEqualTo("run");
        assertThat(run.<Path>matchedOptionValue("--work-dir", null)).isEqualTo(Path.of("w"));
        assertThat(run.<String>matchedOptionValue("--users-file", null)).isEqualTo("data/gen/u.user");
    }

    @Test
    void defaultsComeFromTheEnvironmentOrTheOnePlaceTheyAreWritten() {
        ParseResult snapshot = commandLine().parseArgs("snapshot").subcommand();
        String database = System.getenv().getOrDefault("MOVIEREC_DATABASE", "movierec");
        assertThat(snapshot.commandSpec().findOption("--database-url").<String>getValue()).isEqualTo(
                System.getenv().getOrDefault("DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/" + database));
        assertThat(snapshot.commandSpec().findOption("--mongodb-database").<String>getValue())
                .isEqualTo(System.getenv().getOrDefault("RETRAIN_MONGODB_DATABASE", database));
        assertThat(snapshot.commandSpec().findOption("--dir").<Path>getValue()).isEqualTo(Path.of("."));
        if (System.getenv("RETRAIN_REGISTRY_WRITES") == null) {
            assertThat(snapshot.commandSpec().findOption("--registry-writes").<OptionValues.YesNo>getValue()).isEqualTo(OptionValues.YesNo.NO);
        }
    }

    @Test
    void generatedFilesAndHelp() {
        assertThat(run("dvc-yaml")).isZero();
        assertThat(out()).isEqualTo(DvcYaml.text());
        out.reset();
        assertThat(run("params")).isZero();
        assertThat(out()).isEqualTo(ParamsYaml.text(RetrainParams.ofDefaults()));
        for (String command : List.of("snapshot", "split", "train", "evaluate", "fairness", "register", "promote", "run")) {
            out.reset();
            assertThat(run(command, "--help")).as(command).isZero();
            assertThat(out()).as(command).startsWith("usage: retrain " + command).contains("-h, --help",
                    "$DATABASE_URL", "--mongodb-uri");
        }
        out.reset();
        assertThat(run("--help")).isZero();
        assertThat(out()).contains("usage: retrain", "snapshot", "promote", "run", "dvc-yaml", "params");
        out.reset();
        assertThat(run("generate-completion")).isZero();
        assertThat(out()).contains("snapshot", "--registry-writes");
        assertThat(err()).isEmpty();
    }

    @Test
    void usageErrorsExitWith2AndShowTheUsage(@TempDir Path dir) throws Exception {
        record Case(String[] args, String message) {
        }
        for (Case c : List.of(
                new Case(new String[] {}, "missing command"),
                new Case(new String[] {"frobnicate"}, "frobnicate"),
                new Case(new String[] {"split", "--colour", "red"}, "--colour"),
                new Case(new String[] {"split", "--dir"}, "--dir"),
                new Case(new String[] {"snapshot", "--cutoff", "yesterday"}, "cutoff must be now or an ISO-8601 instant"),
                new Case(new String[] {"register", "--registry-writes", "maybe"}, "must be yes or no, got maybe"),
                new Case(new String[] {"promote", "--promotion", "sideways"}, "promotion must be direct or canary"),
                new Case(new String[] {"run", "--run-id", "no spaces"}, "run id must be"))) {
            err.reset();
            assertThat(run(c.args())).as(String.join(" ", c.args())).isEqualTo(2);
            assertThat(err()).as(String.join(" ", c.args())).contains("retrain: ").contains(c.message())
                    .contains("usage: retrain").doesNotContain("\tat ");
        }
        assertThat(out()).isEmpty();
    }

    @Test
    void aStageThatFailsExitsWith1AndSaysWhichStage(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir);
        assertThat(run("train", "--dir", dir.toString())).isEqualTo(1);
        assertThat(err()).startsWith("retrain: train failed: ").doesNotContain("usage:");
    }
}
