package org.movierec.router.report;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;
import org.movierec.router.RouterConfig;
import org.movierec.router.experiments.Experiment;
import org.movierec.router.experiments.ExperimentStore;
import org.movierec.router.stats.SequentialTest;

/**
 * Records the looks of the sequential tests: on the router's own schedule ({@code router.report.look-interval})
 * for the running experiment once it is live, and at decisions (when an experiment is stopped). A look is one
 * mSPRT step per compared arm for the primary metric, each guardrail with a test and the paired comparison; its
 * always-valid p-value is stored ({@link SequentialLooks}) and is what every report shows until the next look.
 * Reading a report never looks, so the test's history does not depend on how often anyone reads it.
 *
 * <p>With several router replicas each would look on its schedule; a look is skipped when the last one of the
 * primary test is younger than half the interval, which keeps the rate at about one look per interval.
 */
@ApplicationScoped
public class LookRecorder {

    private static final Logger LOG = Logger.getLogger(LookRecorder.class);

    @Inject
    ExperimentStore store;

    @Inject
    ReportService reports;

    @Inject
    SequentialLooks looks;

    @Inject
    RouterConfig config;

    @Scheduled(every = "${router.report.look-interval}", delayed = "${router.report.look-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        try {
            store.running().filter(e -> e.liveAt() != null).ifPresent(e -> {
                if (due(e)) {
                    look(e);
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf("scheduled look skipped: %s", e.getMessage());
        }
    }

    /** Whether the latest look of the first comparison's primary test is older than half the interval. */
    private boolean due(Experiment e) {
        String arm = e.arms().stream().map(a -> a.name()).filter(n -> !n.equals(e.controlArm().name())).findFirst()
                .orElse(null);
        if (arm == null) {
            return false;
        }
        SequentialLooks.Summary last = looks.summary(e.id(), arm, e.plan().primary().wireName());
        Duration half = config.report().lookInterval().dividedBy(2);
        return last == null || last.lastLookAt() == null || last.lastLookAt().isBefore(Instant.now().minus(half));
    }

    /** Records one look of every sequential test of {@code e} now; returns the report it looked at. */
    public ExperimentReport look(Experiment e) {
        ExperimentReport report = reports.report(e);
        ReportSettings settings = report.settings();
        for (ArmComparison c : report.comparisons()) {
            for (MetricComparison m : c.metrics()) {
                if (Double.isFinite(m.testDifference()) && Double.isFinite(m.testVariance())) {
                    SequentialTest test = settings.test(m.metric(), m.alpha());
                    record(e, c.arm(), m.metric().wireName(), test, m.testDifference(), m.testVariance(),
                            report.generatedAt());
                }
            }
            if (c.paired().comparison() != null) {
                double se = c.paired().comparison().standardError();
                record(e, c.arm(), ReportSettings.PAIRED_RMSE, new SequentialTest(settings.tauMse(), settings.alpha()),
                        c.paired().comparison().meanDifference(), se * se, report.generatedAt());
            }
        }
        return report;
    }

    private void record(Experiment e, String arm, String key, SequentialTest test, double difference, double variance,
            Instant at) {
        SequentialLooks.Summary previous = looks.summary(e.id(), arm, key);
        double before = previous == null ? SequentialTest.INITIAL_P_VALUE : previous.pValue();
        SequentialTest.Look look = test.look(before, difference, variance);
        looks.record(e.id(), arm, key, look.pValue(), at);
    }
}
