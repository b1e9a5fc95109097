package org.movierec.retrain.dvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DvcHashTest {

    @TempDir
    Path tmp;

    /**
     * DVC's own example: iterative/dvc-data, tests/hashfile/test_build.py, {@code test_build_file}:
     * a file holding {@code foo} hashes to {@code acbd18db4cc2f85cedef654fccc4a4d8}, size 3.
     */
    @Test
    void fileHashIsDvcs() throws IOException {
        Path foo = Files.writeString(tmp.resolve("foo"), "foo");
        DvcOutput out = DvcHash.of(foo, "foo");
        assertThat(out.md5()).isEqualTo("acbd18db4cc2f85cedef654fccc4a4d8");
        assertThat(out.size()).isEqualTo(3);
        assertThat(out.nfiles()).isNull();
        assertThat(out.isDirectory()).isFalse();
    }

    /**
     * DVC's own example: iterative/dvc-data, tests/hashfile/test_build.py, {@code test_build_directory}:
     * a directory with {@code foo} ("foo") and {@code bar} ("bar") hashes to
     * {@code 5ea40360f5b4ec688df672a4db9c17d1.dir}, size 6, 2 files, and lists bar before foo.
     */
    @Test
    void directoryHashIsDvcs() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("dir"));
        Files.writeString(dir.resolve("foo"), "foo");
        Files.writeString(dir.resolve("bar"), "bar");
        DvcOutput out = DvcHash.of(dir, "dir");
        assertThat(out.md5()).isEqualTo("5ea40360f5b4ec688df672a4db9c17d1.dir");
        assertThat(out.size()).isEqualTo(6);
        assertThat(out.nfiles()).isEqualTo(2);
        assertThat(DvcHash.tree(dir)).extracting(TreeEntry::relpath, TreeEntry::md5).containsExactly(
                org.assertj.core.groups.Tuple.tuple("bar", "37b51d194a7513e45b56f6524f2d51f2"),
                org.assertj.core.groups.Tuple.tuple("foo", "acbd18db4cc2f85cedef654fccc4a4d8"));
    }

    /**
     * DVC's documentation example: dvc.org, user guide "DVC Files and Directories", structure of the cache
     * directory (iterative/dvc.org, content/docs/user-guide/dvc-files-and-directories.md): a directory with
     * {@code cat.jpeg} (md5 {@code dff70c0392d7d386c39a23c64fcc0376}) and {@code index.jpeg}
     * ({@code 29a6c8271c0c8fbf75d3b97aecee589f}) has the hash {@code 196a322c107c2572335158503c64bfba.dir}, and
     * its cache object lies at {@code 19/6a322c107c2572335158503c64bfba.dir}.
     */
    @Test
    void documentedImagesDirectoryManifestHash() {
        List<TreeEntry> entries = List.of(
                new TreeEntry("index.jpeg", "29a6c8271c0c8fbf75d3b97aecee589f", 0),
                new TreeEntry("cat.jpeg", "dff70c0392d7d386c39a23c64fcc0376", 0));
        assertThat(DvcHash.treeJson(entries)).isEqualTo("[{\"md5\": \"dff70c0392d7d386c39a23c64fcc0376\", \"relpath\": \"cat.jpeg\"}, "
                + "{\"md5\": \"29a6c8271c0c8fbf75d3b97aecee589f\", \"relpath\": \"index.jpeg\"}]");
        assertThat(DvcHash.treeMd5(entries)).isEqualTo("196a322c107c2572335158503c64bfba");
        assertThat(new DvcCache(Path.of("cache")).pathOf("196a322c107c2572335158503c64bfba.dir"))
                .isEqualTo(Path.of("cache/files/md5/19/6a322c107c2572335158503c64bfba.dir"));
    }

    /**
     * Nested paths, a space (sorts before {@code /}), a non-ASCII name and an empty file. Expected text and
     * hash from CPython 3 (dvc-data's {@code Tree.as_bytes}: {@code json.dumps(sorted(entries, key=relpath),
     * sort_keys=True)}):
     * <pre>
     * python3 -c 'import json,hashlib; ...'  # entries A (empty), "sub dir/b" ("b"), "sub/zé.txt" ("a")
     * </pre>
     */
    @Test
    void nestedNonAsciiDirectoryMatchesPythonJsonDumps() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("d"));
        Files.createDirectories(dir.resolve("sub"));
        Files.createDirectories(dir.resolve("sub dir"));
        Files.write(dir.resolve("A"), new byte[0]);
        Files.writeString(dir.resolve("sub dir/b"), "b");
        Files.writeString(dir.resolve("sub/zé.txt"), "a");
        List<TreeEntry> tree = DvcHash.tree(dir);
        assertThat(DvcHash.treeJson(tree)).isEqualTo(
                "[{\"md5\": \"d41d8cd98f00b204e9800998ecf8427e\", \"relpath\": \"A\"}, "
                        + "{\"md5\": \"92eb5ffee6ae2fec3ad71c777531578f\", \"relpath\": \"sub dir/b\"}, "
                        + "{\"md5\": \"0cc175b9c0f1b6a831c399e269772661\", \"relpath\": \"sub/z\\u00e9.txt\"}]");
        assertThat(DvcHash.of(dir, "d").md5()).isEqualTo("91cb179e0dbf92b0da8052bb6aaab12b.dir");
    }

    @Test
    void cacheUsesDvcLayoutAndStoresTheDirManifest() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("dir"));
        Files.writeString(dir.resolve("foo"), "foo");
        Files.writeString(dir.resolve("bar"), "bar");
        DvcCache cache = new DvcCache(tmp.resolve("cache"));
        DvcOutput out = cache.store(dir, "data/dir");
        assertThat(out.path()).isEqualTo("data/dir");
        Path manifest = tmp.resolve("cache/files/md5/5e/a40360f5b4ec688df672a4db9c17d1.dir");
        assertThat(manifest).isRegularFile();
        assertThat(DvcHash.md5(manifest)).isEqualTo("5ea40360f5b4ec688df672a4db9c17d1");
        assertThat(tmp.resolve("cache/files/md5/ac/bd18db4cc2f85cedef654fccc4a4d8")).hasContent("foo");
        assertThat(tmp.resolve("cache/files/md5/37/b51d194a7513e45b56f6524f2d51f2")).hasContent("bar");
        // storing again is a no-op with the same answer
        assertThat(cache.store(dir, "data/dir")).isEqualTo(out);
        assertThat(Files.readString(manifest, StandardCharsets.UTF_8)).startsWith("[{\"md5\": \"37b51d");
    }

    /**
     * Every object and {@code .dir} manifest is {@code r--r--r--}: dvc-data's {@code LocalHashFileDB.CACHE_MODE =
     * 0o444} (src/dvc_data/hashfile/db/local.py, {@code protect}), so another user can read (pull) them. An object
     * an earlier version left 0600 is made 0444 when it is stored again.
     */
    @Test
    void cacheObjectsAndManifestsAreReadOnlyForAll() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("dir"));
        Files.writeString(dir.resolve("foo"), "foo");
        Files.writeString(dir.resolve("bar"), "bar");
        Path single = Files.writeString(tmp.resolve("single"), "single");
        DvcCache cache = new DvcCache(tmp.resolve("cache"));
        cache.store(dir, "data/dir");
        DvcOutput file = cache.store(single, "single");
        Set<PosixFilePermission> readOnly = PosixFilePermissions.fromString("r--r--r--");
        for (String md5 : List.of("5ea40360f5b4ec688df672a4db9c17d1.dir", "acbd18db4cc2f85cedef654fccc4a4d8",
                "37b51d194a7513e45b56f6524f2d51f2", file.md5())) {
            assertThat(Files.getPosixFilePermissions(cache.pathOf(md5))).as(md5).isEqualTo(readOnly);
        }
        try (Stream<Path> all = Files.walk(cache.root())) {
            assertThat(all.filter(Files::isRegularFile)).as("no temporary files left").hasSize(4);
        }

        Files.setPosixFilePermissions(cache.pathOf(file.md5()), PosixFilePermissions.fromString("rw-------"));
        cache.store(single, "single");
        assertThat(Files.getPosixFilePermissions(cache.pathOf(file.md5()))).isEqualTo(readOnly);
    }

    /**
     * {@code .dvcignore} patterns leave files out of a directory's hash, cache and manifest. The directory holds
     * {@code bar} ("bar"), {@code foo} ("foo"), {@code x.tmp}, {@code keep.tmp} (re-included by {@code !keep.tmp}),
     * {@code scratch/a} and {@code .git}: kept are bar, foo and keep.tmp ("keep"). Expected hash from CPython 3:
     * <pre>
     * python3 -c 'import json,hashlib; e=[{"md5":hashlib.md5(c).hexdigest(),"relpath":r} for r,c in
     *   [("bar",b"bar"),("foo",b"foo"),("keep.tmp",b"keep")]];
     *   print(hashlib.md5(json.dumps(e,sort_keys=True).encode()).hexdigest())'
     * </pre>
     */
    @Test
    void dvcignoreLeavesFilesOutOfTheHash() throws IOException {
        Path project = Files.createDirectory(tmp.resolve("project"));
        Files.writeString(project.resolve(DvcIgnore.FILE), DvcIgnore.INIT_TEXT + "*.tmp\n!keep.tmp\ndata/d/scratch/\n");
        Path dir = Files.createDirectories(project.resolve("data/d"));
        Files.writeString(dir.resolve("foo"), "foo");
        Files.writeString(dir.resolve("bar"), "bar");
        Files.writeString(dir.resolve("x.tmp"), "x");
        Files.writeString(dir.resolve("keep.tmp"), "keep");
        Files.writeString(dir.resolve(".git"), "gitdir: elsewhere");
        Files.writeString(Files.createDirectory(dir.resolve("scratch")).resolve("a"), "a");
        DvcIgnore ignore = DvcIgnore.of(project);
        DvcCache cache = new DvcCache(tmp.resolve("cache"));
        DvcOutput out = cache.store(dir, "data/d", ignore);
        assertThat(DvcHash.tree(dir, ignore)).extracting(TreeEntry::relpath).containsExactly("bar", "foo", "keep.tmp");
        assertThat(out).isEqualTo(DvcHash.of(dir, "data/d", ignore));
        assertThat(out.md5()).isEqualTo(EXPECTED_IGNORED_MD5 + ".dir");
        assertThat(out.nfiles()).isEqualTo(3);
        assertThat(out.size()).isEqualTo(10);
        assertThat(cache.contains(DvcHash.md5("x".getBytes(StandardCharsets.UTF_8)))).isFalse();
    }

    static final String EXPECTED_IGNORED_MD5 = "b72d508309e0bc486a1b16ff80a1c0ec";

    /** A .dvcignore below the root would be merged by DVC; here it is refused rather than hashed differently. */
    @Test
    void aNestedDvcignoreIsRefused() throws IOException {
        Path project = Files.createDirectory(tmp.resolve("project"));
        Path dir = Files.createDirectories(project.resolve("data/d"));
        Files.writeString(dir.resolve("foo"), "foo");
        Files.writeString(dir.resolve(DvcIgnore.FILE), "foo\n");
        assertThatThrownBy(() -> DvcHash.of(dir, "data/d", DvcIgnore.of(project)))
                .isInstanceOf(IOException.class).hasMessageContaining("below the project root is not supported");
    }
}
