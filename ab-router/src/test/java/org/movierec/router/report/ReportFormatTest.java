package org.movierec.router.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.movierec.router.RouterJson;

/** The JSON and CSV forms of the report: members in their documented order, NaN as null, one CSV row per arm. */
class ReportFormatTest {

    final ReportCalculatorTest calculator = new ReportCalculatorTest();

    static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void theJsonHasItsMembersInTheDocumentedOrder() throws Exception {
        JsonNode json = new ObjectMapper().readTree(RouterJson.write(ReportFormat.toJson(calculator.report())));
        assertThat(names(json)).containsExactly("experiment", "generatedAt", "confidence", "analysis", "window", "arms",
                "comparisons", "usersInSeveralArms", "sampleRatioMismatch", "periods", "timeline", "notes");
        assertThat(names(json.get("comparisons").get(0))).containsExactly("arm", "baseline", "decision", "metrics",
                "paired");
        assertThat(names(json.get("comparisons").get(0).get("metrics").get(0))).containsExactly("metric", "role",
                "verdict", "control", "treatment", "difference", "interval", "relative", "designEffect",
                "cupedVarianceReduction", "alwaysValid", "fixedHorizon", "power", "breached");
        assertThat(json.get("analysis").get("population").asText()).startsWith("intention-to-treat");
        assertThat(json.get("arms").get(1).get("clientWaitP99Ms").asDouble()).isEqualTo(12.0);
        assertThat(json.get("comparisons").get(0).get("metrics").get(0).get("fixedHorizon").get("when").asText())
                .startsWith("no sample planned");
    }

    @Test
    void aReportWithoutDataWritesNullsNotNumbers() throws Exception {
        ReportSnapshot empty = new ReportSnapshot(ReportCalculatorTest.START, ReportCalculatorTest.NOW,
                ReportCalculatorTest.NOW, java.util.Map.of(), java.util.Map.of(), 0, java.util.Map.of(),
                java.util.Map.of(), java.util.Map.of(), java.util.Map.of(), List.of(), List.of(), List.of());
        ExperimentReport report = new ReportCalculator(ReportCalculatorTest.SETTINGS).compute(calculator.experiment,
                empty, (arm, key) -> null, ReportCalculatorTest.NOW);
        JsonNode json = new ObjectMapper().readTree(RouterJson.write(ReportFormat.toJson(report)));
        assertThat(json.get("arms").get(0).get("rmse").isNull()).isTrue();
        assertThat(json.get("comparisons").get(0).get("metrics").get(0).get("difference").isNull()).isTrue();
        assertThat(json.get("comparisons").get(0).get("paired").get("verdict").asText()).startsWith("not enough data");
    }

    @Test
    void csvHasOneRowPerArmWithTheComparisonOnTheTreatmentRow() {
        String[] lines = ReportFormat.toCsv(calculator.report()).split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0].split(",")).containsExactlyElementsOf(ReportFormat.CSV_COLUMNS);
        assertThat(lines[1]).startsWith("exp-test,control,v1,50,8,18,20,2,1,");
        String[] treatment = parse(lines[2]);
        assertThat(treatment).hasSize(ReportFormat.CSV_COLUMNS.size());
        assertThat(treatment[ReportFormat.CSV_COLUMNS.indexOf("primary_metric")]).isEqualTo("watch-through");
        assertThat(treatment[ReportFormat.CSV_COLUMNS.indexOf("primary_fixed_horizon_p")]).isEqualTo("0.111586");
        assertThat(treatment[ReportFormat.CSV_COLUMNS.indexOf("srm_users")]).isEqualTo("9");
    }

    /** The fields of a CSV line (RFC 4180 quotes). */
    static String[] parse(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(ch);
            }
        }
        fields.add(field.toString());
        return fields.toArray(String[]::new);
    }
}
