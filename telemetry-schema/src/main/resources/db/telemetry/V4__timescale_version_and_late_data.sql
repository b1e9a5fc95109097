-- telemetry-collector, part 4: on the TimescaleDB path, the minimum extension version and a refresh window of
-- the continuous aggregate that covers late and old rows. Nothing changes on plain PostgreSQL (storage_flavour
-- says which path V2 took; no privilege beyond the application's own objects is needed).
--
-- Minimum TimescaleDB 2.11: late rows are written with INSERT ... ON CONFLICT DO NOTHING into chunks that the
-- compression policy has already compressed, which TimescaleDB supports from 2.11 on. An older extension is
-- refused with an error naming the version (update it with ALTER EXTENSION timescaledb UPDATE, as the DBA).
--
-- Refresh window: V2's policy refreshed only the last 7 days, so rows older than that when the policy first saw
-- them (a collector catching up after an outage, a replay, a backfill) and late rows into an already
-- materialised region older than 7 days were never materialised, and real-time aggregation (materialized_only
-- = false) adds raw rows only above the watermark: online_rmse differed from the plain view. The policy now
-- refreshes the last 399 days (every 5 minutes; only regions with new rows are recomputed), one day less than
-- the raw retention of online_predictions (400 days) so that a refresh never runs over dropped raw chunks
-- (which would empty the aggregate there). Late rows below the watermark count from the next refresh on (at
-- most 5 minutes later); rows above it count at once.
--
-- Retention on the TimescaleDB path: online_predictions, served_recommendations and recommendation_requests
-- 400 days, online_error_5m (hence online_rmse) 1095 days, rating_history kept; plain PostgreSQL keeps all.

-- Whether a TimescaleDB version (pg_extension.extversion, e.g. 2.23.0-dev) is 2.11 or later.
CREATE FUNCTION timescaledb_version_supported(version text) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT coalesce(string_to_array(substring(version FROM '^[0-9]+(?:\.[0-9]+)*'), '.')::int[] >= ARRAY[2, 11],
                          false) $$;

DO $migration$
DECLARE
    version text;
BEGIN
    IF (SELECT flavour FROM storage_flavour) = 'timescaledb' THEN
        SELECT extversion INTO version FROM pg_extension WHERE extname = 'timescaledb';
        IF NOT coalesce(timescaledb_version_supported(version), false) THEN
            RAISE EXCEPTION USING
                MESSAGE = format('TimescaleDB %s is too old for the telemetry schema: 2.11 or later is needed',
                                 coalesce(version, '(not created)')),
                HINT = 'Update the extension (ALTER EXTENSION timescaledb UPDATE, run by the DBA in a new session); '
                    || 'see telemetry-collector/README.md.';
        END IF;

        PERFORM remove_continuous_aggregate_policy('online_error_5m', if_exists => TRUE);
        PERFORM add_continuous_aggregate_policy('online_error_5m',
            start_offset => INTERVAL '399 days', end_offset => INTERVAL '5 minutes',
            schedule_interval => INTERVAL '5 minutes');
        EXECUTE 'ALTER MATERIALIZED VIEW online_error_5m SET (timescaledb.materialized_only = false)';
    END IF;
END
$migration$;
