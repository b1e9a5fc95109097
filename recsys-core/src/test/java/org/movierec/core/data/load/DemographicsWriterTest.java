package org.movierec.core.data.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemographicsWriterTest {

    @TempDir
    Path dir;

    @Test
    void writesUUserLines() throws IOException {
        Demographics demographics = new Demographics(List.of(
                new UserDemographics("1", 24, "M", "technician", "85711"),
                new UserDemographics("2", 53, "F", "other", "94043")));
        StringWriter out = new StringWriter();

        DemographicsWriter.write(demographics, out);

        assertThat(out.toString()).isEqualTo("1|24|M|technician|85711\n2|53|F|other|94043\n");
    }

    @Test
    void roundTripThroughUUserIsExact() throws IOException {
        Demographics original = new Demographics(List.of(
                new UserDemographics("1", 24, "M", "technician", "85711"),
                new UserDemographics("user+9", 67, "F", "retired", "T8H1N"),
                new UserDemographics("3", 18, "F", "K-12 student", "98107-2117")));
        Path file = dir.resolve("u.user");

        DemographicsWriter.write(original, file);
        Demographics copy = new DemographicsLoader(DemographicsFormat.ML100K).load(file).demographics();

        assertThat(copy.all()).isEqualTo(original.all());
    }

    @Test
    void ml1mUsersConvertToUUser() throws IOException {
        Path usersDat = Files.writeString(dir.resolve("users.dat"), "1::F::1::10::48067\n2::M::56::16::70072\n");
        Demographics ml1m = new DemographicsLoader(DemographicsFormat.ML1M).load(usersDat).demographics();
        Path uUser = dir.resolve("u.user");

        DemographicsWriter.write(ml1m, uUser);

        assertThat(Files.readAllLines(uUser)).containsExactly("1|1|F|K-12 student|48067", "2|56|M|self-employed|70072");
        assertThat(new DemographicsLoader(DemographicsFormat.ML100K).load(uUser).demographics().all())
                .isEqualTo(ml1m.all());
    }

    @Test
    void rejectsUsersThatCouldNotBeReadBack() {
        Demographics pipe = new Demographics(List.of(new UserDemographics("1", 24, "M", "a|b", "85711")));
        Demographics noAge = new Demographics(List.of(new UserDemographics("1", 0, "M", "other", "85711")));
        Demographics spacedZip = new Demographics(List.of(new UserDemographics("1", 30, "M", "other", "857 11")));

        assertThatThrownBy(() -> DemographicsWriter.write(pipe, new StringWriter()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot write user '1' as u.user: a field contains the '|' separator");
        assertThatThrownBy(() -> DemographicsWriter.write(noAge, new StringWriter()))
                .hasMessage("cannot write user '1' as u.user: age 0 outside 1..120");
        assertThatThrownBy(() -> DemographicsWriter.write(spacedZip, new StringWriter()))
                .hasMessage("cannot write user '1' as u.user: zip code '857 11' contains whitespace or a control character");
    }
}
