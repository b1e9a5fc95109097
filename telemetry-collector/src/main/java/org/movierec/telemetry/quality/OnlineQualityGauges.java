package org.movierec.telemetry.quality;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import org.movierec.telemetry.TelemetryConfig;

/**
 * The latest online RMSE per model version, experiment and arm as gauges, from the telemetry schema's error
 * moments ({@code online_error_moments}): over the ratings of {@code telemetry.online.rmse-window} before the newest
 * rating (event time, so a replayed or delayed stream has gauges too). Also the number of predictions and the sums behind the RMSE, so that Prometheus can aggregate
 * exactly ({@code sqrt(sum(sse) / sum(n))}). Refreshed every {@code telemetry.online.refresh-interval}.
 */
@ApplicationScoped
public class OnlineQualityGauges {

    private static final Logger LOG = Logger.getLogger(OnlineQualityGauges.class);

    /** The newest rating's time: the window ends there (the index on {@code time} answers it). */
    static final String NEWEST_RATING = "SELECT max(time) FROM online_predictions";

    /**
     * The error moments (the schema's {@code online_error_moments}) of the window, per version, experiment and arm;
     * parameter: the window's start. The start is a parameter, not a subquery, so that PostgreSQL pushes it into the
     * view's grouping and reads only the window's rows.
     */
    static final String LATEST_ERRORS = """
            SELECT model_version, coalesce(experiment, ''), coalesce(arm, ''), sum(predictions)::bigint,
                   sum(sum_squared_error), sum(sum_absolute_error)
            FROM online_error_moments
            WHERE model_version IS NOT NULL AND time >= ?
            GROUP BY 1, 2, 3""";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TelemetryConfig config;

    @Inject
    MeterRegistry registry;

    private MultiGauge rmse;
    private MultiGauge mae;
    private MultiGauge count;
    private MultiGauge sse;

    /** One row of the gauges. */
    public record Quality(String modelVersion, String experiment, String arm, long predictions, double sumSquaredError,
            double sumAbsoluteError) {

        public double rmse() {
            return Math.sqrt(sumSquaredError / predictions);
        }

        public double mae() {
            return sumAbsoluteError / predictions;
        }

        Tags tags() {
            return Tags.of("model_version", modelVersion, "experiment", experiment, "arm", arm);
        }
    }

    @PostConstruct
    void init() {
        rmse = MultiGauge.builder("telemetry.online.rmse").description("Online RMSE of the latest window").register(registry);
        mae = MultiGauge.builder("telemetry.online.mae").description("Online MAE of the latest window").register(registry);
        count = MultiGauge.builder("telemetry.online.predictions").description("Predictions in the latest window").register(registry);
        sse = MultiGauge.builder("telemetry.online.squared.error").description("Sum of squared errors in the latest window").register(registry);
    }

    @Scheduled(every = "${telemetry.online.refresh-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledRefresh() {
        try {
            refresh();
        } catch (SQLException e) {
            LOG.debugf("online quality not refreshed: %s", e);
        }
    }

    /** Reads the latest window and replaces the gauges; returns the rows. */
    public List<Quality> refresh() throws SQLException {
        List<Quality> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            OffsetDateTime newest;
            try (PreparedStatement q = c.prepareStatement(NEWEST_RATING); ResultSet r = q.executeQuery()) {
                r.next();
                newest = r.getObject(1, OffsetDateTime.class);
            }
            if (newest != null) {
                try (PreparedStatement q = c.prepareStatement(LATEST_ERRORS)) {
                    q.setObject(1, newest.minus(microseconds(config.online().rmseWindow())));
                    try (ResultSet r = q.executeQuery()) {
                        while (r.next()) {
                            rows.add(new Quality(r.getString(1), r.getString(2), r.getString(3), r.getLong(4),
                                    r.getDouble(5), r.getDouble(6)));
                        }
                    }
                }
            }
        }
        rmse.register(rows.stream().map(q -> MultiGauge.Row.of(q.tags(), q.rmse())).toList(), true);
        mae.register(rows.stream().map(q -> MultiGauge.Row.of(q.tags(), q.mae())).toList(), true);
        count.register(rows.stream().map(q -> MultiGauge.Row.of(q.tags(), q.predictions())).toList(), true);
        sse.register(rows.stream().map(q -> MultiGauge.Row.of(q.tags(), q.sumSquaredError())).toList(), true);
        return rows;
    }

    /** The window in whole microseconds, PostgreSQL's resolution. */
    private static Duration microseconds(Duration window) {
        return window.truncatedTo(ChronoUnit.MICROS);
    }
}
