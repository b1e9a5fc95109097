package org.movierec.core.data.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.movierec.core.data.RatingScale;
import org.movierec.core.data.Ratings;
import org.movierec.core.ids.IdIndex;

class RatingsWriterTest {

    @TempDir
    Path dir;

    private static Ratings sample() {
        return Ratings.builder()
                .add("196", "242", 3, 881250949L)
                .add("the+user", "padre+nuestro+2007", 4.5, 1_700_000_000L)
                .add("196", "padre+nuestro+2007", 1, 0L)
                .add("7", "242", 2.5, Long.MAX_VALUE)
                .build();
    }

    @Test
    void writesTabSeparatedMl100k() throws IOException {
        StringWriter out = new StringWriter();

        new RatingsWriter(RatingsFormat.ML100K).write(sample(), out);

        assertThat(out.toString()).isEqualTo("196\t242\t3\t881250949\n"
                + "the+user\tpadre+nuestro+2007\t4.5\t1700000000\n"
                + "196\tpadre+nuestro+2007\t1\t0\n"
                + "7\t242\t2.5\t9223372036854775807\n");
    }

    @Test
    void writesCsvWithHeader() throws IOException {
        StringWriter out = new StringWriter();

        new RatingsWriter(RatingsFormat.CSV).write(sample(), out);

        assertThat(out.toString()).startsWith("userId,movieId,rating,timestamp\n196,242,3,881250949\n");
    }

    @ParameterizedTest
    @EnumSource(RatingsFormat.class)
    void roundTripIsExact(RatingsFormat format) throws IOException {
        Random random = new Random(7);
        Ratings.Builder builder = Ratings.builder();
        for (int k = 0; k < 2000; k++) {
            double rating = switch (k % 3) {
                case 0 -> 1 + random.nextInt(5);
                case 1 -> 1 + random.nextInt(9) * 0.5;
                default -> 1 + random.nextFloat() * 4;
            };
            builder.add("u" + random.nextInt(100), "m" + random.nextInt(300), rating,
                    Math.abs(random.nextLong() % 2_000_000_000L));
        }
        Ratings original = builder.build();
        Path file = dir.resolve("round-trip." + format.formatName());

        new RatingsWriter(format).write(original, file);
        LoadResult loaded = new RatingsLoader(format).load(file);

        Ratings copy = loaded.ratings();
        assertThat(copy.size()).isEqualTo(original.size());
        assertThat(copy.users().ids()).isEqualTo(original.users().ids());
        assertThat(copy.items().ids()).isEqualTo(original.items().ids());
        for (int row = 0; row < original.size(); row++) {
            assertThat(copy.user(row)).isEqualTo(original.user(row));
            assertThat(copy.item(row)).isEqualTo(original.item(row));
            assertThat(Float.floatToIntBits(copy.value(row))).as("row %d", row)
                    .isEqualTo(Float.floatToIntBits(original.value(row)));
            assertThat(copy.time(row)).isEqualTo(original.time(row));
        }
        assertThat(loaded.report().skipped()).isZero();
    }

    @Test
    void roundTripKeepsTheSharedIndexNumbering() throws IOException {
        IdIndex users = IdIndex.of(java.util.List.of("a", "b", "c"));
        IdIndex items = IdIndex.of(java.util.List.of("x", "y"));
        Ratings ratings = Ratings.builder(users, items).add("c", "y", 5, 1).add("a", "x", 2, 2).build();
        Path file = dir.resolve("u.data");

        new RatingsWriter(RatingsFormat.ML100K).write(ratings, file);
        Ratings copy = new RatingsLoader(RatingsFormat.ML100K).load(file, users.copy(), items.copy()).ratings();

        assertThat(copy.user(0)).isEqualTo(2);
        assertThat(copy.item(0)).isEqualTo(1);
        assertThat(copy.user(1)).isEqualTo(0);
    }

    @Test
    void ratingTextIsIntegerWhenWholeAndShortestDecimalOtherwise() {
        assertThat(RatingsWriter.ratingText(4f)).isEqualTo("4");
        assertThat(RatingsWriter.ratingText(10f)).isEqualTo("10");
        assertThat(RatingsWriter.ratingText(3.5f)).isEqualTo("3.5");
        assertThat(RatingsWriter.ratingText(0.5f)).isEqualTo("0.5");
        assertThat(RatingsWriter.ratingText(3.7f)).isEqualTo("3.7");
        assertThat(RatingsWriter.ratingText(-1.25f)).isEqualTo("-1.25");
        assertThat(RatingsWriter.ratingText(1.0E-5f)).isEqualTo("0.00001");
        assertThat(RatingsWriter.ratingText(1.2345678E7f)).isEqualTo("12345678");
        assertThat(RatingsWriter.ratingText(1e20f)).isEqualTo("100000000000000000000");
        assertThatThrownBy(() -> RatingsWriter.ratingText(Float.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ratingTextReadsBackToTheSameFloatForManyFloats() {
        Random random = new Random(11);
        for (int k = 0; k < 100_000; k++) {
            float value = Float.intBitsToFloat(random.nextInt());
            if (!Float.isFinite(value)) {
                continue;
            }
            String text = RatingsWriter.ratingText(value);
            double parsed = NumberFields.parseDecimal(text, 0, text.length());
            assertThat((float) parsed).as(text).isEqualTo(value);
        }
    }

    @Test
    void rejectsIdsThatCouldNotBeReadBack() {
        Ratings withComma = Ratings.builder().add("a,b", "x", 3, 1).build();
        Ratings withSpace = Ratings.builder().add("a", "x y", 3, 1).build();
        Ratings withColons = Ratings.builder().add("a::b", "x", 3, 1).build();

        assertThatThrownBy(() -> new RatingsWriter(RatingsFormat.CSV).write(withComma, new StringWriter()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot write csv ratings: user id 'a,b' contains the comma separator");
        assertThatThrownBy(() -> new RatingsWriter(RatingsFormat.ML100K).write(withSpace, new StringWriter()))
                .hasMessage("cannot write ml100k ratings: item id 'x y' contains whitespace or a control character");
        assertThatThrownBy(() -> new RatingsWriter(RatingsFormat.ML1M).write(withColons, new StringWriter()))
                .hasMessageContaining("contains the '::' separator");
    }

    @Test
    void rejectsNonFiniteRatings() {
        Ratings nan = Ratings.builder().add("a", "x", Double.NaN, 1).build();

        assertThatThrownBy(() -> new RatingsWriter(RatingsFormat.ML100K).write(nan, new StringWriter()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rating NaN in row 0 cannot be written");
    }

    @Test
    void writtenOneToTenRatingsLoadOnThatScale() throws IOException {
        Ratings ratings = Ratings.builder().add("1", "2", 10, 5).add("1", "3", 7.5, 6).build();
        Path file = dir.resolve("ratings.csv");

        new RatingsWriter(RatingsFormat.CSV).write(ratings, file);
        Ratings copy = new RatingsLoader(RatingsFormat.CSV,
                LoadOptions.defaults().withScale(new RatingScale(1, 10))).load(file).ratings();

        assertThat(Files.readAllLines(file)).containsExactly("userId,movieId,rating,timestamp", "1,2,10,5", "1,3,7.5,6");
        assertThat(copy.value(1)).isEqualTo(7.5f);
    }
}
