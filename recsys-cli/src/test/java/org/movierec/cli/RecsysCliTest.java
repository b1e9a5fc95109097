package org.movierec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI end to end, in-process: generate, train, evaluate, recommend, cv, info and the error paths. */
class RecsysCliTest {

    @TempDir
    static Path dir;

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Recsys.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The keys of a one-line JSON object with flat values, in the order printed. */
    static List<String> keys(String json) {
        return Pattern.compile("\"([a-z_]+)\":").matcher(json).results().map(m -> m.group(1)).toList();
    }

    @BeforeAll
    static void generate() {
        Result r = run("generate", "--users", "300", "--movies", "200", "--ratings", "12000", "--seed", "5",
                "--out", dir.resolve("data").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"ratings\":12000").contains("\"noise_floor\":");
    }

    @Test
    void generateWritesMovieLensFiles() throws IOException {
        assertThat(Files.readAllLines(dir.resolve("data/u.data"))).hasSize(12000);
        assertThat(Files.readAllLines(dir.resolve("data/u.user"))).hasSize(300).first().asString().matches("1\\|\\d+\\|[MF]\\|.+\\|\\d{5}");
        assertThat(Files.readAllLines(dir.resolve("data/u.item"))).hasSize(200);
        assertThat(Files.readString(dir.resolve("data/generator.json"))).contains("\"bayes_floor\"");
    }

    @Test
    void evaluatePrintsExactlyOneJsonObjectWithTheContractKeys() throws IOException {
        Path data = dir.resolve("data/u.data");
        // a fixed split: the first 10,000 lines train, the rest test
        var lines = Files.readAllLines(data);
        Path train = Files.write(dir.resolve("split.base"), lines.subList(0, 10_000));
        Path test = Files.write(dir.resolve("split.test"), lines.subList(10_000, lines.size()));

        Result r = run("evaluate", "--train", train.toString(), "--test", test.toString(), "--factors", "16",
                "--epochs", "15", "--ranking-k", "10");

        assertThat(r.code()).as(r.err()).isZero();
        String json = r.out().strip();
        assertThat(json.lines().count()).isEqualTo(1);
        assertThat(json).startsWith("{").endsWith("}");
        for (String key : new String[] {"rmse", "mae", "train_seconds", "train_ratings", "test_ratings", "factors", "epochs"}) {
            assertThat(json).contains("\"" + key + "\":");
        }
        assertThat(json).contains("\"train_ratings\":10000", "\"test_ratings\":2000", "\"factors\":16", "\"precision_at_k\":");
        double rmse = Double.parseDouble(json.replaceAll(".*\"rmse\":([0-9.]+).*", "$1"));
        assertThat(rmse).isBetween(0.5, 1.2);
        assertThat(r.err()).contains("epoch   1"); // progress goes to stderr, not stdout
        assertThat(keys(json)).containsExactly("rmse", "mae", "train_seconds", "train_ratings", "test_ratings", "factors",
                "epochs", "best_epoch", "validation_rmse", "threads", "precision_at_k", "recall_at_k", "ndcg_at_k",
                "catalog_coverage", "k");

        Result quiet = run("evaluate", "--train", train.toString(), "--test", test.toString(), "--factors", "4",
                "--epochs", "3", "--quiet");
        assertThat(quiet.code()).as(quiet.err()).isZero();
        assertThat(quiet.err()).doesNotContain("epoch");
        assertThat(keys(quiet.out())).doesNotContain("k").contains("rmse");
    }

    @Test
    void trainThenRecommendAndInfo() {
        Path model = dir.resolve("models/model.bin");
        // the explicit model of earlier builds (SVD++ became the default; see svdppIsTheDefaultAndItsFileIsVersion2)
        Result trained = run("train", "--ratings", dir.resolve("data/u.data").toString(), "--out", model.toString(),
                "--factors", "8", "--epochs", "10", "--quiet", "--no-implicit");
        assertThat(trained.code()).as(trained.err()).isZero();
        assertThat(trained.out()).contains("\"ratings\":12000", "\"factors\":8");
        assertThat(keys(trained.out())).containsExactly("model", "ratings", "users", "movies", "factors", "epochs",
                "best_epoch", "validation_rmse", "train_seconds");
        assertThat(trained.err()).doesNotContain("epoch"); // --quiet

        Result line = run("recommend", "--model", model.toString(), "--user", "7", "--n", "5");
        assertThat(line.code()).as(line.err()).isZero();
        assertThat(line.out().strip()).matches("\\d+(,\\d+){4}");

        Result cold = run("recommend", "--model", model.toString(), "--user", "no-such-user", "--json");
        assertThat(cold.out()).contains("\"fallback\":true");

        Result info = run("info", "--model", model.toString());
        assertThat(info.out()).contains("\"users\":300", "\"factors\":8", "\"algorithm\":\"sgd-biased-mf\"");
    }

    @Test
    void svdppIsTheDefaultAndItsFileIsVersion2() {
        Path model = dir.resolve("models/svdpp.bin");
        Result trained = run("train", "--ratings", dir.resolve("data/u.data").toString(), "--out", model.toString(),
                "--factors", "8", "--epochs", "10", "--quiet");
        assertThat(trained.code()).as(trained.err()).isZero();

        Result info = run("info", "--model", model.toString());
        assertThat(info.out()).contains("\"format_version\":2", "\"algorithm\":\"sgd-svdpp\"", "\"implicitRegularization\":");
        Result line = run("recommend", "--model", model.toString(), "--user", "7", "--n", "5");
        assertThat(line.code()).as(line.err()).isZero();
        assertThat(line.out().strip()).matches("\\d+(,\\d+){4}");
    }

    @Test
    void evaluatePrintsTheRankingMetricsForBothModels() throws IOException {
        var lines = Files.readAllLines(dir.resolve("data/u.data"));
        Path train = Files.write(dir.resolve("ranking.base"), lines.subList(0, 10_000));
        Path test = Files.write(dir.resolve("ranking.test"), lines.subList(10_000, lines.size()));
        for (String model : new String[] {"--implicit", "--no-implicit"}) {
            Result r = run("evaluate", "--train", train.toString(), "--test", test.toString(), "--factors", "8",
                    "--epochs", "10", "--ranking-k", "10", "--quiet", model);
            assertThat(r.code()).as(r.err()).isZero();
            for (String key : new String[] {"precision_at_k", "recall_at_k", "ndcg_at_k"}) {
                double value = Double.parseDouble(r.out().replaceAll("(?s).*\"" + key + "\":([0-9.E-]+).*", "$1"));
                assertThat(value).as(model + " " + key).isBetween(0.0, 1.0);
            }
            assertThat(r.out()).contains("\"k\":10");
        }
    }

    @Test
    void crossValidationReportsEveryFold() {
        Result r = run("cv", "--ratings", dir.resolve("data/u.data").toString(), "--folds", "3", "--factors", "8", "--epochs", "8");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"folds\":3", "\"rmse_std\":");
    }

    @Test
    void badArgumentsGiveUsageAndExitCode2WithoutAStackTrace() {
        for (String[] args : new String[][] {
                {},
                {"frobnicate"},
                {"train", "--ratings"},
                {"train", "--ratings", "x", "--out", "y", "--factors", "many"},
                {"evaluate", "--train", "a", "--test", "b", "--colour", "red"},
                {"generate", "--users", "10", "--movies", "10", "--ratings", "1000", "--out", "z"},
                {"cv", "--ratings", "x", "--folds", "1"},
                {"evaluate", "--train", "a", "--test", "b", "--format", "parquet"}}) {
            Result r = run(args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err()).contains("usage: recsys").doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void dataProblemsExitWith1AndNameTheFileAndLine() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.data"), "1\t2\t5\t100\n1\t3\tfive\t100\n");
        Result r = run("train", "--ratings", bad.toString(), "--format", "ml100k", "--out", dir.resolve("m.bin").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("bad.data:2").doesNotContain("\tat ");

        Result skipped = run("train", "--ratings", bad.toString(), "--format", "ml100k", "--skip-bad-lines",
                "--out", dir.resolve("m.bin").toString(), "--quiet", "--factors", "2", "--epochs", "2", "--validation", "0");
        assertThat(skipped.code()).as(skipped.err()).isZero();
        assertThat(skipped.err()).contains("skipped");

        Result missing = run("train", "--ratings", dir.resolve("nope.data").toString(), "--out", "m.bin");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("no such file");

        Path corrupt = Files.write(dir.resolve("corrupt.bin"), new byte[] {1, 2, 3});
        Result c = run("recommend", "--model", corrupt.toString(), "--user", "1");
        assertThat(c.code()).isEqualTo(1);
        assertThat(c.err()).contains("recsys:").doesNotContain("\tat ");
    }
}
