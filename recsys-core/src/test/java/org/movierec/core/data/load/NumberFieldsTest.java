package org.movierec.core.data.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NumberFieldsTest {

    @ParameterizedTest
    @CsvSource({"4, 4", "3.5, 3.5", "0.5, 0.5", "+2, 2", "-1, -1", "5., 5", ".5, 0.5", "007, 7",
            "1234567890123456789, 1.234567890123456789E18", "4.000, 4"})
    void parsesDecimals(String text, double expected) {
        assertThat(NumberFields.parseDecimal(text, 0, text.length())).isEqualTo(expected);
    }

    @Test
    void agreesWithParseDoubleOnRandomDecimals() {
        Random random = new Random(5);
        for (int k = 0; k < 200_000; k++) {
            StringBuilder text = new StringBuilder();
            if (random.nextInt(4) == 0) {
                text.append('-');
            }
            text.append(random.nextInt(100_000));
            if (random.nextBoolean()) {
                text.append('.');
                int fractionDigits = random.nextInt(12);
                for (int d = 0; d < fractionDigits; d++) {
                    text.append((char) ('0' + random.nextInt(10)));
                }
            }
            String s = text.toString();
            assertThat(NumberFields.parseDecimal(s, 0, s.length())).as(s).isEqualTo(Double.parseDouble(s));
        }
    }

    @Test
    void parsesAFieldInsideALine() {
        String line = "1\t2\t4.5\t100";

        assertThat(NumberFields.parseDecimal(line, 4, 7)).isEqualTo(4.5);
        assertThat(NumberFields.parseNonNegativeLong(line, 8, 11)).isEqualTo(100);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "-", "+", ".", "1.2.3", "4e0", "1d", "NaN", "Infinity", " 4", "4 ", "0x10",
            "--1", "1,5", "3.5f"})
    void rejectsAnythingElse(String text) {
        assertThat(NumberFields.parseDecimal(text, 0, text.length())).isNaN();
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "881250949, 881250949", "9223372036854775807, 9223372036854775807",
            "9223372036854775808, -1", "'', -1", "-5, -1", "+5, -1", "1.0, -1", "12a, -1"})
    void parsesNonNegativeLongs(String text, long expected) {
        assertThat(NumberFields.parseNonNegativeLong(text, 0, text.length())).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"56, 56", "2147483647, 2147483647", "2147483648, -1", "x, -1"})
    void parsesNonNegativeInts(String text, int expected) {
        assertThat(NumberFields.parseNonNegativeInt(text, 0, text.length())).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"'1\t2\t3\t4', 4", "'a', 1", "'', 1", "'\t', 2", "'1\t2\t3\t4\t5\t6', 6"})
    void splitterCountsEveryField(String line, int expected) {
        FieldSplitter splitter = new FieldSplitter("\t", 4);

        assertThat(splitter.split(line)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"'1::22::3::4', 22", "'1:::22::3::4', ':22'"})
    void splitterFindsMultiCharacterSeparators(String line, String secondField) {
        FieldSplitter splitter = new FieldSplitter("::", 4);

        assertThat(splitter.split(line)).isEqualTo(4);
        assertThat(line.substring(splitter.start(1), splitter.end(1))).isEqualTo(secondField);
    }
}
