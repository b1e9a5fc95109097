package org.movierec.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.Map;

/**
 * The {@code recsys} command line. Each command prints its result on stdout (JSON, or the
 * recommendation line), progress on stderr. Exit codes: 0 done, 1 failed (bad data, missing file),
 * 2 bad command line (with the usage).
 */
public final class Recsys {

    static final String USAGE = """
            usage: recsys <command> [options]

            commands:
              generate  --users N --movies M --ratings R --seed S --out DIR
                        [--rank K] [--noise SD] [--group-effect G] [--popularity-skew Z]
                        [--activity-skew Z] [--days D] [--slugs]
                        writes DIR/u.data, u.user, u.item and generator.json (with the noise floor)
              train     --ratings FILE [--format ml100k|ml1m|csv] --out MODEL [hyperparameters]
              evaluate  --train FILE --test FILE [--format ml100k|ml1m|csv] [--ranking-k K] [hyperparameters]
                        prints one JSON object: rmse, mae, train_seconds, train_ratings, test_ratings, factors, epochs, …
              cv        --ratings FILE [--format …] --folds K [hyperparameters]
              tune      --ratings FILE [--format …] [--folds K] [--trials N] [--grid] [--seed S]
              recommend --model MODEL --user ID [--n 20] [--json]
              info      --model MODEL

            data options: --skip-bad-lines (count and skip malformed lines instead of failing),
                          --scale MIN..MAX (rating scale, default 1..5)
            hyperparameters: --factors K --epochs N --lr X --lr-decay X --reg X --bias-reg X
                             --init-std X --validation F --patience N --seed S --threads T
            """;

    private Recsys() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command; returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            (args.length == 0 ? err : out).print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        Map<String, Command> commands = Map.of(
                "generate", new GenerateCommand(),
                "train", new TrainCommand(),
                "evaluate", new EvaluateCommand(),
                "cv", new CrossValidateCommand(),
                "tune", new TuneCommand(),
                "recommend", new RecommendCommand(),
                "info", new InfoCommand());
        Command command = commands.get(args[0]);
        try {
            if (command == null) {
                throw new UsageException("unknown command '" + args[0] + "'");
            }
            Args options = Args.parse(args, 1, command.flags());
            command.run(options, out, err);
            return 0;
        } catch (UsageException e) {
            err.println("recsys: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (NoSuchFileException e) {
            err.println("recsys: no such file: " + e.getFile());
            return 1;
        } catch (IOException | UncheckedIOException e) {
            err.println("recsys: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println("recsys: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            if (System.getenv("RECSYS_DEBUG") != null) {
                e.printStackTrace(err);
            }
            return 1;
        }
    }
}
