package org.movierec.retrain.dvc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The files DVC leaves out of a directory's hash: the patterns of the project root's {@code .dvcignore} after
 * DVC's built-in ones ({@code .hg/}, {@code .git/}, {@code .git}, {@code .dvc/}).
 *
 * <h2>Which rules (read from DVC 3.x's {@code dvc/ignore.py}, {@code DvcIgnorePatterns})</h2>
 * <ul>
 *   <li>Each line is stripped of surrounding white space; empty lines and lines starting with {@code #} are
 *       skipped; a leading {@code !} re-includes what an earlier line ignored.</li>
 *   <li>Patterns are gitignore "wildmatch" patterns on the path relative to the project root, {@code /}-separated:
 *       {@code *} and {@code ?} never match {@code /}; {@code [abc]}, {@code [a-z]}, {@code [!a]} are character
 *       classes; a leading {@code **}{@code /}, a middle {@code /**}{@code /} and a trailing {@code /**} span
 *       directories; a backslash makes the next character literal.</li>
 *   <li>A pattern with a {@code /} other than a trailing one is anchored at the root (a leading {@code /} only
 *       anchors); one without matches a name at any depth. A trailing {@code /} matches directories only.</li>
 *   <li>The last pattern that matches decides. A directory that is ignored is not entered, so nothing under it
 *       can be re-included (DVC prunes its walk, as Git does).</li>
 * </ul>
 *
 * <p>Not supported, and refused rather than silently hashed differently from DVC: {@code .dvcignore} files
 * below the project root (DVC merges them into the root's patterns; {@link DvcHash#tree(Path, DvcIgnore)}
 * fails on one). Sub-repositories (a nested {@code .dvc/}) are ignored like any {@code .dvc/} directory.
 */
public final class DvcIgnore {

    /** The file's name. */
    public static final String FILE = ".dvcignore";

    /** What {@code dvc init} writes into {@code .dvcignore} (dvc/ignore.py, {@code init}): comments only. */
    public static final String INIT_TEXT = """
            # Add patterns of files dvc should ignore, which could improve
            # the performance. Learn more at
            # https://dvc.org/doc/user-guide/dvcignore
            """;

    /** DVC's built-in patterns, before the file's ({@code DvcIgnoreFilter}'s {@code default_ignore_patterns}). */
    static final List<String> BUILT_IN = List.of(".hg/", ".git/", ".git", ".dvc/");

    private final Path root;
    private final List<Rule> rules;

    private record Rule(String source, Pattern regex, boolean ignore, boolean directoryOnly) {
    }

    private DvcIgnore(Path root, List<Rule> rules) {
        this.root = root;
        this.rules = rules;
    }

    /**
     * The patterns that apply under {@code projectRoot}: the built-in ones, then those of
     * {@code projectRoot/.dvcignore} if there is one.
     */
    public static DvcIgnore of(Path projectRoot) throws IOException {
        Path file = projectRoot.resolve(FILE);
        List<String> lines = Files.isRegularFile(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        return of(projectRoot, lines);
    }

    /** The built-in patterns followed by {@code lines} (the text of a root {@code .dvcignore}). */
    public static DvcIgnore of(Path projectRoot, List<String> lines) {
        List<Rule> rules = new ArrayList<>();
        for (String line : BUILT_IN) {
            rules.add(rule(line));
        }
        for (String line : lines) {
            String stripped = line.strip();
            if (!stripped.isEmpty() && !stripped.startsWith("#")) {
                rules.add(rule(stripped));
            }
        }
        return new DvcIgnore(Objects.requireNonNull(projectRoot, "projectRoot"), List.copyOf(rules));
    }

    /** The project root the patterns are relative to. */
    public Path root() {
        return root;
    }

    /**
     * Whether DVC leaves {@code relpath} (relative to the root, {@code /}-separated) out, checking each of its
     * parent directories first as DVC's walk does.
     */
    public boolean isIgnored(String relpath, boolean directory) {
        String[] parts = relpath.split("/");
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                prefix.append('/');
            }
            prefix.append(parts[i]);
            boolean isDir = directory || i < parts.length - 1;
            if (lastMatchIgnores(prefix.toString(), isDir)) {
                return true;
            }
        }
        return false;
    }

    private boolean lastMatchIgnores(String path, boolean directory) {
        for (int i = rules.size() - 1; i >= 0; i--) {
            Rule r = rules.get(i);
            if (r.directoryOnly() && !directory) {
                continue;
            }
            if (r.regex().matcher(path).matches() || (directory && r.regex().matcher(path + "/").matches())) {
                return r.ignore();
            }
        }
        return false;
    }

    /** One stripped, non-comment line as a rule. */
    private static Rule rule(String line) {
        String p = line;
        boolean ignore = true;
        if (p.startsWith("!")) {
            ignore = false;
            p = p.substring(1);
        }
        boolean directoryOnly = p.endsWith("/") && p.length() > 1;
        if (directoryOnly) {
            p = p.substring(0, p.length() - 1);
        }
        boolean anchored = p.contains("/");
        if (p.startsWith("/")) {
            p = p.substring(1);
        }
        String[] segments = p.split("/", -1);
        StringBuilder re = new StringBuilder();
        if (!anchored) {
            re.append("(?:.+/)?");
        }
        boolean needSlash = false;
        int last = segments.length - 1;
        for (int i = 0; i <= last; i++) {
            String seg = segments[i];
            if (seg.equals("**")) {
                if (i == 0 && i == last) {
                    re.append(".+");
                } else if (i == 0) {
                    re.append("(?:.+/)?");
                    needSlash = false;
                } else if (i == last) {
                    re.append("/.*");
                } else {
                    re.append("(?:/.+)?");
                    needSlash = true;
                }
            } else {
                if (needSlash) {
                    re.append('/');
                }
                re.append(segment(seg, line));
                needSlash = true;
            }
        }
        if (!segments[last].equals("**")) {
            re.append(directoryOnly ? "/.*" : "(?:/.*)?");
        }
        return new Rule(line, Pattern.compile(re.toString(), Pattern.DOTALL), ignore, directoryOnly);
    }

    /** One path segment's wildcards as a regex. */
    private static String segment(String seg, String line) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < seg.length(); i++) {
            char c = seg.charAt(i);
            switch (c) {
                case '*' -> re.append("[^/]*");
                case '?' -> re.append("[^/]");
                case '\\' -> {
                    if (i + 1 < seg.length()) {
                        re.append(Pattern.quote(String.valueOf(seg.charAt(++i))));
                    }
                }
                case '[' -> {
                    int end = seg.indexOf(']', i + 2);
                    if (end < 0) {
                        re.append("\\[");
                    } else {
                        String body = seg.substring(i + 1, end);
                        if (body.startsWith("!") || body.startsWith("^")) {
                            body = "^" + body.substring(1);
                        }
                        re.append('[').append(body.replace("\\", "\\\\").replace("[", "\\[")).append(']');
                        i = end;
                    }
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }

    @Override
    public String toString() {
        return "DvcIgnore" + rules.stream().map(Rule::source).toList() + " under " + root;
    }
}
