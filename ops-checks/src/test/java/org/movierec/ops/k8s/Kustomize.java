package org.movierec.ops.k8s;

import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.movierec.ops.Repository;

/**
 * Renders kustomizations with the real tool, {@code kubectl kustomize} (kubectl 1.32 embeds kustomize 5.5), the
 * same command CI and {@code kubectl apply -k} use. A missing kubectl fails the test with a message naming
 * {@code bin/setup}. Renders are cached per directory: several tests read the same overlay.
 */
final class Kustomize {

    private static final Map<Path, List<Map<String, Object>>> RENDERED = new ConcurrentHashMap<>();

    private Kustomize() {
    }

    /** The directories that must render: the base and every overlay under {@code k8s/overlays/}. */
    static List<Path> renderedDirectories() {
        Path k8s = Repository.root().resolve("k8s");
        List<Path> dirs = new ArrayList<>();
        dirs.add(k8s.resolve("base"));
        try (Stream<Path> overlays = Files.list(k8s.resolve("overlays"))) {
            overlays.filter(dir -> Files.isRegularFile(dir.resolve("kustomization.yaml"))).sorted().forEach(dirs::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dirs;
    }

    /** The overlays only (what is deployed). */
    static List<Path> overlays() {
        return renderedDirectories().stream().filter(dir -> dir.getParent().getFileName().toString().equals("overlays"))
                .toList();
    }

    /**
     * The objects {@code kubectl kustomize dir} prints.
     *
     * @param dir a directory holding a kustomization.yaml
     * @return the rendered objects, in order
     */
    static List<Map<String, Object>> render(Path dir) {
        return RENDERED.computeIfAbsent(dir.toAbsolutePath().normalize(), Kustomize::run);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> run(Path dir) {
        String yaml = Tools.run(List.of(Tools.kubectl(), "kustomize", dir.toString()), dir);
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
            if (doc != null) {
                objects.add((Map<String, Object>) doc);
            }
        }
        return objects;
    }

    /** Runs the external tools the tests need and finds them. */
    static final class Tools {

        private Tools() {
        }

        /** kubectl on the PATH (bin/setup installs it when missing). */
        static String kubectl() {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "kubectl"))) {
                    return Path.of(dir, "kubectl").toString();
                }
            }
            Path local = Repository.root().resolve("tools/bin/kubectl");
            if (Files.isExecutable(local)) {
                return local.toString();
            }
            return fail("kubectl not found on the PATH or in tools/bin: run bin/setup (it installs kubectl with kustomize)");
        }

        /**
         * Runs a command and returns its standard output; fails the test with its output when it exits non-zero.
         *
         * @param command the command and its arguments
         * @param dir the working directory
         * @return the standard output (UTF-8)
         */
        static String run(List<String> command, Path dir) {
            try {
                Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(false).start();
                process.getOutputStream().close();
                ByteArrayOutputStream stderr = new ByteArrayOutputStream();
                Thread errors = new Thread(() -> copy(process.getErrorStream(), stderr));
                errors.start();
                String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                int exit = process.waitFor();
                errors.join();
                if (exit != 0) {
                    fail(String.join(" ", command) + " exited " + exit + ":\n" + stderr.toString(StandardCharsets.UTF_8)
                            + out);
                }
                return out;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private static void copy(InputStream in, ByteArrayOutputStream out) {
            try {
                in.transferTo(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
