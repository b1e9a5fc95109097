package org.movierec.ops.github;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.movierec.ops.Repository;

/** The repository's GitHub files: the workflows under .github/workflows and dependabot.yml. */
final class Workflows {

    private Workflows() {
    }

    /** The repository root. */
    static Path root() {
        return Repository.root();
    }

    /** Every workflow file. */
    static List<Path> files() {
        try (Stream<Path> files = Files.list(root().resolve(".github/workflows"))) {
            return files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A YAML file of .github, parsed. YAML 1.1 reads a workflow's {@code on:} key as the boolean true; it is put back
     * under "on".
     *
     * @param file the file
     * @return its top-level map
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> load(Path file) {
        try {
            Map<Object, Object> raw = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
            if (raw.containsKey(Boolean.TRUE)) {
                raw.put("on", raw.remove(Boolean.TRUE));
            }
            return (Map<String, Object>) (Map<?, ?>) raw;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
