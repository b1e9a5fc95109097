package org.movierec.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Copies of the repository's alerting files that act within seconds, for the end-to-end alert drill: the same
 * rules, expressions, labels, annotations, routes and templates, only the waits shortened (every rule's {@code for:},
 * Alertmanager's {@code group_wait} and {@code group_interval}).
 */
final class ShortAlerts {

    private static final Pattern FOR = Pattern.compile("(?m)^(\\s*)for:\\s*\\S+");
    private static final Pattern GROUP_WAIT = Pattern.compile("(?m)^(\\s*)group_wait:\\s*\\S+");
    private static final Pattern GROUP_INTERVAL = Pattern.compile("(?m)^(\\s*)group_interval:\\s*\\S+");

    private ShortAlerts() {
    }

    /** {@code rules/*.yml} copied to {@code target} with every {@code for:} set to {@code pending}; returns target. */
    static Path rules(Path rules, Path target, String pending) {
        copy(rules, target, text -> FOR.matcher(text).replaceAll("$1for: " + pending));
        return target;
    }

    /** The Alertmanager folder copied to {@code target}, groups notified after 1 s and every 2 s; returns target. */
    static Path alertmanager(Path folder, Path target) {
        copy(folder, target, text -> GROUP_INTERVAL.matcher(GROUP_WAIT.matcher(text).replaceAll("$1group_wait: 1s"))
                .replaceAll("$1group_interval: 2s"));
        return target;
    }

    private static void copy(Path from, Path to, java.util.function.UnaryOperator<String> yamlEdit) {
        if (!Files.isDirectory(from)) {
            throw new IllegalStateException(from + " does not exist: the alert drill needs the repository's files");
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                String text = Files.readString(file);
                Files.writeString(target, file.toString().endsWith(".yml") ? yamlEdit.apply(text) : text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
