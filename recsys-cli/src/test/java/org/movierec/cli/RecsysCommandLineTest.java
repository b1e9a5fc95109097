package org.movierec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** The grammar of {@code recsys} as picocli parses real arguments: options, values, help and usage errors. */
class RecsysCommandLineTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private CommandLine commandLine() {
        return Recsys.commandLine(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private int run(String... args) {
        return commandLine().execute(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void optionsTakeSeparateOrAttachedValuesAndIntegersMayGroupDigits() {
        ParseResult parsed = commandLine().parseArgs("train", "--ratings", "r.data", "--out=m.bin", "--factors", "1_024",
                "--lr", "0.02", "--quiet", "--skip-bad-lines", "--scale", "0.5..5");
        ParseResult train = parsed.subcommand();
        assertThat(train.commandSpec().name()).isEqualTo("train");
        assertThat(train.<Path>matchedOptionValue("--ratings", null)).isEqualTo(Path.of("r.data"));
        assertThat(train.<Path>matchedOptionValue("--out", null)).isEqualTo(Path.of("m.bin"));
        assertThat(train.<Integer>matchedOptionValue("--factors", 0)).isEqualTo(1024);
        assertThat(train.<Double>matchedOptionValue("--lr", 0.0)).isEqualTo(0.02);
        assertThat(train.hasMatchedOption("--quiet")).isTrue();
        assertThat(train.hasMatchedOption("--skip-bad-lines")).isTrue();
        assertThat(train.matchedOption("--scale").getValue().toString()).isEqualTo("0.5..5");
    }

    @Test
    void everyCommandHasGeneratedHelpOnStdoutWithExitCode0() {
        for (String command : List.of("generate", "train", "evaluate", "cv", "tune", "recommend", "info")) {
            out.reset();
            assertThat(run(command, "--help")).as(command).isZero();
            assertThat(out()).as(command).startsWith("usage: recsys " + command).contains("-h, --help");
        }
        out.reset();
        assertThat(run("help", "evaluate")).isZero();
        assertThat(out()).contains("usage: recsys evaluate", "--train=FILE", "--ranking-k=K", "--factors=K", "--format=");
        out.reset();
        assertThat(run("--help")).isZero();
        assertThat(out()).contains("usage: recsys", "generate", "train", "evaluate", "cv", "tune", "recommend", "info");
        assertThat(err()).isEmpty();
    }

    @Test
    void usageErrorsSayWhatIsWrongAndShowTheCommandsUsageWithExitCode2() {
        record Case(String[] args, String message) {
        }
        for (Case c : List.of(
                new Case(new String[] {}, "recsys: missing command"),
                new Case(new String[] {"train", "--ratings", "r", "--out", "m", "--factors", "0"}, "--factors must be in 1..4096, got 0"),
                new Case(new String[] {"train", "--ratings", "r", "--out", "m", "--lr", "NaN"}, "must be a number, got 'NaN'"),
                new Case(new String[] {"train", "--ratings", "r", "--out", "m", "--scale", "5"}, "--scale must look like 1..5, got '5'"),
                new Case(new String[] {"train", "--ratings", "r", "--ratings", "s", "--out", "m"}, "'--ratings'"),
                new Case(new String[] {"train", "--out", "m"}, "Missing required option: '--ratings=FILE'"),
                new Case(new String[] {"recommend", "--model", "m", "--user", "1", "--n", "0"}, "--n must be in 1..1000, got 0"),
                new Case(new String[] {"evaluate", "--train", "a", "--test", "b", "--format", "parquet"}, "parquet"))) {
            err.reset();
            assertThat(run(c.args())).as(String.join(" ", c.args())).isEqualTo(2);
            assertThat(err()).as(String.join(" ", c.args())).contains(c.message()).contains("usage: recsys")
                    .doesNotContain("\tat ");
        }
        assertThat(out()).isEmpty();
    }

    @Test
    void completionScriptCoversTheCommandsAndTheirOptions() {
        assertThat(run("generate-completion")).isZero();
        assertThat(out()).contains("recsys", "generate", "evaluate", "recommend", "--ratings", "--skip-bad-lines");
    }
}
