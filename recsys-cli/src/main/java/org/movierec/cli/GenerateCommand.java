package org.movierec.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.movierec.core.generate.GeneratedData;
import org.movierec.core.generate.GeneratorConfig;
import org.movierec.core.generate.SyntheticDataGenerator;
import org.movierec.core.generate.SyntheticDataWriter;
import org.movierec.core.json.Json;

/** {@code recsys generate}: seeded synthetic MovieLens-format data with a known noise floor. */
final class GenerateCommand implements Command {

    @Override
    public Set<String> flags() {
        return Set.of("slugs");
    }

    @Override
    public void run(Args a, PrintStream out, PrintStream err) throws IOException {
        int users = a.integer("users", 1, 50_000_000);
        int movies = a.integer("movies", 1, 10_000_000);
        int ratings = a.integer("ratings", 1, Integer.MAX_VALUE - 8);
        long seed = a.longValue("seed", 42);
        Path dir = a.path("out");
        GeneratorConfig defaults = GeneratorConfig.of(users, Math.max(movies, 2), Math.max(1, Math.min(ratings, users)), seed);
        GeneratorConfig config;
        try {
            config = new GeneratorConfig(users, movies, ratings,
                    a.integer("rank", defaults.rank(), 1, 512),
                    a.number("noise", defaults.noiseStd()),
                    a.number("group-effect", defaults.groupEffect()),
                    a.number("popularity-skew", defaults.popularitySkew()),
                    a.number("activity-skew", defaults.activitySkew()),
                    a.flag("slugs"),
                    defaults.startEpochSeconds(),
                    a.integer("days", defaults.days(), 1, 100_000),
                    defaults.scale(), seed);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        a.finish();

        long start = System.nanoTime();
        GeneratedData data = SyntheticDataGenerator.generate(config);
        Map<String, Object> report = new LinkedHashMap<>(SyntheticDataWriter.write(data, dir));
        report.put("out", dir.toString());
        report.put("seconds", (System.nanoTime() - start) / 1e9);
        out.println(Json.write(report));
    }
}
