package org.movierec.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ProblemTest {

    @Test
    void oneProblemHasTheRfc9457MembersAndNoList() {
        String json = Problem.of(404, "unknown experiment x").at("/experiments/x").toJson();

        assertThat(json).isEqualTo("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
                + "\"detail\":\"unknown experiment x\",\"instance\":\"/experiments/x\"}");
    }

    @Test
    void extensionMembersAreTopLevel() {
        String json = Problem.of(409, "retrain run r1 is in progress").with("runId", "r1").toJson();

        assertThat(json).isEqualTo("{\"type\":\"about:blank\",\"title\":\"Conflict\",\"status\":409,"
                + "\"detail\":\"retrain run r1 is in progress\",\"runId\":\"r1\"}");
    }

    @Test
    void manyProblemsAreCappedAndTheRestCounted() {
        List<String> thousands = IntStream.range(0, 100_000).mapToObj(i -> "unknown field k" + i).toList();

        Problem p = Problem.of(400, "invalid change", thousands);

        assertThat(p.problems()).hasSize(Problem.MAX_LISTED_PROBLEMS).startsWith("unknown field k0");
        assertThat(p.moreProblems()).isEqualTo(100_000 - Problem.MAX_LISTED_PROBLEMS);
        assertThat(p.toJson().length()).isLessThan(2_000);
    }

    @Test
    void aHugeDetailIsClipped() {
        Problem p = Problem.of(400, "x".repeat(1_000_000));

        assertThat(p.detail().length()).isLessThanOrEqualTo(Problem.MAX_TEXT + 1);
    }
}
