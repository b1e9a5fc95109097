package org.movierec.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.movierec.core.generate.GeneratedData;
import org.movierec.core.generate.GeneratorConfig;
import org.movierec.core.generate.SyntheticDataGenerator;
import org.movierec.core.generate.SyntheticDataWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code recsys generate}: seeded synthetic MovieLens-format data with a known noise floor. The options not given
 * keep {@link GeneratorConfig#of}'s values, which depend on the sizes.
 */
@Command(name = "generate", description = "Seeded synthetic MovieLens-format data with a known noise floor: writes"
        + " DIR/u.data, u.user, u.item and generator.json (with the noise floor).")
final class GenerateCommand extends RecsysCommand {

    @Option(names = "--users", required = true, paramLabel = "N", description = "Users, 1..50000000.")
    private int users;
    @Option(names = "--movies", required = true, paramLabel = "M", description = "Movies, 1..10000000.")
    private int movies;
    @Option(names = "--ratings", required = true, paramLabel = "R", description = "Ratings.")
    private int ratings;
    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    private long seed;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write.")
    private Path dir;
    @Option(names = "--rank", paramLabel = "K", description = "Rank of the true preferences, 1..512.")
    private Integer rank;
    @Option(names = "--noise", paramLabel = "SD", description = "Rating noise standard deviation.")
    private Double noise;
    @Option(names = "--group-effect", paramLabel = "G", description = "Demographic group effect.")
    private Double groupEffect;
    @Option(names = "--popularity-skew", paramLabel = "Z", description = "Zipf exponent of movie popularity.")
    private Double popularitySkew;
    @Option(names = "--activity-skew", paramLabel = "Z", description = "Zipf exponent of user activity.")
    private Double activitySkew;
    @Option(names = "--days", paramLabel = "D", description = "Days the ratings span, 1..100000.")
    private Integer days;
    @Option(names = "--slugs", description = "Movie ids as slugs instead of integers.")
    private boolean slugs;
    @Option(names = "--selection-tilt", paramLabel = "B", description = "Implicit effect, 0..10: users choose the "
            + "movies they rate with odds exp(B x their standardised true affinity) besides popularity (0: none).")
    private Double selectionTilt;

    @Override
    public Integer call() throws Exception {
        OptionChecks.inRange(spec, "--users", users, 1, 50_000_000);
        OptionChecks.inRange(spec, "--movies", movies, 1, 10_000_000);
        OptionChecks.inRange(spec, "--ratings", ratings, 1, Integer.MAX_VALUE - 8);
        GeneratorConfig defaults = GeneratorConfig.of(users, Math.max(movies, 2), Math.max(1, Math.min(ratings, users)), seed);
        GeneratorConfig config;
        try {
            config = new GeneratorConfig(users, movies, ratings,
                    rank == null ? defaults.rank() : OptionChecks.inRange(spec, "--rank", rank, 1, 512),
                    noise == null ? defaults.noiseStd() : noise,
                    groupEffect == null ? defaults.groupEffect() : groupEffect,
                    popularitySkew == null ? defaults.popularitySkew() : popularitySkew,
                    activitySkew == null ? defaults.activitySkew() : activitySkew,
                    slugs,
                    defaults.startEpochSeconds(),
                    days == null ? defaults.days() : OptionChecks.inRange(spec, "--days", days, 1, 100_000),
                    defaults.scale(), seed,
                    selectionTilt == null ? defaults.selectionTilt() : selectionTilt,
                    defaults.watchesPerUser());
        } catch (IllegalArgumentException e) {
            throw OptionChecks.usageError(spec, e.getMessage());
        }

        long start = System.nanoTime();
        GeneratedData data = SyntheticDataGenerator.generate(config);
        Map<String, Object> report = new LinkedHashMap<>(SyntheticDataWriter.write(data, dir));
        report.put("out", dir.toString());
        report.put("seconds", (System.nanoTime() - start) / 1e9);
        JsonOutput.print(out(), report);
        return 0;
    }
}
