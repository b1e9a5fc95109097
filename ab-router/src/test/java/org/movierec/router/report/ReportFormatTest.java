package org.movierec.router.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.movierec.router.RouterJson;
import org.movierec.router.stats.SampleSummary;
import org.movierec.router.stats.SequentialTest;

/** The report's JSON answer (a contract of the admin API) as {@code RouterJson} writes {@link ReportFormat#toJson}. */
class ReportFormatTest {

    private static final SequentialTest MSE = new SequentialTest(0.5, 0.05);
    private static final SequentialTest WATCH_THROUGH = new SequentialTest(0.05, 0.05);

    /**
     * An experiment without data: every statistic NaN is written as null, the tests that could not run are left
     * out, and the members come in their documented order. The expected text is what the hand-written JSON writer
     * this replaced wrote for the same report.
     */
    @Test
    void aReportWithoutDataIsWrittenExactlyAsBefore() {
        ReportCalculatorTest calculator = new ReportCalculatorTest();
        Map<String, ArmTelemetry> telemetry = Map.of(
                "control", new ArmTelemetry("control", 0, 0, 0, 0, 0, 0, Double.NaN, Double.NaN, SampleSummary.of()),
                "treatment", new ArmTelemetry("treatment", 0, 0, 0, 0, 0, 0, Double.NaN, Double.NaN, SampleSummary.of()));
        ExperimentReport report = new ReportCalculator(MSE, WATCH_THROUGH).compute(calculator.experiment, telemetry,
                Map.of("control", 0L, "treatment", 0L), (arm, metric) -> SequentialTest.INITIAL_P_VALUE,
                Instant.parse("2026-11-02T00:00:00Z"));

        assertThat(RouterJson.write(ReportFormat.toJson(report, MSE, WATCH_THROUGH))).isEqualTo(
                "{\"experiment\":{\"id\":\"exp-test\",\"name\":\"test\",\"type\":\"ab\",\"status\":\"running\",\"salt\":\"salt\","
                + "\"arms\":[{\"name\":\"control\",\"modelVersion\":\"v1\",\"weight\":50},{\"name\":\"treatment\",\"modelVersi"
                + "on\":\"v2\",\"weight\":50}],\"overrides\":{},\"revision\":1,\"createdAt\":\"2026-11-01T00:00:00Z\",\"cre"
                + "atedBy\":\"test\",\"weightsSince\":\"2026-11-01T00:00:00Z\",\"endedAt\":null,\"endReason\":null},\"gen"
                + "eratedAt\":\"2026-11-02T00:00:00Z\",\"confidence\":0.95,\"arms\":[{\"arm\":\"control\",\"modelVersion\""
                + ":\"v1\",\"weight\":50,\"users\":0,\"requests\":0,\"attempts\":0,\"ratings\":0,\"rmse\":null,\"rmseInterva"
                + "l\":null,\"watchThroughRate\":null,\"watched\":0,\"watchThroughInterval\":null,\"latencyP50Ms\":nul"
                + "l,\"latencyP99Ms\":null,\"errorRate\":null,\"fallbackRate\":null},{\"arm\":\"treatment\",\"modelVersi"
                + "on\":\"v2\",\"weight\":50,\"users\":0,\"requests\":0,\"attempts\":0,\"ratings\":0,\"rmse\":null,\"rmseInte"
                + "rval\":null,\"watchThroughRate\":null,\"watched\":0,\"watchThroughInterval\":null,\"latencyP50Ms\":"
                + "null,\"latencyP99Ms\":null,\"errorRate\":null,\"fallbackRate\":null}],\"comparisons\":[{\"arm\":\"tre"
                + "atment\",\"baseline\":\"control\",\"rmseDifference\":null,\"sequential\":{\"method\":\"mSPRT (normal m"
                + "ixture), always-valid p-values: Johari et al., KDD 2017\",\"alpha\":0.05,\"mse\":{\"tau\":0.5,\"de"
                + "cision\":\"not enough data\"},\"watchThrough\":{\"tau\":0.05,\"decision\":\"not enough data\"}}}],\"sa"
                + "mpleRatioMismatch\":{\"since\":\"2026-11-01T00:00:00Z\",\"observedUsers\":[0,0]}}");
    }

    /** The tests of a comparison list their members in a fixed order (the old maps had none). */
    @Test
    void theTestsOfAComparisonHaveTheirMembersInOrder() {
        String json = RouterJson.write(ReportFormat.toJson(new ReportCalculatorTest().report(), MSE, WATCH_THROUGH));

        assertThat(json).containsPattern("\"squaredErrors\":\\{\"test\":\"Welch's t-test[^\"]*\",\"difference\":[^,]+,"
                + "\"t\":[^,]+,\"degreesOfFreedom\":[^,]+,\"pValue\":[^,]+,\"interval\":\\{\"lower\"");
        assertThat(json).containsPattern("\"watchThrough\":\\{\"test\":\"two-proportion z-test\",\"difference\":[^,]+,"
                + "\"z\":[^,]+,\"pValue\":[^,]+,\"interval\":\\{\"lower\"");
    }
}
