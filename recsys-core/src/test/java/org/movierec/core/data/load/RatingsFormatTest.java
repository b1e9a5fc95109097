package org.movierec.core.data.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RatingsFormatTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"ml100k, ML100K", "ML100K, ML100K", "Ml1M, ML1M", "csv, CSV", "' csv ', CSV"})
    void parsesNamesInAnyCase(String name, RatingsFormat expected) {
        assertThat(RatingsFormat.parse(name)).isEqualTo(expected);
    }

    @Test
    void unknownNameListsTheValidOnes() {
        assertThatThrownBy(() -> RatingsFormat.parse("ml25m"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown ratings format 'ml25m'; valid formats: ml100k, ml1m, csv");
        assertThatThrownBy(() -> RatingsFormat.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"u.data, ML100K", "u1.base, ML100K", "u1.test, ML100K", "ua.base, ML100K", "ratings.dat, ML1M",
            "RATINGS.DAT, ML1M", "ratings.csv, CSV"})
    void detectsByNameWhenTheFileDoesNotExist(String name, RatingsFormat expected) throws IOException {
        assertThat(RatingsFormat.detect(dir.resolve(name))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"u.data, ML100K", "u1.base, ML100K", "ratings.dat, ML1M", "ratings.csv, CSV"})
    void detectsEmptyFilesByName(String name, RatingsFormat expected) throws IOException {
        Path file = Files.writeString(dir.resolve(name), "\n");

        assertThat(RatingsFormat.detect(file)).isEqualTo(expected);
    }

    @Test
    void firstLineWinsOverName() throws IOException {
        Path ml10mSplit = Files.writeString(dir.resolve("r1.test"), "1::122::5::838985046\n");
        Path csvHeader = Files.writeString(dir.resolve("export.txt"), "userId,movieId,rating,timestamp\n1,2,3,4\n");
        Path tabs = Files.writeString(dir.resolve("ratings"), "\n1\t2\t3\t4\n");

        assertThat(RatingsFormat.detect(ml10mSplit)).isEqualTo(RatingsFormat.ML1M);
        assertThat(RatingsFormat.detect(csvHeader)).isEqualTo(RatingsFormat.CSV);
        assertThat(RatingsFormat.detect(tabs)).isEqualTo(RatingsFormat.ML100K);
    }

    @Test
    void ambiguousFirstLineFallsBackToName() throws IOException {
        Path file = Files.writeString(dir.resolve("u.data"), "1\t2,3::4\n");

        assertThat(RatingsFormat.detect(file)).isEqualTo(RatingsFormat.ML100K);
    }

    @Test
    void undetectableFormatIsExplained() throws IOException {
        Path file = Files.writeString(dir.resolve("ratings.txt"), "1 2 3 4\n");

        assertThatThrownBy(() -> RatingsFormat.detect(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot tell the ratings format of ratings.txt")
                .hasMessageContaining("ml100k, ml1m, csv");
    }

    @Test
    void describesItsSeparatorsAndHeader() {
        assertThat(RatingsFormat.ML100K.separator()).isEqualTo("\t");
        assertThat(RatingsFormat.ML1M.separator()).isEqualTo("::");
        assertThat(RatingsFormat.CSV.separator()).isEqualTo(",");
        assertThat(RatingsFormat.CSV.header()).contains("userId,movieId,rating,timestamp");
        assertThat(RatingsFormat.ML100K.header()).isEmpty();
        assertThat(RatingsFormat.ML1M.formatName()).isEqualTo("ml1m");
    }
}
