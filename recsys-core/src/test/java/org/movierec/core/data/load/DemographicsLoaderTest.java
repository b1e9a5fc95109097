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

class DemographicsLoaderTest {

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    @Test
    void loadsMl100kUUser() throws IOException {
        Path file = write("u.user", "1|24|M|technician|85711\n2|53|F|other|94043\n3|23|M|writer|32067\n"
                + "4|16|F|student|T8H1N\n");

        DemographicsLoadResult result = new DemographicsLoader(DemographicsFormat.ML100K).load(file);

        Demographics demographics = result.demographics();
        assertThat(demographics.size()).isEqualTo(4);
        assertThat(demographics.get("1")).isEqualTo(new UserDemographics("1", 24, "M", "technician", "85711"));
        assertThat(demographics.get("2")).isEqualTo(new UserDemographics("2", 53, "F", "other", "94043"));
        assertThat(demographics.get("4").zip()).isEqualTo("T8H1N");
        assertThat(demographics.get("5")).isNull();
        assertThat(demographics.all()).extracting(UserDemographics::userId).containsExactly("1", "2", "3", "4");
        assertThat(Demographics.ageBand(demographics.get("1").age())).isEqualTo("18-24");
        assertThat(Demographics.ageBand(demographics.get("2").age())).isEqualTo("50-55");
        assertThat(Demographics.ageBand(demographics.get("4").age())).isEqualTo("1");
        assertThat(result.report().linesRead()).isEqualTo(4);
        assertThat(result.report().recordsLoaded()).isEqualTo(4);
        assertThat(result.report().skipped()).isZero();
    }

    @Test
    void loadsMl1mUsersDatWithOccupationNamesAndAgeCodes() throws IOException {
        Path file = write("users.dat", "1::F::1::10::48067\n2::M::56::16::70072\n3::M::25::15::55117\n"
                + "4::M::45::7::02460\n5::M::25::20::55455\n6::F::50::9::55117\n10::F::35::1::95370\n"
                + "19::M::1::10::48073\n22::M::18::15::53706\n23::M::35::0::90049\n");

        Demographics demographics = new DemographicsLoader(DemographicsFormat.ML1M).load(file).demographics();

        assertThat(demographics.size()).isEqualTo(10);
        assertThat(demographics.get("1")).isEqualTo(new UserDemographics("1", 1, "F", "K-12 student", "48067"));
        assertThat(demographics.get("2").occupation()).isEqualTo("self-employed");
        assertThat(demographics.get("3").occupation()).isEqualTo("scientist");
        assertThat(demographics.get("4").occupation()).isEqualTo("executive/managerial");
        assertThat(demographics.get("5").occupation()).isEqualTo("writer");
        assertThat(demographics.get("6").occupation()).isEqualTo("homemaker");
        assertThat(demographics.get("10").occupation()).isEqualTo("academic/educator");
        assertThat(demographics.get("23").occupation()).isEqualTo("other");
        assertThat(demographics.get("4").zip()).isEqualTo("02460");
        assertThat(Demographics.ageBand(demographics.get("1").age())).isEqualTo("1");
        assertThat(Demographics.ageBand(demographics.get("22").age())).isEqualTo("18-24");
        assertThat(Demographics.ageBand(demographics.get("3").age())).isEqualTo("25-34");
        assertThat(Demographics.ageBand(demographics.get("10").age())).isEqualTo("35-44");
        assertThat(Demographics.ageBand(demographics.get("4").age())).isEqualTo("45-49");
        assertThat(Demographics.ageBand(demographics.get("6").age())).isEqualTo("50-55");
        assertThat(Demographics.ageBand(demographics.get("2").age())).isEqualTo("56+");
    }

    @Test
    void acceptsLowerCaseGenderAndStoresUpperCase() throws IOException {
        Path file = write("u.user", "1|24|m|technician|85711\n2|30|f|other|1\n");

        Demographics demographics = new DemographicsLoader(DemographicsFormat.ML100K).load(file).demographics();

        assertThat(demographics.get("1").gender()).isEqualTo("M");
        assertThat(demographics.get("2").gender()).isEqualTo("F");
    }

    @Test
    void occupationNamesMayHoldInnerSpaces() throws IOException {
        Path file = write("u.user", "1|24|M|customer service|85711\n");

        Demographics demographics = new DemographicsLoader(DemographicsFormat.ML100K).load(file).demographics();

        assertThat(demographics.get("1").occupation()).isEqualTo("customer service");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            too few fields         ; u.user    ; ML100K ; 1|24|M|technician                ; u.user:1: expected 5 '|'-separated fields, found 4
            ml1m too many fields   ; users.dat ; ML1M   ; 1::F::1::10::48067::x            ; users.dat:1: expected 5 '::'-separated fields, found 6
            empty user id          ; u.user    ; ML100K ; |24|M|technician|85711           ; u.user:1: empty user id
            non-numeric age        ; u.user    ; ML100K ; 1|old|M|technician|85711         ; u.user:1: age 'old' is not a whole number
            age out of range       ; u.user    ; ML100K ; 1|0|M|technician|85711           ; u.user:1: age 0 outside 1..120
            ml1m unknown age code  ; users.dat ; ML1M   ; 1::F::30::10::48067              ; users.dat:1: age code '30' is not one of 1, 18, 25, 35, 45, 50, 56
            bad gender             ; u.user    ; ML100K ; 1|24|X|technician|85711          ; u.user:1: gender 'X' is not M or F
            ml1m gender word       ; users.dat ; ML1M   ; 1::Female::1::10::48067          ; users.dat:1: gender 'Female' is not M or F
            empty occupation       ; u.user    ; ML100K ; 1|24|M||85711                    ; u.user:1: empty occupation
            ml1m occupation 21     ; users.dat ; ML1M   ; 1::F::1::21::48067               ; users.dat:1: occupation code '21' is not one of 0..20
            ml1m occupation word   ; users.dat ; ML1M   ; 1::F::1::writer::48067           ; users.dat:1: occupation code 'writer' is not one of 0..20
            empty zip              ; u.user    ; ML100K ; 1|24|M|technician|               ; u.user:1: empty zip code
            """)
    void malformedLineFailsWithFileLineAndReason(String title, String fileName, DemographicsFormat format, String line,
                                                 String expectedMessage) throws IOException {
        Path file = write(fileName, line + "\n");

        assertThatThrownBy(() -> new DemographicsLoader(format).load(file))
                .isInstanceOf(MalformedDataException.class)
                .hasMessage(expectedMessage);
    }

    @Test
    void userDescribedTwiceIsMalformed() throws IOException {
        Path file = write("u.user", "1|24|M|technician|85711\n\n1|25|F|writer|00000\n");

        assertThatThrownBy(() -> new DemographicsLoader(DemographicsFormat.ML100K).load(file))
                .isInstanceOfSatisfying(MalformedDataException.class, e -> {
                    assertThat(e).hasMessage("u.user:3: user id '1' is described again");
                    assertThat(e.reason()).isEqualTo(BadLineReasons.DUPLICATE_USER);
                });
    }

    @Test
    void byteOrderMarkBeforeFirstUserIsDroppedAndBlankLinesKeepTheLineNumbers() throws IOException {
        Path file = write("u.user", "\uFEFF1|24|M|technician|85711\n\n   \n2|53|F|other|94043\n");

        DemographicsLoadResult result = new DemographicsLoader(DemographicsFormat.ML100K).load(file);

        assertThat(result.demographics().all()).extracting(UserDemographics::userId).containsExactly("1", "2");
        assertThat(result.report().linesRead()).isEqualTo(4);
        assertThat(result.report().blankLines()).isEqualTo(2);
        Path bad = write("bad.user", "\n1|24|M|technician|85711\n\n2|53|X|other|94043\n");
        assertThatThrownBy(() -> new DemographicsLoader(DemographicsFormat.ML100K).load(bad))
                .hasMessage("bad.user:4: gender 'X' is not M or F");
    }

    @Test
    void skipCountsEachReasonAndLoadsTheRest() throws IOException {
        Path file = write("users.dat", String.join("\n",
                "1::F::1::10::48067",     // 1 ok
                "2::M::56::16",           // 2 field_count
                "::M::25::15::55117",     // 3 bad_user
                "4::M::44::7::02460",     // 4 bad_age
                "5::?::25::20::55455",    // 5 bad_gender
                "6::F::50::99::55117",    // 6 bad_occupation
                "",                       // 7 blank
                "7::M::35::1::",          // 8 bad_zip
                "1::M::18::1::11111",     // 9 duplicate_user
                "8::M::18::4::53706")     // 10 ok
                + "\n");

        DemographicsLoadResult result = new DemographicsLoader(DemographicsFormat.ML1M, BadLinePolicy.SKIP).load(file);

        assertThat(result.demographics().all()).extracting(UserDemographics::userId).containsExactly("1", "8");
        assertThat(result.demographics().get("1").gender()).isEqualTo("F");
        assertThat(result.demographics().get("8").occupation()).isEqualTo("college/grad student");
        LoadReport report = result.report();
        assertThat(report.linesRead()).isEqualTo(10);
        assertThat(report.blankLines()).isEqualTo(1);
        assertThat(report.recordsLoaded()).isEqualTo(2);
        assertThat(report.skipped()).isEqualTo(7);
        assertThat(report.skippedByReason()).containsOnly(
                entry("field_count", 1L), entry("bad_user", 1L), entry("bad_age", 1L), entry("bad_gender", 1L),
                entry("bad_occupation", 1L), entry("bad_zip", 1L), entry("duplicate_user", 1L));
        assertThat(report.examples()).hasSize(7).first().isEqualTo("users.dat:2: expected 5 '::'-separated fields, found 4");
    }

    @Test
    void randomBytesUnderSkipDoNotThrow() throws IOException {
        byte[] garbage = new byte[100_000];
        new Random(3).nextBytes(garbage);
        for (DemographicsFormat format : DemographicsFormat.values()) {
            Path file = Files.write(dir.resolve("garbage-" + format.formatName()), garbage);

            LoadReport report = new DemographicsLoader(format, BadLinePolicy.SKIP).load(file).report();

            assertThat(report.skipped()).isPositive();
            assertThat(report.linesRead()).isEqualTo(report.blankLines() + report.recordsLoaded() + report.skipped());
        }
    }

    @Test
    void formatsParseAndDetect() throws IOException {
        assertThat(DemographicsFormat.parse("ML100K")).isEqualTo(DemographicsFormat.ML100K);
        assertThat(DemographicsFormat.parse("ml1m")).isEqualTo(DemographicsFormat.ML1M);
        assertThatThrownBy(() -> DemographicsFormat.parse("csv"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown demographics format 'csv'; valid formats: ml100k, ml1m");
        assertThat(DemographicsFormat.detect(dir.resolve("u.user"))).isEqualTo(DemographicsFormat.ML100K);
        assertThat(DemographicsFormat.detect(dir.resolve("users.dat"))).isEqualTo(DemographicsFormat.ML1M);
        assertThat(DemographicsFormat.detect(write("people.txt", "1::F::1::10::48067\n")))
                .isEqualTo(DemographicsFormat.ML1M);
        assertThat(DemographicsFormat.detect(write("people2.txt", "1|24|M|technician|85711\n")))
                .isEqualTo(DemographicsFormat.ML100K);
        assertThat(DemographicsFormat.detect(write("people4.dat", "\uFEFF\n  \n1|24|M|technician|85711\n")))
                .as("the first non-blank line decides, after a byte-order mark")
                .isEqualTo(DemographicsFormat.ML100K);
        assertThat(DemographicsFormat.detect(write("both.user", "1::F|1::10::48067\n")))
                .as("a line with both separators leaves it to the name")
                .isEqualTo(DemographicsFormat.ML100K);
        Path unknown = write("people3.txt", "1 24 M\n");
        assertThatThrownBy(() -> DemographicsFormat.detect(unknown))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot tell the demographics format of people3.txt");
    }
}
