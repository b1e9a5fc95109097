-- telemetry-collector, part 2: the time-series layer, chosen when the migration runs (at start-up).
--
-- Placeholder ${timescale} (quarkus.flyway.placeholders.timescale, env TELEMETRY_TIMESCALE):
--   auto (default): TimescaleDB when the extension is already created in this database (pg_extension: a DBA
--                   ran CREATE EXTENSION timescaledb, as managed services require), or when it is installed on the
--                   server (pg_available_extensions) and this user can create it; plain PostgreSQL otherwise;
--   on:  TimescaleDB, fail if it cannot be used;   off: plain PostgreSQL even where TimescaleDB exists.
-- The detection needs no privilege: shared_preload_libraries is read only by roles allowed to read it
-- (superusers, pg_read_all_settings); for any other role, creating the extension is tried in a subtransaction
-- and its failure (permission denied, not preloaded) means plain PostgreSQL.
-- The minimum TimescaleDB version (2.11) is checked by V4, which also sets the continuous aggregate's refresh
-- window. This file was changed after release (detection only, same objects created): TelemetrySchema's
-- V2DetectionChange callback moves the checksum recorded by databases that ran the first version.
--
-- Both paths give the same relations with the same columns: online_error_5m is a continuous aggregate on
-- TimescaleDB and a view on plain PostgreSQL (date_bin with the origin time_bucket uses for minute buckets).
-- Timescale-only statements are run only on that path, from PL/pgSQL, so plain PostgreSQL never parses them.
DO $migration$
DECLARE
    wanted text := lower('${timescale}');
    created boolean := EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb');
    available boolean := EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb');
    worth_trying boolean := true;
    use_timescale boolean := false;
BEGIN
    IF wanted NOT IN ('auto', 'on', 'off') THEN
        RAISE EXCEPTION 'timescale placeholder must be auto, on or off, got %', wanted;
    END IF;

    IF wanted = 'on' THEN
        IF NOT created THEN
            BEGIN
                CREATE EXTENSION timescaledb;
            EXCEPTION WHEN OTHERS THEN
                RAISE EXCEPTION USING
                    MESSAGE = format('timescale=on, but the timescaledb extension cannot be created by %s: %s',
                                     current_user, SQLERRM),
                    HINT = 'A superuser (the DBA) runs CREATE EXTENSION timescaledb in this database, with '
                        || 'timescaledb in shared_preload_libraries; see telemetry-collector/README.md.';
            END;
        END IF;
        use_timescale := true;
    ELSIF wanted = 'auto' THEN
        IF created THEN
            use_timescale := true;
        ELSIF available THEN
            -- Only a role that may read the setting looks at it (no short-circuit in SQL expressions: nested IF).
            IF pg_has_role(current_user, 'pg_read_all_settings', 'USAGE') THEN
                worth_trying := coalesce(current_setting('shared_preload_libraries', true), '') LIKE '%timescaledb%';
            END IF;
            IF worth_trying THEN
                BEGIN
                    CREATE EXTENSION timescaledb;
                    use_timescale := true;
                EXCEPTION WHEN OTHERS THEN
                    RAISE NOTICE 'timescale=auto: plain PostgreSQL, the timescaledb extension cannot be created by %: %',
                        current_user, SQLERRM;
                END;
            END IF;
        END IF;
    END IF;

    IF use_timescale THEN
        -- Hypertables on the time columns (1-day chunks), each with its default time index.
        PERFORM create_hypertable('rating_history', 'rated_at', chunk_time_interval => INTERVAL '1 day', if_not_exists => TRUE);
        PERFORM create_hypertable('online_predictions', 'time', chunk_time_interval => INTERVAL '1 day', if_not_exists => TRUE);
        PERFORM create_hypertable('served_recommendations', 'served_at', chunk_time_interval => INTERVAL '1 day', if_not_exists => TRUE);
        PERFORM create_hypertable('recommendation_requests', 'requested_at', chunk_time_interval => INTERVAL '1 day', if_not_exists => TRUE);

        -- Online error per 5 minutes by model version, experiment and arm; real-time (recent raw rows included).
        -- WITH NO DATA: allowed inside a transaction (Flyway's) and a DO block; the policy fills it.
        EXECUTE $cagg$
            CREATE MATERIALIZED VIEW online_error_5m
            WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
            SELECT time_bucket(INTERVAL '5 minutes', time)                      AS bucket,
                   model_version,
                   experiment,
                   arm,
                   count(*)                                                     AS predictions,
                   sum(((predicted - rating)::double precision) ^ 2)            AS sum_squared_error,
                   sum(abs((predicted - rating)::double precision))             AS sum_absolute_error
            FROM online_predictions
            WHERE predicted IS NOT NULL
            GROUP BY time_bucket(INTERVAL '5 minutes', time), model_version, experiment, arm
            WITH NO DATA
        $cagg$;
        PERFORM add_continuous_aggregate_policy('online_error_5m',
            start_offset => INTERVAL '7 days', end_offset => INTERVAL '5 minutes',
            schedule_interval => INTERVAL '5 minutes');

        -- Compression of chunks older than 7 days (beyond the watch-through window and late ratings). The columns
        -- of each table's unique key are in compress_orderby, as TimescaleDB requires of compressed tables.
        EXECUTE 'ALTER TABLE rating_history SET (timescaledb.compress, '
             || 'timescaledb.compress_orderby = ''user_id, movie_id, rated_at DESC, rating'')';
        EXECUTE 'ALTER TABLE online_predictions SET (timescaledb.compress, '
             || 'timescaledb.compress_orderby = ''user_id, movie_id, time DESC, rating'')';
        EXECUTE 'ALTER TABLE served_recommendations SET (timescaledb.compress, '
             || 'timescaledb.compress_orderby = ''request_id, served_at DESC'')';
        EXECUTE 'ALTER TABLE recommendation_requests SET (timescaledb.compress, '
             || 'timescaledb.compress_orderby = ''user_id, requested_at DESC, line_hash'')';
        PERFORM add_compression_policy('rating_history', INTERVAL '7 days');
        PERFORM add_compression_policy('online_predictions', INTERVAL '7 days');
        PERFORM add_compression_policy('served_recommendations', INTERVAL '7 days');
        PERFORM add_compression_policy('recommendation_requests', INTERVAL '7 days');

        -- Retention: raw serving logs and predictions for 400 days, the 5-minute aggregate for 3 years.
        -- rating_history is kept: it is the training data of retraining.
        PERFORM add_retention_policy('online_predictions', INTERVAL '400 days');
        PERFORM add_retention_policy('served_recommendations', INTERVAL '400 days');
        PERFORM add_retention_policy('recommendation_requests', INTERVAL '400 days');
        PERFORM add_retention_policy('online_error_5m', INTERVAL '1095 days');

        INSERT INTO storage_flavour (flavour) VALUES ('timescaledb');
    ELSE
        -- Plain PostgreSQL: time indexes where TimescaleDB would have its hypertable indexes, and a view with
        -- the continuous aggregate's name and columns.
        CREATE INDEX rating_history_rated_at ON rating_history (rated_at DESC);
        CREATE INDEX online_predictions_time ON online_predictions (time DESC);
        CREATE INDEX served_recommendations_served_at ON served_recommendations (served_at DESC);
        CREATE INDEX recommendation_requests_requested_at ON recommendation_requests (requested_at DESC);

        CREATE VIEW online_error_5m AS
            SELECT date_bin(INTERVAL '5 minutes', time, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS bucket,
                   model_version,
                   experiment,
                   arm,
                   count(*)                                                     AS predictions,
                   sum(((predicted - rating)::double precision) ^ 2)            AS sum_squared_error,
                   sum(abs((predicted - rating)::double precision))             AS sum_absolute_error
            FROM online_predictions
            WHERE predicted IS NOT NULL
            GROUP BY 1, model_version, experiment, arm;

        INSERT INTO storage_flavour (flavour) VALUES ('postgresql');
    END IF;
END
$migration$;

-- Views on top, the same on both paths.

-- Online RMSE and MAE per model version, experiment and arm, over the retained history (all of it on plain
-- PostgreSQL; on TimescaleDB the aggregate's 1095 days, late rows included once refreshed: see V4).
CREATE VIEW online_rmse AS
    SELECT model_version,
           experiment,
           arm,
           sum(predictions)::bigint                              AS predictions,
           sqrt(sum(sum_squared_error) / sum(predictions))       AS rmse,
           sum(sum_absolute_error) / sum(predictions)            AS mae,
           min(bucket)                                           AS first_bucket,
           max(bucket)                                           AS last_bucket
    FROM online_error_5m
    GROUP BY model_version, experiment, arm;

-- Watch-through per experiment, arm and model version: served lists followed by a watch of one of their
-- movies within the window (the A/B report's numerator and denominator).
CREATE VIEW watch_through AS
    SELECT experiment,
           arm,
           model_version,
           count(*)                                AS served,
           count(watched_at)                       AS watched,
           count(watched_at)::double precision / count(*) AS rate
    FROM served_recommendations
    GROUP BY experiment, arm, model_version;
