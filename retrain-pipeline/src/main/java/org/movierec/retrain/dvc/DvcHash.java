package org.movierec.retrain.dvc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.nio.file.FileVisitResult;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Content hashes exactly as DVC 3.x computes them (see the package comment for the rules).
 */
public final class DvcHash {

    /** Appended to a directory's tree md5. */
    public static final String DIR_SUFFIX = ".dir";

    private static final int BUFFER = 1 << 16;

    /** Python's string order (by code point), which DVC sorts relpaths by. */
    private static final Comparator<TreeEntry> BY_RELPATH = (a, b) -> compareCodePoints(a.relpath(), b.relpath());

    private DvcHash() {
    }

    /** The md5 of {@code bytes}, lower-case hex. */
    public static String md5(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    /** The md5 of the file's bytes, lower-case hex, streamed. */
    public static String md5(Path file) throws IOException {
        MessageDigest md = digest();
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                md.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * The hash of {@code target} (a file or a directory) under the name {@code path}.
     *
     * @throws IOException if it does not exist or cannot be read
     */
    public static DvcOutput of(Path target, String path) throws IOException {
        return of(target, path, null);
    }

    /**
     * The hash of {@code target} under the name {@code path}, leaving out of a directory what {@code ignore}
     * (the project's {@code .dvcignore}) ignores, as DVC does; {@code null}: nothing ignored.
     *
     * @throws IOException if it does not exist or cannot be read, or a directory holds a nested {@code .dvcignore}
     */
    public static DvcOutput of(Path target, String path, DvcIgnore ignore) throws IOException {
        if (Files.isDirectory(target)) {
            List<TreeEntry> entries = tree(target, ignore);
            long size = entries.stream().mapToLong(TreeEntry::size).sum();
            return new DvcOutput(path, treeMd5(entries) + DIR_SUFFIX, size, entries.size());
        }
        return new DvcOutput(path, md5(target), Files.size(target), null);
    }

    /** The files under {@code dir}, recursively, with their md5, sorted by relpath as DVC sorts them. */
    public static List<TreeEntry> tree(Path dir) throws IOException {
        return tree(dir, null);
    }

    /**
     * The files under {@code dir} that {@code ignore} keeps (all when it is {@code null}), recursively, with their
     * md5, sorted by relpath as DVC sorts them. An ignored directory is not entered.
     *
     * @throws IOException if a file cannot be read, or a {@code .dvcignore} lies in {@code dir} or between the
     *                     project root and it (DVC would merge its patterns; see {@link DvcIgnore})
     */
    public static List<TreeEntry> tree(Path dir, DvcIgnore ignore) throws IOException {
        List<Path> files = new ArrayList<>();
        Path root = ignore == null ? null : ignore.root().toAbsolutePath().normalize();
        Path start = dir.toAbsolutePath().normalize();
        if (root != null) {
            if (!start.startsWith(root)) {
                throw new IllegalArgumentException(dir + " is not under the project root " + root);
            }
            for (Path p = start; !p.equals(root); p = p.getParent()) {
                refuseNestedIgnoreFile(p.resolve(DvcIgnore.FILE));
            }
        }
        Files.walkFileTree(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                if (root != null && !d.equals(start) && ignore.isIgnored(relative(root, d), true)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile() && (root == null || !ignore.isIgnored(relative(root, f), false))) {
                    if (root != null && !f.getParent().equals(root)) {
                        refuseNestedIgnoreFile(f);
                    }
                    files.add(f);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        dir = start;
        List<TreeEntry> entries = new ArrayList<>(files.size());
        for (Path file : files) {
            String relpath = dir.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
            entries.add(new TreeEntry(relpath, md5(file), Files.size(file)));
        }
        entries.sort(BY_RELPATH);
        return entries;
    }

    /**
     * The {@code .dir} manifest of {@code entries}: {@code [{"md5": "...", "relpath": "..."}, ...]} sorted by
     * relpath, as Python's {@code json.dumps(..., sort_keys=True)} writes it (ASCII, {@code ", "} and
     * {@code ": "} separators).
     *
     * <p>Written here rather than by Jackson: the md5 of these exact bytes is the directory's identity in DVC, and
     * Jackson's output differs from Python's in ways that change it (no space after {@code ,} and {@code :},
     * upper-case hex in <code>&#92;u00E9</code>). The shape is fixed (a list of two-string objects, keys already in sorted
     * order), so the writer is a few lines; DvcHashTest pins it to hashes computed by CPython.
     */
    public static String treeJson(List<TreeEntry> entries) {
        List<TreeEntry> sorted = new ArrayList<>(entries);
        sorted.sort(BY_RELPATH);
        StringBuilder json = new StringBuilder(64 * sorted.size() + 2).append('[');
        for (TreeEntry e : sorted) {
            if (json.length() > 1) {
                json.append(", ");
            }
            json.append("{\"md5\": ");
            appendPythonString(json, e.md5());
            json.append(", \"relpath\": ");
            appendPythonString(json, e.relpath());
            json.append('}');
        }
        return json.append(']').toString();
    }

    /**
     * {@code s} as Python's {@code json.dumps} writes a string with {@code ensure_ascii=True}: {@code \"},
     * {@code \\}, the short escapes {@code \n \r \t \b \f}, every other character outside {@code ' '..'~'}
     * as <code>&#92;uxxxx</code> (lower-case hex, UTF-16 units, so a surrogate pair as two escapes).
     */
    private static void appendPythonString(StringBuilder json, String s) {
        json.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                default -> {
                    if (c < ' ' || c > '~') {
                        json.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }

    /** The md5 of {@link #treeJson(List)} (without the {@code .dir} suffix). */
    public static String treeMd5(List<TreeEntry> entries) {
        return md5(treeJson(entries).getBytes(StandardCharsets.UTF_8));
    }

    private static String relative(Path root, Path p) {
        return root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
    }

    private static void refuseNestedIgnoreFile(Path f) throws IOException {
        if (f.getFileName().toString().equals(DvcIgnore.FILE) && Files.exists(f)) {
            throw new IOException(f + ": a .dvcignore below the project root is not supported here (DVC would merge "
                    + "its patterns into the root's); move its patterns to the root .dvcignore");
        }
    }

    /** Python's order of strings (by code point), the order DVC sorts relpaths and lock entries by. */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
    }
}
