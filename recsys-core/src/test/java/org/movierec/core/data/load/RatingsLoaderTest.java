package org.movierec.core.data.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.movierec.core.data.RatingScale;
import org.movierec.core.data.Ratings;
import org.movierec.core.ids.IdIndex;

class RatingsLoaderTest {

    private static final LoadOptions SKIP = LoadOptions.defaults().withBadLines(BadLinePolicy.SKIP);

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    @Test
    void loadsMl100kTabSeparatedFile() throws IOException {
        Path file = write("u.data", "196\t242\t3\t881250949\n186\t302\t3\t891717742\n22\t377\t1\t878887116\n196\t302\t5\t881251000\n");

        LoadResult result = new RatingsLoader(RatingsFormat.ML100K).load(file);

        Ratings ratings = result.ratings();
        assertThat(ratings.size()).isEqualTo(4);
        assertThat(ratings.users().ids()).containsExactly("196", "186", "22");
        assertThat(ratings.items().ids()).containsExactly("242", "302", "377");
        assertThat(ratings.users().idAt(ratings.user(3))).isEqualTo("196");
        assertThat(ratings.items().idAt(ratings.item(3))).isEqualTo("302");
        assertThat(ratings.value(0)).isEqualTo(3f);
        assertThat(ratings.value(3)).isEqualTo(5f);
        assertThat(ratings.time(0)).isEqualTo(881250949L);
        assertThat(ratings.time(2)).isEqualTo(878887116L);
        LoadReport report = result.report();
        assertThat(report.source()).isEqualTo("u.data");
        assertThat(report.linesRead()).isEqualTo(4);
        assertThat(report.recordsLoaded()).isEqualTo(4);
        assertThat(report.headerLines()).isZero();
        assertThat(report.blankLines()).isZero();
        assertThat(report.skipped()).isZero();
        assertThat(report.skippedByReason()).isEmpty();
        assertThat(report.duplicates()).isZero();
        assertThat(report.examples()).isEmpty();
    }

    @Test
    void loadsMl1mDoubleColonFile() throws IOException {
        Path file = write("ratings.dat", "1::1193::5::978300760\n1::661::3::978302109\n2::1193::4::978298413\n");

        Ratings ratings = new RatingsLoader(RatingsFormat.ML1M).load(file).ratings();

        assertThat(ratings.size()).isEqualTo(3);
        assertThat(ratings.users().ids()).containsExactly("1", "2");
        assertThat(ratings.items().ids()).containsExactly("1193", "661");
        assertThat(ratings.item(2)).isEqualTo(ratings.item(0));
        assertThat(ratings.value(1)).isEqualTo(3f);
        assertThat(ratings.time(2)).isEqualTo(978298413L);
    }

    @Test
    void loadsMl10mHalfStarsInDoubleColonFile() throws IOException {
        Path file = write("ratings.dat", "1::122::5::838985046\n1::185::4.5::838983525\n");

        Ratings ratings = new RatingsLoader(RatingsFormat.ML1M).load(file).ratings();

        assertThat(ratings.value(1)).isEqualTo(4.5f);
    }

    @Test
    void loadsCsvWithHeaderAndHalfStars() throws IOException {
        Path file = write("ratings.csv", "userId,movieId,rating,timestamp\n1,31,2.5,1260759144\n1,1029,3.0,1260759179\n"
                + "2,10,0.5,835355493\n");

        LoadResult result = new RatingsLoader(RatingsFormat.CSV,
                LoadOptions.defaults().withScale(new RatingScale(0.5, 5))).load(file);

        Ratings ratings = result.ratings();
        assertThat(ratings.size()).isEqualTo(3);
        assertThat(ratings.users().ids()).containsExactly("1", "2");
        assertThat(ratings.items().ids()).containsExactly("31", "1029", "10");
        assertThat(ratings.value(0)).isEqualTo(2.5f);
        assertThat(ratings.value(1)).isEqualTo(3f);
        assertThat(ratings.value(2)).isEqualTo(0.5f);
        assertThat(ratings.time(1)).isEqualTo(1260759179L);
        assertThat(result.report().linesRead()).isEqualTo(4);
        assertThat(result.report().headerLines()).isEqualTo(1);
        assertThat(result.report().recordsLoaded()).isEqualTo(3);
    }

    @Test
    void csvHeaderMayFollowByteOrderMarkAndBlankLines() throws IOException {
        Path file = write("ratings.csv", "\uFEFF\n\nuserId,movieId,rating,timestamp\n7,8,4,100\n");

        LoadResult result = new RatingsLoader(RatingsFormat.CSV).load(file);

        assertThat(result.ratings().size()).isEqualTo(1);
        assertThat(result.report().blankLines()).isEqualTo(2);
        assertThat(result.report().headerLines()).isEqualTo(1);
    }

    @Test
    void byteOrderMarkBeforeFirstIdIsNotPartOfIt() throws IOException {
        Path file = write("u.data", "\uFEFF5\t6\t4\t100\n");

        Ratings ratings = new RatingsLoader(RatingsFormat.ML100K).load(file).ratings();

        assertThat(ratings.users().ids()).containsExactly("5");
    }

    @Test
    void sharedIndicesGiveTrainAndTestFilesConsistentNumbers() throws IOException {
        Path train = write("u1.base", "1\t10\t4\t100\n2\t20\t3\t101\n3\t10\t5\t102\n");
        Path test = write("u1.test", "3\t20\t2\t200\n4\t30\t1\t201\n1\t10\t5\t202\n");
        IdIndex users = new IdIndex();
        IdIndex items = new IdIndex();
        RatingsLoader loader = new RatingsLoader(RatingsFormat.ML100K);

        Ratings trainRatings = loader.load(train, users, items).ratings();
        Ratings testRatings = loader.load(test, users, items).ratings();

        assertThat(trainRatings.users()).isSameAs(users);
        assertThat(testRatings.items()).isSameAs(items);
        assertThat(users.ids()).containsExactly("1", "2", "3", "4");
        assertThat(items.ids()).containsExactly("10", "20", "30");
        assertThat(testRatings.user(0)).isEqualTo(trainRatings.user(2));
        assertThat(testRatings.item(0)).isEqualTo(trainRatings.item(1));
        assertThat(testRatings.user(2)).isEqualTo(trainRatings.user(0));
        assertThat(testRatings.item(2)).isEqualTo(trainRatings.item(0));
        assertThat(testRatings.user(1)).isEqualTo(3);
        assertThat(testRatings.item(1)).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            too few fields        | u.data      | ML100K | 1\t2\t5\t100;1\t3\t4        | u.data:2: expected 4 tab-separated fields, found 3                                   | field_count
            too many fields       | u.data      | ML100K | 1\t2\t5\t100\t9             | u.data:1: expected 4 tab-separated fields, found 5                                   | field_count
            ml1m too few fields   | ratings.dat | ML1M   | 1::2::5::100;;1::2::5       | ratings.dat:3: expected 4 '::'-separated fields, found 3                             | field_count
            non-numeric rating    | ratings.dat | ML1M   | 1::2::abc::100              | ratings.dat:1: rating 'abc' is not a number                                          | bad_rating
            empty rating          | u.data      | ML100K | 1\t2\t\t100                 | u.data:1: rating '' is not a number                                                  | bad_rating
            rating with exponent  | u.data      | ML100K | 1\t2\t4e0\t100              | u.data:1: rating '4e0' is not a number                                               | bad_rating
            NaN rating            | u.data      | ML100K | 1\t2\tNaN\t100              | u.data:1: rating 'NaN' is not a number                                               | bad_rating
            out-of-range rating   | ratings.dat | ML1M   | 1::2::5::1;1::3::4::2;1::4::3::3;1::5::2::4;1::6::7::5 | ratings.dat:5: rating 7 outside 1..5                   | rating_out_of_range
            zero rating           | u.data      | ML100K | 1\t2\t0\t100                | u.data:1: rating 0 outside 1..5                                                      | rating_out_of_range
            half below scale      | u.data      | ML100K | 1\t2\t0.5\t100              | u.data:1: rating 0.5 outside 1..5                                                    | rating_out_of_range
            empty user id         | u.data      | ML100K | 1\t2\t5\t100;\t2\t5\t100    | u.data:2: empty user id                                                              | bad_user
            empty item id         | u.data      | ML100K | 1\t\t5\t100                 | u.data:1: empty item id                                                              | bad_item
            user id with space    | ratings.csv | CSV    | userId,movieId,rating,timestamp;a b,2,5,100 | ratings.csv:2: user id 'a b' contains whitespace or a control character | bad_user
            item id too long      | u.data      | ML100K | 1\taaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\t5\t100 | u.data:1: item id 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...' is longer than 64 characters (65) | bad_item
            negative timestamp    | u.data      | ML100K | 1\t2\t5\t-5                 | u.data:1: timestamp '-5' is not a non-negative whole number of epoch seconds         | bad_timestamp
            text timestamp        | ratings.csv | CSV    | userId,movieId,rating,timestamp;1,2,5,yesterday | ratings.csv:2: timestamp 'yesterday' is not a non-negative whole number of epoch seconds | bad_timestamp
            fractional timestamp  | u.data      | ML100K | 1\t2\t5\t100.5              | u.data:1: timestamp '100.5' is not a non-negative whole number of epoch seconds      | bad_timestamp
            overflowing timestamp | u.data      | ML100K | 1\t2\t5\t99999999999999999999 | u.data:1: timestamp '99999999999999999999' is not a non-negative whole number of epoch seconds | bad_timestamp
            csv without header    | ratings.csv | CSV    | 1,31,2.5,1260759144         | ratings.csv:1: expected header 'userId,movieId,rating,timestamp', found '1,31,2.5,1260759144' | bad_header
            """)
    void malformedLineFailsWithFileLineAndReason(String title, String fileName, RatingsFormat format, String lines,
                                                 String expectedMessage, String expectedReason) throws IOException {
        Path file = write(fileName, lines.replace("\\t", "\t").replace(';', '\n') + "\n");
        RatingsLoader loader = new RatingsLoader(format);

        assertThatThrownBy(() -> loader.load(file))
                .isInstanceOf(MalformedDataException.class)
                .hasMessage(expectedMessage)
                .satisfies(e -> assertThat(((MalformedDataException) e).reason()).isEqualTo(expectedReason));
    }

    @Test
    void exceptionCarriesItsParts() throws IOException {
        Path file = write("u.data", "1\t2\t5\t100\n1\t2\t9\t100\n");

        assertThatThrownBy(() -> new RatingsLoader(RatingsFormat.ML100K).load(file))
                .isInstanceOfSatisfying(MalformedDataException.class, e -> {
                    assertThat(e.source()).isEqualTo("u.data");
                    assertThat(e.lineNumber()).isEqualTo(2);
                    assertThat(e.reason()).isEqualTo(BadLineReasons.RATING_OUT_OF_RANGE);
                    assertThat(e.detail()).isEqualTo("rating 9 outside 1..5");
                });
    }

    @Test
    void skipCountsEachReasonAndLoadsTheRest() throws IOException {
        Path file = write("u.data", String.join("\n",
                "1\t10\t4\t100",          // 1 ok
                "1\t11",                  // 2 field_count
                "\t12\t3\t100",           // 3 bad_user
                "2\t\t3\t100",            // 4 bad_item
                "2\t10\tfour\t100",       // 5 bad_rating
                "2\t10\t6\t100",          // 6 rating_out_of_range
                "2\t10\t3\tnoon",         // 7 bad_timestamp
                "",                       // 8 blank
                "3\t11\t2\t300",          // 9 ok
                "3\t12\t2\t300\textra",   // 10 field_count
                "   ",                    // 11 blank
                "4\t12\t1.5\t400")        // 12 ok
                + "\n");

        LoadResult result = new RatingsLoader(RatingsFormat.ML100K, SKIP).load(file);

        Ratings ratings = result.ratings();
        assertThat(ratings.size()).isEqualTo(3);
        assertThat(ratings.users().ids()).containsExactly("1", "3", "4");
        assertThat(ratings.items().ids()).containsExactly("10", "11", "12");
        assertThat(ratings.value(2)).isEqualTo(1.5f);
        LoadReport report = result.report();
        assertThat(report.linesRead()).isEqualTo(12);
        assertThat(report.recordsLoaded()).isEqualTo(3);
        assertThat(report.blankLines()).isEqualTo(2);
        assertThat(report.skipped()).isEqualTo(7);
        assertThat(report.skippedByReason()).containsExactly(
                entry("bad_item", 1L),
                entry("bad_rating", 1L),
                entry("bad_timestamp", 1L),
                entry("bad_user", 1L),
                entry("field_count", 2L),
                entry("rating_out_of_range", 1L));
        assertThat(report.skipped(BadLineReasons.FIELD_COUNT)).isEqualTo(2);
        assertThat(report.skipped("no_such_reason")).isZero();
        assertThat(report.examples()).containsExactly(
                "u.data:2: expected 4 tab-separated fields, found 2",
                "u.data:3: empty user id",
                "u.data:4: empty item id",
                "u.data:5: rating 'four' is not a number",
                "u.data:6: rating 6 outside 1..5",
                "u.data:7: timestamp 'noon' is not a non-negative whole number of epoch seconds",
                "u.data:10: expected 4 tab-separated fields, found 5");
        assertThat(report.linesRead()).isEqualTo(report.headerLines() + report.blankLines()
                + report.recordsLoaded() + report.skipped());
    }

    @Test
    void skippedLinesAddNoIdsToTheIndices() throws IOException {
        Path file = write("u.data", "1\t10\t4\t100\n2\t20\t9\t100\n3\t30\t3\tx\n");
        IdIndex users = new IdIndex();
        IdIndex items = new IdIndex();

        new RatingsLoader(RatingsFormat.ML100K, SKIP).load(file, users, items);

        assertThat(users.ids()).containsExactly("1");
        assertThat(items.ids()).containsExactly("10");
    }

    @Test
    void reportKeepsOnlyTheFirstFewExamples() throws IOException {
        StringBuilder content = new StringBuilder();
        for (int k = 0; k < 50; k++) {
            content.append("bad line ").append(k).append('\n');
        }
        Path file = write("u.data", content.toString());

        LoadReport report = new RatingsLoader(RatingsFormat.ML100K, SKIP).load(file).report();

        assertThat(report.skipped()).isEqualTo(50);
        assertThat(report.examples()).hasSize(BadLineTracker.MAX_EXAMPLES);
        assertThat(report.examples().get(0)).isEqualTo("u.data:1: expected 4 tab-separated fields, found 1");
    }

    @Test
    void csvWithoutHeaderUnderSkipLosesOnlyTheFirstLine() throws IOException {
        Path file = write("ratings.csv", "1,31,2.5,1260759144\n1,32,4,1260759145\n");

        LoadResult result = new RatingsLoader(RatingsFormat.CSV, SKIP.withScale(new RatingScale(0.5, 5))).load(file);

        assertThat(result.ratings().size()).isEqualTo(1);
        assertThat(result.report().skipped(BadLineReasons.BAD_HEADER)).isEqualTo(1);
        assertThat(result.report().headerLines()).isZero();
    }

    @Test
    void blankLinesAreIgnoredAndCounted() throws IOException {
        Path file = write("ratings.dat", "\n1::2::3::4\n\n \t \n2::3::4::5\n\n");

        LoadResult result = new RatingsLoader(RatingsFormat.ML1M).load(file);

        assertThat(result.ratings().size()).isEqualTo(2);
        assertThat(result.report().blankLines()).isEqualTo(4);
        assertThat(result.report().linesRead()).isEqualTo(6);
        assertThat(result.report().skipped()).isZero();
    }

    @Test
    void windowsLineEndingsAreAccepted() throws IOException {
        Path file = write("u.data", "1\t2\t3\t4\r\n5\t6\t5\t8\r\n");

        Ratings ratings = new RatingsLoader(RatingsFormat.ML100K).load(file).ratings();

        assertThat(ratings.size()).isEqualTo(2);
        assertThat(ratings.time(1)).isEqualTo(8L);
    }

    @Test
    void oneToTenScaleAcceptsTenAndRejectsEleven() throws IOException {
        Path file = write("u.data", "1\t2\t10\t100\n1\t3\t7\t100\n");
        Path tooHigh = write("u2.base", "1\t2\t11\t100\n");
        LoadOptions oneToTen = LoadOptions.defaults().withScale(new RatingScale(1, 10));

        Ratings ratings = new RatingsLoader(RatingsFormat.ML100K, oneToTen).load(file).ratings();

        assertThat(ratings.value(0)).isEqualTo(10f);
        assertThat(ratings.value(1)).isEqualTo(7f);
        assertThatThrownBy(() -> new RatingsLoader(RatingsFormat.ML100K, oneToTen).load(tooHigh))
                .isInstanceOf(MalformedDataException.class)
                .hasMessage("u2.base:1: rating 11 outside 1..10");
        assertThatThrownBy(() -> new RatingsLoader(RatingsFormat.ML100K).load(file))
                .hasMessage("u.data:1: rating 10 outside 1..5");
    }

    @Test
    void duplicatePairsAreKeptAndCounted() throws IOException {
        Path file = write("u.data", "1\t10\t4\t100\n2\t10\t3\t100\n1\t10\t5\t200\n1\t11\t5\t200\n1\t10\t2\t300\n");

        LoadResult result = new RatingsLoader(RatingsFormat.ML100K).load(file);

        assertThat(result.ratings().size()).isEqualTo(5);
        assertThat(result.report().duplicates()).isEqualTo(2);
    }

    @Test
    void duplicatesAreCountedWithinOneFileOnly() throws IOException {
        Path train = write("u1.base", "1\t10\t4\t100\n");
        Path test = write("u1.test", "1\t10\t4\t100\n");
        IdIndex users = new IdIndex();
        IdIndex items = new IdIndex();
        RatingsLoader loader = new RatingsLoader(RatingsFormat.ML100K);

        loader.load(train, users, items);

        assertThat(loader.load(test, users, items).report().duplicates()).isZero();
    }

    @Test
    void undecodableByteIsReplacedNotFatal() throws IOException {
        byte[] bytes = "1\t2\t3\t4\nab\u00e9\t2\t3\t4\n5\t6\t4\t7\n".getBytes(StandardCharsets.ISO_8859_1);
        Path file = Files.write(dir.resolve("u.data"), bytes);

        LoadResult result = new RatingsLoader(RatingsFormat.ML100K, SKIP).load(file);

        assertThat(result.ratings().size()).isEqualTo(2);
        assertThat(result.report().examples())
                .containsExactly("u.data:2: user id 'ab\uFFFD' contains an undecodable byte");
    }

    @Test
    void randomBytesUnderSkipDoNotThrow() throws IOException {
        byte[] garbage = new byte[200_000];
        new Random(42).nextBytes(garbage);
        for (RatingsFormat format : RatingsFormat.values()) {
            Path file = Files.write(dir.resolve("garbage-" + format.formatName()), garbage);

            LoadResult result = new RatingsLoader(format, SKIP).load(file);

            LoadReport report = result.report();
            assertThat(report.linesRead()).isPositive();
            assertThat(report.skipped()).isPositive();
            assertThat(report.linesRead()).isEqualTo(report.headerLines() + report.blankLines()
                    + report.recordsLoaded() + report.skipped());
            assertThat(report.examples()).allSatisfy(message -> assertThat(message).doesNotContain("\n", "\r"));
        }
    }

    @Test
    void emptyFileLoadsNothing() throws IOException {
        Path file = write("u.data", "");

        LoadResult result = new RatingsLoader(RatingsFormat.ML100K).load(file);

        assertThat(result.ratings().size()).isZero();
        assertThat(result.report().linesRead()).isZero();
    }

    @Test
    void summaryNamesCounts() throws IOException {
        Path file = write("u.data", "1\t2\t3\t4\nbad\n");

        LoadReport report = new RatingsLoader(RatingsFormat.ML100K, SKIP).load(file).report();

        assertThat(report.summary()).isEqualTo("u.data: 2 lines, 1 loaded, 0 blank, 1 skipped {field_count=1}");
    }
}
