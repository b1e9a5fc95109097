package org.movierec.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The admin bearer tokens of the local stack's services: random, generated on the first start and kept in
 * {@code <home>/secrets.env} (mode 600, shell syntax, so {@code . .movierec/secrets.env} puts them in a shell).
 * They are handed to the services through the environment only and never printed.
 */
public final class AdminTokens {

    private static final Map<Service, String> VARIABLES = new EnumMap<>(Map.of(
            Service.INFERENCE, "INFERENCE_ADMIN_TOKEN",
            Service.RETRAIN, "RETRAIN_ADMIN_TOKEN",
            Service.ROUTER, "ROUTER_ADMIN_TOKEN",
            Service.SIMULATOR, "SIMULATOR_ADMIN_TOKEN"));

    private final Map<String, String> tokens;
    private final Path file;

    private AdminTokens(Map<String, String> tokens, Path file) {
        this.tokens = Map.copyOf(tokens);
        this.file = file;
    }

    /** Reads {@code <home>/secrets.env}, creating it with new random tokens when it is missing. */
    public static AdminTokens loadOrCreate(Path home) {
        Path file = home.resolve("secrets.env");
        try {
            Map<String, String> tokens = new LinkedHashMap<>();
            if (Files.isRegularFile(file)) {
                Properties p = new Properties();
                try (var in = Files.newBufferedReader(file)) {
                    p.load(in);
                }
                for (String variable : VARIABLES.values()) {
                    String value = p.getProperty(variable);
                    if (value != null && !value.isBlank()) {
                        tokens.put(variable, value.trim());
                    }
                }
            }
            if (tokens.size() < VARIABLES.size()) {
                SecureRandom random = new SecureRandom();
                for (String variable : VARIABLES.values()) {
                    tokens.computeIfAbsent(variable, v -> {
                        byte[] bytes = new byte[24];
                        random.nextBytes(bytes);
                        return HexFormat.of().formatHex(bytes);
                    });
                }
                write(file, tokens);
            }
            return new AdminTokens(tokens, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file, e);
        }
    }

    private static void write(Path file, Map<String, String> tokens) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling("secrets.env.tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        StringBuilder text = new StringBuilder("# Admin tokens of the local MovieRec stack (generated; keep private).\n");
        tokens.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Files.writeString(tmp, text);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The token of a service's admin API. */
    public String of(Service service) {
        String variable = VARIABLES.get(service);
        if (variable == null) {
            throw new IllegalArgumentException(service.module() + " has no admin token");
        }
        return tokens.get(variable);
    }

    /** The environment variable that carries a service's token. */
    public static String variable(Service service) {
        return VARIABLES.get(service);
    }

    /** Where the tokens are kept. */
    public Path file() {
        return file;
    }

    /** The services with an admin API. */
    public static List<Service> services() {
        return List.copyOf(VARIABLES.keySet());
    }
}
