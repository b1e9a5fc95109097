package org.movierec.core.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.movierec.core.data.load.Demographics;
import org.movierec.core.data.load.DemographicsWriter;
import org.movierec.core.data.load.RatingsFormat;
import org.movierec.core.data.load.RatingsWriter;
import org.movierec.core.data.load.UserDemographics;

/**
 * Writes generated data as MovieLens-100k-style files, so every tool that reads MovieLens reads it:
 * {@code u.data} (ratings), {@code u.user} (demographics), {@code u.item} (movies with genre flags)
 * and {@code generator.json} (the configuration and the noise floor).
 */
public final class SyntheticDataWriter {

    public static final String RATINGS_FILE = "u.data";
    public static final String USERS_FILE = "u.user";
    public static final String MOVIES_FILE = "u.item";
    public static final String SUMMARY_FILE = "generator.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private SyntheticDataWriter() {
    }

    /** Writes the four files into {@code dir} (created if missing); returns the summary written to generator.json. */
    public static Map<String, Object> write(GeneratedData data, Path dir) throws IOException {
        Files.createDirectories(dir);
        new RatingsWriter(RatingsFormat.ML100K).write(data.ratings(), dir.resolve(RATINGS_FILE));
        DemographicsWriter.write(demographics(data), dir.resolve(USERS_FILE));
        writeMovies(data.movies(), dir.resolve(MOVIES_FILE));
        Map<String, Object> summary = summary(data);
        Files.writeString(dir.resolve(SUMMARY_FILE), JSON.writeValueAsString(summary) + "\n", StandardCharsets.UTF_8);
        return summary;
    }

    /** The users as loader-compatible demographics. */
    public static Demographics demographics(GeneratedData data) {
        List<UserDemographics> users = new ArrayList<>(data.users().size());
        for (SyntheticUser u : data.users()) {
            users.add(new UserDemographics(u.id(), u.age(), u.gender(), u.occupation(), u.zip()));
        }
        return new Demographics(users);
    }

    public static Map<String, Object> summary(GeneratedData data) {
        GeneratorConfig c = data.config();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("users", c.users());
        m.put("movies", c.movies());
        m.put("ratings", data.ratings().size());
        m.put("rank", c.rank());
        m.put("noise_std", c.noiseStd());
        m.put("group_effect", c.groupEffect());
        m.put("popularity_skew", c.popularitySkew());
        m.put("activity_skew", c.activitySkew());
        m.put("seed", c.seed());
        m.put("mean_rating", data.ratings().mean());
        m.put("noise_floor", data.noiseFloor());
        m.put("bayes_floor", data.bayesFloor());
        return m;
    }

    /**
     * {@code u.item}: {@code id|title|release date|video release date|IMDb URL|19 genre flags}, the
     * first flag being MovieLens' "unknown".
     */
    static void writeMovies(List<SyntheticMovie> movies, Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (SyntheticMovie m : movies) {
                StringBuilder line = new StringBuilder(96);
                line.append(m.id()).append('|').append(m.title()).append('|')
                        .append(String.format(Locale.ROOT, "01-Jan-%d", m.year())).append("||").append('|');
                line.append(m.genres().isEmpty() ? '1' : '0');
                for (String genre : SyntheticDataGenerator.GENRES) {
                    line.append('|').append(m.genres().contains(genre) ? '1' : '0');
                }
                out.write(line.append('\n').toString());
            }
        }
    }
}
