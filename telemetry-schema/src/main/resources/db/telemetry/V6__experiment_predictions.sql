-- telemetry-schema, part 6: every experiment rating predicted by every arm's model version, for a paired comparison.
--
-- Writer: the telemetry collector (ExperimentPredictions and ExperimentPredictionWriter, in the same transaction
-- as online_predictions and the Kafka positions of the batch). For every rating whose serving row (the latest
-- list served to the user at or before the rating, as for online_predictions) belongs to an experiment, one row
-- per arm of that experiment, with what that arm's model version predicts for the rating (fold-in free). The arms
-- and their versions come from the experiment's MongoDB document; a rating of an experiment that is missing there
-- or malformed gets no rows (the collector counts it in telemetry_experiment_predictions_skipped_total{reason}).
-- predicted is null when the arm's version cannot be loaded.
--
-- Reader: the A/B router's report, the paired comparison. online_predictions scores each arm on the movies its own
-- users chose from its own lists, so arms are compared on different, self-selected ratings; here every rating of
-- the experiment is scored by both versions. Per user i (the unit of randomisation), with T and C the compared
-- arms and r the rating:
--   A_i = sum((predicted_T - r)^2),  B_i = sum((predicted_C - r)^2),  M_i = ratings predicted by both
-- user_arm (the arm of the serving row: the user's assigned arm; null if that row names none) allows an analysis
-- by assignment or within an arm.
--
-- Key: the rating's own fields (user, movie, time, rating) and the predicting arm, time included (TimescaleDB
-- requires it of a unique index on a hypertable): a replayed rating is stored once (ON CONFLICT DO NOTHING).
-- Storage as online_predictions (V2, V4): on TimescaleDB a hypertable (1-day chunks), compressed after 7 days
-- (the key's columns in compress_orderby), raw rows kept 400 days; on plain PostgreSQL a time index, kept.
CREATE TABLE experiment_predictions (
    time          timestamptz NOT NULL,
    user_id       bigint      NOT NULL,
    movie_id      text        NOT NULL,
    rating        real        NOT NULL,
    experiment    text        NOT NULL,
    user_arm      text,
    arm           text        NOT NULL,
    model_version text        NOT NULL,
    predicted     real,
    CONSTRAINT experiment_predictions_event UNIQUE (user_id, movie_id, time, rating, arm)
);

DO $migration$
BEGIN
    IF (SELECT flavour FROM storage_flavour) = 'timescaledb' THEN
        PERFORM create_hypertable('experiment_predictions', 'time', chunk_time_interval => INTERVAL '1 day',
                                  if_not_exists => TRUE);
        EXECUTE 'ALTER TABLE experiment_predictions SET (timescaledb.compress, '
             || 'timescaledb.compress_orderby = ''user_id, movie_id, time DESC, rating, arm'')';
        PERFORM add_compression_policy('experiment_predictions', INTERVAL '7 days');
        PERFORM add_retention_policy('experiment_predictions', INTERVAL '400 days');
    ELSE
        CREATE INDEX experiment_predictions_time ON experiment_predictions (time DESC);
    END IF;
END
$migration$;

-- The report reads one experiment since an instant: on both paths.
CREATE INDEX experiment_predictions_experiment ON experiment_predictions (experiment, time DESC);

-- The error of each prediction, one row per prediction, defined here once for every reader that needs more than
-- V5's per-instant moments: the A/B router's report sums errors per user (the user is the unit of its variances)
-- for both tables. online_error_moments (V5) is redefined on top of online_errors with the same columns and
-- values, so the formula of an error is written in one place: error = predicted - rating, predicted ratings only.
CREATE VIEW online_errors AS
    SELECT time, user_id, movie_id, model_version, experiment, arm,
           (predicted - rating)::double precision AS error
    FROM online_predictions
    WHERE predicted IS NOT NULL;

CREATE VIEW experiment_errors AS
    SELECT time, user_id, movie_id, rating, experiment, user_arm, arm, model_version,
           (predicted - rating)::double precision AS error
    FROM experiment_predictions
    WHERE predicted IS NOT NULL;

CREATE OR REPLACE VIEW online_error_moments AS
    SELECT time,
           model_version,
           experiment,
           arm,
           count(*)                       AS predictions,
           sum(error)                     AS sum_error,
           sum(abs(error))                AS sum_absolute_error,
           sum(error ^ 2)                 AS sum_squared_error,
           sum((error ^ 2) * (error ^ 2)) AS sum_squared_error_squared
    FROM online_errors
    GROUP BY time, model_version, experiment, arm;
