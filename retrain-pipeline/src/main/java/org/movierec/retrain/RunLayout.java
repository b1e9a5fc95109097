package org.movierec.retrain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where each stage's inputs and outputs live, relative to a run directory (and to the repository root,
 * for {@code dvc repro}): the paths of {@code dvc.yaml}.
 */
public final class RunLayout {

    /** The parameters file. */
    public static final String PARAMS = "params.yaml";
    /** Snapshot directory: {@code ratings.tsv}, {@code users.tsv}, {@code movies.tsv}. */
    public static final String SNAPSHOT = "data/snapshot";
    /** Data-quality report of the snapshot. */
    public static final String QUALITY = "reports/quality.json";
    /** Split directory: {@code train.tsv}, {@code test.tsv}. */
    public static final String SPLIT = "data/split";
    /** The trained model file. */
    public static final String MODEL = "model/model.bin";
    /** Candidate and production metrics on the holdout. */
    public static final String METRICS = "reports/metrics.json";
    /** The fairness audit. */
    public static final String FAIRNESS = "reports/fairness.json";
    /** The registered version. */
    public static final String REGISTERED = "reports/registered.json";
    /** The promotion decision. */
    public static final String PROMOTION = "reports/promotion.json";
    /** The DVC lock record of the run. */
    public static final String DVC_LOCK = "dvc.lock";

    private final Path dir;

    public RunLayout(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** {@code relative} under the run directory. */
    public Path path(String relative) {
        return dir.resolve(relative);
    }

    /** Writes {@code value} as one line of JSON to {@code relative}, creating its directory. */
    public void writeJson(String relative, Object value) throws IOException {
        Path file = path(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, RetrainJson.write(value) + "\n", StandardCharsets.UTF_8);
    }

    /** Reads the JSON object in {@code relative} (whole numbers as {@link Long}, see {@link RetrainJson}). */
    public Map<String, Object> readJson(String relative) throws IOException {
        try {
            return RetrainJson.readObject(Files.readString(path(relative), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IOException(path(relative) + ": " + e.getMessage(), e);
        }
    }
}
