package org.movierec.simulator.catalog;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.movierec.core.generate.SyntheticDataGenerator;
import org.movierec.core.generate.SyntheticUser;
import org.movierec.simulator.SimulatorConfig;

/**
 * Accounts people create in the viewer's app ({@code POST /user}), after the world's users: ids
 * {@code users+1, users+2, ...}. They have demographics but no true taste (a person plays them), so the robots never
 * play them. Kept in {@code <data-dir>/accounts.csv} (one {@code id,age,gender,occupation} line each, appended), so
 * an id is never given twice across restarts, and the user API keeps answering for them: the retrain snapshot keeps
 * only ratings of users the API lists.
 */
@ApplicationScoped
public class Accounts {

    /** MovieLens-1M age bands: an account's age is one of them, as the world's users' are. */
    public static final List<Integer> AGES = List.of(1, 18, 25, 35, 45, 50, 56);
    /** The genders of the world's users. */
    public static final List<String> GENDERS = List.of("F", "M");

    @Inject
    World world;

    @Inject
    SimulatorConfig config;

    private final List<SyntheticUser> created = new CopyOnWriteArrayList<>();
    private Path file;

    @PostConstruct
    void load() {
        file = Path.of(config.dataDir()).resolve("accounts.csv");
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = line.split(",", 4);
                if (f.length != 4) {
                    continue;
                }
                long expected = world.userCount() + created.size() + 1L;
                if (Long.parseLong(f[0]) != expected) {
                    throw new IllegalStateException(file + " holds account " + f[0] + " where " + expected
                            + " was expected: it was written for a world of another size (simulator.users); move it away");
                }
                created.add(new SyntheticUser(f[0], Integer.parseInt(f[1]), f[2], f[3], "00000"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * Creates an account; the caller has validated the fields ({@link #problem}).
     *
     * @return the new account, its id the next after the world's users and the accounts before it
     */
    public synchronized SyntheticUser create(int age, String gender, String occupation) {
        long id = world.userCount() + created.size() + 1L;
        SyntheticUser user = new SyntheticUser(Long.toString(id), age, gender, occupation, "00000");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, id + "," + age + "," + gender + "," + occupation + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        created.add(user);
        return user;
    }

    /** What is wrong with these demographics, or empty when an account can have them. */
    public static Optional<String> problem(Integer age, String gender, String occupation) {
        if (age == null || !AGES.contains(age)) {
            return Optional.of("age must be one of " + AGES + " (MovieLens age bands), got " + age);
        }
        if (gender == null || !GENDERS.contains(gender)) {
            return Optional.of("gender must be one of " + GENDERS + ", got " + gender);
        }
        if (occupation == null || !SyntheticDataGenerator.OCCUPATIONS.contains(occupation)) {
            return Optional.of("occupation must be one of " + SyntheticDataGenerator.OCCUPATIONS + ", got " + occupation);
        }
        return Optional.empty();
    }

    /** The account of {@code id}, if one was created with it. */
    public Optional<SyntheticUser> find(long id) {
        long k = id - world.userCount() - 1;
        return k >= 0 && k < created.size() ? Optional.of(created.get((int) k)) : Optional.empty();
    }

    /** The users of the API: the world's, then the accounts. */
    public long userCount() {
        return world.userCount() + (long) created.size();
    }

    /** The user at position {@code k} of the API's listing ({@code 0..userCount-1}). */
    public SyntheticUser userAt(long k) {
        return k < world.userCount() ? world.user((int) k) : created.get((int) (k - world.userCount()));
    }

    /** The user of {@code id} in the world or among the accounts. */
    public Optional<SyntheticUser> user(long id) {
        int index = world.userIndex(id);
        return index >= 0 ? Optional.of(world.user(index)) : find(id);
    }
}
