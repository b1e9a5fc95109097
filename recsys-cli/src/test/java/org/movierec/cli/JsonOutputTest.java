package org.movierec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report line: the numbers as the CLI has always printed them (the hand-written writer it replaces). */
class JsonOutputTest {

    @Test
    void nonFiniteNumbersAreNullAndWholeNumbersAreWrittenInFull() {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("rmse", 0.8464309803868612);
        report.put("whole", 123.0);
        report.put("big", 1e7);
        report.put("huge", 1e16);
        report.put("tiny", 1e-5);
        report.put("nan", Double.NaN);
        report.put("ratings", 12000);
        report.put("fold_rmse", new double[] {0.9, Double.POSITIVE_INFINITY, 2.0});
        report.put("params", List.of(Map.of("name", "é\"\n")));
        report.put("none", null);
        report.put("fallback", true);
        StringWriter out = new StringWriter();
        JsonOutput.print(new PrintWriter(out, true), report);
        assertThat(out.toString()).isEqualTo("{\"rmse\":0.8464309803868612,\"whole\":123.0,\"big\":10000000.0,"
                + "\"huge\":1.0E16,\"tiny\":1.0E-5,\"nan\":null,\"ratings\":12000,\"fold_rmse\":[0.9,null,2.0],"
                + "\"params\":[{\"name\":\"é\\\"\\n\"}],\"none\":null,\"fallback\":true}" + System.lineSeparator());
    }
}
