package org.movierec.retrain.dvc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pattern subset {@link DvcIgnore} supports, with outcomes from the gitignore documentation
 * (git-scm.com/docs/gitignore, "PATTERN FORMAT"), which DVC follows through pathspec's {@code GitWildMatchPattern}.
 */
class DvcIgnoreTest {

    private static DvcIgnore ignore(String... lines) {
        return DvcIgnore.of(Path.of("/project"), List.of(lines));
    }

    @Test
    void builtInPatternsIgnoreGitAndDvcDirectories() {
        DvcIgnore none = ignore(DvcIgnore.INIT_TEXT.split("\n"));
        assertThat(none.isIgnored("data/.git", false)).isTrue();
        assertThat(none.isIgnored("data/.git/HEAD", false)).isTrue();
        assertThat(none.isIgnored(".dvc/config", false)).isTrue();
        assertThat(none.isIgnored("data/.hg", true)).isTrue();
        assertThat(none.isIgnored("data/.hg", false)).as(".hg/ matches directories only").isFalse();
        assertThat(none.isIgnored("data/snapshot/ratings.tsv", false)).isFalse();
    }

    @Test
    void aNameWithoutSlashMatchesAtAnyDepth() {
        DvcIgnore i = ignore("*.tmp", "cache");
        assertThat(i.isIgnored("a.tmp", false)).isTrue();
        assertThat(i.isIgnored("data/snapshot/a.tmp", false)).isTrue();
        assertThat(i.isIgnored("data/snapshot/a.tmp.txt", false)).isFalse();
        assertThat(i.isIgnored("data/cache", true)).isTrue();
        assertThat(i.isIgnored("data/cache/x", false)).isTrue();
    }

    @Test
    void aSlashAnchorsAtTheRoot() {
        DvcIgnore i = ignore("/scratch", "data/tmp/*.tsv");
        assertThat(i.isIgnored("scratch", false)).isTrue();
        assertThat(i.isIgnored("data/scratch", false)).isFalse();
        assertThat(i.isIgnored("data/tmp/a.tsv", false)).isTrue();
        assertThat(i.isIgnored("data/tmp/sub/a.tsv", false)).as("* does not cross /").isFalse();
        assertThat(i.isIgnored("other/data/tmp/a.tsv", false)).isFalse();
    }

    @Test
    void aTrailingSlashMatchesDirectoriesOnly() {
        DvcIgnore i = ignore("logs/");
        assertThat(i.isIgnored("data/logs", true)).isTrue();
        assertThat(i.isIgnored("data/logs/a", false)).isTrue();
        assertThat(i.isIgnored("data/logs", false)).isFalse();
    }

    @Test
    void doubleStarsSpanDirectories() {
        DvcIgnore i = ignore("**/foo", "a/**/b", "abc/**");
        assertThat(i.isIgnored("foo", false)).isTrue();
        assertThat(i.isIgnored("x/y/foo", false)).isTrue();
        assertThat(i.isIgnored("a/b", false)).isTrue();
        assertThat(i.isIgnored("a/x/y/b", false)).isTrue();
        assertThat(i.isIgnored("a/xb", false)).isFalse();
        assertThat(i.isIgnored("abc/x/y", false)).isTrue();
        assertThat(i.isIgnored("abcd/x", false)).isFalse();
    }

    @Test
    void lastMatchDecidesAndAnIgnoredDirectoryCannotBeReentered() {
        DvcIgnore i = ignore("*.tsv", "!keep.tsv", "out/", "!out/keep.tsv");
        assertThat(i.isIgnored("a.tsv", false)).isTrue();
        assertThat(i.isIgnored("d/keep.tsv", false)).isFalse();
        assertThat(i.isIgnored("out/keep.tsv", false)).as("its directory is ignored").isTrue();
    }

    @Test
    void characterClassesAndQuestionMarks() {
        DvcIgnore i = ignore("part-[0-9].tsv", "v?.bin", "[!a]z");
        assertThat(i.isIgnored("part-3.tsv", false)).isTrue();
        assertThat(i.isIgnored("part-x.tsv", false)).isFalse();
        assertThat(i.isIgnored("v1.bin", false)).isTrue();
        assertThat(i.isIgnored("v10.bin", false)).isFalse();
        assertThat(i.isIgnored("bz", false)).isTrue();
        assertThat(i.isIgnored("az", false)).isFalse();
    }
}
