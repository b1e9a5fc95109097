package org.movierec.retrain.train;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.movierec.retrain.RunLayout;
import org.movierec.retrain.params.RetrainParams;
import org.movierec.retrain.split.SplitStage;

/**
 * The train stage's Spark engine ({@code train.engine: spark}): runs recsys-spark's {@code SparkTrain} as its own
 * process on the split's {@code train.tsv}, writing {@link RunLayout#MODEL} where the SGD engine writes it. Spark
 * never enters this JVM (nor the retrain-service's): the pipeline only knows the engine's command line.
 *
 * <p>How it launches ({@link Launch#fromEnvironment}):
 * <ul>
 *   <li>master {@code local[...]} (the default {@code local[*]}): {@code java <engine dir/java-options> -cp
 *       <engine dir>/recsys-spark.jar:<engine dir>/lib/* org.movierec.spark.SparkTrain --master local[*] ...},
 *       the JVM that runs this one;</li>
 *   <li>any other master ({@code k8s://...}, {@code spark://...}, {@code yarn}): {@code spark-submit --master <m>
 *       --class org.movierec.spark.SparkTrain --jars <recsys-core, picocli> recsys-spark.jar ...}; the run directory
 *       must then be on storage the driver sees at the same path (docs/DEPLOYMENT.md).</li>
 * </ul>
 */
public final class SparkEngine {

    /** The engine's main class in recsys-spark. */
    public static final String MAIN_CLASS = "org.movierec.spark.SparkTrain";
    /** The engine's jar in its directory ({@code recsys-spark/target} after {@code ./mvnw package}). */
    public static final String ENGINE_JAR = "recsys-spark.jar";
    /** Its libraries, beside it. */
    public static final String ENGINE_LIB = "lib";

    /**
     * The options the engine's JVM needs on Java 17 (what Spark's own launcher opens, {@code JavaModuleOptions}),
     * whitespace-separated, in the engine's directory: recsys-spark writes its pom's {@code spark.add-opens} there
     * when it is packaged, the one place the list is kept (its tests run with the same).
     */
    public static final String ENGINE_JAVA_OPTIONS = "java-options";

    /**
     * Where the engine is and how to start it.
     *
     * @param engineDir  the directory holding {@value #ENGINE_JAR} and {@value #ENGINE_LIB}/
     *                   and {@value #ENGINE_JAVA_OPTIONS} ({@code RETRAIN_SPARK_ENGINE_DIR}, default
     *                   {@code recsys-spark/target})
     * @param master     the Spark master ({@code RETRAIN_SPARK_MASTER}, default {@code local[*]})
     * @param javaOptions extra options of the local engine JVM, e.g. {@code -Xmx12g}
     *                   ({@code RETRAIN_SPARK_JAVA_OPTS}, whitespace-separated; none by default)
     * @param sparkSubmit the {@code spark-submit} of a cluster master ({@code $SPARK_HOME/bin/spark-submit}, else
     *                   {@code spark-submit} on the PATH)
     */
    public record Launch(Path engineDir, String master, List<String> javaOptions, String sparkSubmit) {

        /** The settings from the environment variables above. */
        public static Launch fromEnvironment() {
            Map<String, String> env = System.getenv();
            return new Launch(Path.of(value(env, "RETRAIN_SPARK_ENGINE_DIR").orElse("recsys-spark/target")),
                    value(env, "RETRAIN_SPARK_MASTER").orElse("local[*]"),
                    value(env, "RETRAIN_SPARK_JAVA_OPTS").map(o -> Arrays.asList(o.trim().split("\\s+"))).orElse(List.of()),
                    value(env, "SPARK_HOME").map(h -> Path.of(h, "bin", "spark-submit").toString()).orElse("spark-submit"));
        }

        private static Optional<String> value(Map<String, String> env, String name) {
            return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
        }

        /** Whether the master runs the engine in its own JVM. */
        public boolean local() {
            return master.toLowerCase(Locale.ROOT).startsWith("local");
        }
    }

    private SparkEngine() {
    }

    /**
     * Trains with the Spark engine: reads the split's training file under {@code layout}, writes the model file.
     *
     * @throws IllegalStateException if the engine is not installed (its jar, or for a local master its
     *                               {@value #ENGINE_JAVA_OPTIONS}, is missing)
     * @throws IOException           if the engine fails (its exit status is in the message; its log is on stderr)
     */
    public static void train(RunLayout layout, RetrainParams params, Launch launch) throws IOException, InterruptedException {
        Path jar = launch.engineDir().resolve(ENGINE_JAR);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("train.engine is spark, but the Spark engine is not installed: " + jar.toAbsolutePath()
                    + " is missing (build it with ./mvnw -B -pl recsys-spark -am package -DskipTests, or set"
                    + " RETRAIN_SPARK_ENGINE_DIR to the directory holding " + ENGINE_JAR + " and " + ENGINE_LIB + "/)");
        }
        Path model = layout.path(RunLayout.MODEL);
        Files.createDirectories(model.getParent());
        List<String> command = launch.local() ? localCommand(launch, jar) : submitCommand(launch, jar);
        command.addAll(arguments(layout, params));
        if (launch.local()) {
            command.addAll(List.of("--master", launch.master()));
        }
        Process process = new ProcessBuilder(command).inheritIO().start();
        int status = process.waitFor();
        if (status != 0) {
            throw new IOException("the Spark engine exited with status " + status + " (command: " + String.join(" ", command) + ")");
        }
        if (!Files.isRegularFile(model)) {
            throw new IOException("the Spark engine exited normally but wrote no model file " + model);
        }
    }

    private static List<String> localCommand(Launch launch, Path jar) throws IOException {
        Path engineOptions = launch.engineDir().resolve(ENGINE_JAVA_OPTIONS);
        if (!Files.isRegularFile(engineOptions)) {
            throw new IllegalStateException("the Spark engine in " + launch.engineDir().toAbsolutePath() + " has no "
                    + ENGINE_JAVA_OPTIONS + " (the JVM options it needs, written when recsys-spark is packaged):"
                    + " copy it with " + ENGINE_JAR + " and " + ENGINE_LIB + "/");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(Files.readString(engineOptions).trim().split("\\s+")));
        command.addAll(launch.javaOptions());
        command.add("-cp");
        command.add(jar + File.pathSeparator + launch.engineDir().resolve(ENGINE_LIB) + File.separator + "*");
        command.add(MAIN_CLASS);
        return command;
    }

    /** spark-submit brings Spark; the engine adds only what it has beyond Spark (recsys-core, picocli). */
    private static List<String> submitCommand(Launch launch, Path jar) throws IOException {
        List<String> extra = new ArrayList<>();
        try (var libs = Files.list(launch.engineDir().resolve(ENGINE_LIB))) {
            libs.map(Path::toString)
                    .filter(p -> p.contains("recsys-core") || p.contains("picocli"))
                    .sorted()
                    .forEach(extra::add);
        }
        return new ArrayList<>(List.of(launch.sparkSubmit(), "--master", launch.master(), "--class", MAIN_CLASS,
                "--jars", String.join(",", extra), jar.toString()));
    }

    /** The engine's arguments: the split's training file, the model file, {@code train.*} and the scale. */
    static List<String> arguments(RunLayout layout, RetrainParams params) {
        return new ArrayList<>(List.of(
                "--train", layout.path(RunLayout.SPLIT).resolve(SplitStage.TRAIN).toString(),
                "--model", layout.path(RunLayout.MODEL).toString(),
                "--rating-min", String.valueOf(params.number("snapshot.rating_min")),
                "--rating-max", String.valueOf(params.number("snapshot.rating_max")),
                "--rank", String.valueOf(params.integer("train.factors")),
                "--iterations", String.valueOf(params.integer("train.alsIterations")),
                "--reg", String.valueOf(params.number("train.alsReg")),
                "--bias-shrinkage", String.valueOf(params.number("train.alsBiasShrinkage")),
                "--bias-passes", String.valueOf(params.integer("train.alsBiasPasses")),
                "--seed", String.valueOf(params.integer("train.seed"))));
    }
}
