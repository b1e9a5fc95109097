-- telemetry-schema, part 5: the online prediction errors as moments, the one place that says what an error is.
--
-- Readers: the collector's online quality gauges (telemetry_online_rmse, _mae, _predictions, _squared_error over
-- the latest window), the A/B router's report and canary (TelemetryQueries: per arm, since the experiment or the
-- canary step began, and per arm and chart bucket), and the experiments dashboard (the Arms table's RMSE
-- interval, the mSPRT p-value panel). Each sums the moments over the rows it wants and derives what it shows:
--   mean error                   sum(sum_error) / sum(predictions)
--   RMSE, MAE                    sqrt(sum(sum_squared_error) / sum(predictions)), sum(sum_absolute_error) / sum(predictions)
--   variance of squared errors   (sum(sum_squared_error_squared) - sum(sum_squared_error)^2 / n) / (n - 1), n = sum(predictions)
--
-- The time bucket is the event time itself (rows that share model version, experiment, arm and time are one
-- row): the router's "since" is a canary step's start, any instant, and its figures must count exactly the
-- ratings after it, as they did when it read online_predictions; a coarser bucket would add ratings from before
-- the step. Readers bucket further as they draw (the router's chart buckets, Grafana's $__timeGroup). For the
-- same reason it is a view on both paths: a continuous aggregate at this grain would materialise a copy of the
-- raw table. online_error_5m (V2) stays the 5-minute store the model-quality panels, the Grafana alert rules and
-- online_rmse read: on TimescaleDB it is a continuous aggregate whose materialised history (1095 days) outlives
-- the raw rows (400 days), so it is not recreated; on plain PostgreSQL it is a view, redefined below on top of
-- this one with the same columns and values.
--
-- Only predicted ratings count (a rating of a user never served has no prediction); experiment and arm are null
-- outside experiments, model_version is null never in practice (a prediction names its version).
CREATE VIEW online_error_moments AS
    SELECT time,
           model_version,
           experiment,
           arm,
           count(*)                     AS predictions,
           sum(error)                   AS sum_error,
           sum(abs(error))              AS sum_absolute_error,
           sum(error ^ 2)               AS sum_squared_error,
           sum((error ^ 2) * (error ^ 2)) AS sum_squared_error_squared
    FROM (SELECT time, model_version, experiment, arm, (predicted - rating)::double precision AS error
          FROM online_predictions
          WHERE predicted IS NOT NULL) AS errors
    GROUP BY time, model_version, experiment, arm;

DO $migration$
BEGIN
    IF (SELECT flavour FROM storage_flavour) = 'postgresql' THEN
        -- Same name, columns and types as V2's view (online_rmse depends on it), now summing the moments.
        CREATE OR REPLACE VIEW online_error_5m AS
            SELECT date_bin(INTERVAL '5 minutes', time, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS bucket,
                   model_version,
                   experiment,
                   arm,
                   sum(predictions)::bigint     AS predictions,
                   sum(sum_squared_error)       AS sum_squared_error,
                   sum(sum_absolute_error)      AS sum_absolute_error
            FROM online_error_moments
            GROUP BY 1, model_version, experiment, arm;
    END IF;
END
$migration$;
