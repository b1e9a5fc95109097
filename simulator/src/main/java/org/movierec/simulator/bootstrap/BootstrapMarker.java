package org.movierec.simulator.bootstrap;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The file {@code <data-dir>/bootstrap.json} that records a finished bootstrap, so it happens at
 * most once per data directory: written atomically (temporary file, then rename) only after Kafka
 * acknowledged every line.
 */
public final class BootstrapMarker {

    /** The marker's file name in the data directory. */
    public static final String FILE = "bootstrap.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final Path file;

    public BootstrapMarker(Path dataDir) {
        this.file = dataDir.resolve(FILE);
    }

    public Path file() {
        return file;
    }

    /** The recorded bootstrap, if there is one. */
    public Optional<BootstrapSummary> read() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            Map<String, Object> json = JSON.readValue(Files.readString(file, StandardCharsets.UTF_8), OBJECT);
            if (json == null) {
                throw new IllegalArgumentException("it holds null, not an object");
            }
            return Optional.of(BootstrapSummary.fromMap(json));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("bootstrap marker " + file + " is unreadable (" + e.getMessage()
                    + "); delete it to bootstrap again", e);
        }
    }

    /** Records {@code summary} with the context it was written in (seed, topic, ...). */
    public void write(BootstrapSummary summary, Map<String, Object> context) throws IOException {
        Files.createDirectories(file.getParent());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("state", "done");
        json.putAll(summary.toMap());
        json.putAll(context);
        Path tmp = file.resolveSibling(FILE + ".tmp");
        Files.writeString(tmp, JSON.writeValueAsString(json) + "\n", StandardCharsets.UTF_8);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
