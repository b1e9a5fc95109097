-- telemetry-schema, part 7: epoch_micros_to_timestamptz (V1) gives the same instants, with a body PostgreSQL inlines.
--
-- V1's body, TIMESTAMPTZ 'epoch' + $1 * INTERVAL '1 microsecond', adds an interval to a timestamptz, an operator
-- PostgreSQL marks STABLE (with days or months it depends on the session's time zone). An IMMUTABLE SQL function
-- whose body is not immutable is never inlined, so each call went through the SQL-function executor: about 1 µs a
-- call against 0.15 µs inlined on PostgreSQL 17, and the collector calls it once or more for every event it
-- stores (docs/BENCHMARKS.md, "Issue 16, ingest ≥ 200,000 records/s"). Adding the interval to a
-- timestamp without time zone is immutable, and so is reading that timestamp AT TIME ZONE 'UTC': the same
-- microsecond instant, in any session time zone (EpochMicrosTest).
CREATE OR REPLACE FUNCTION epoch_micros_to_timestamptz(bigint) RETURNS timestamptz
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT (TIMESTAMP 'epoch' + $1 * INTERVAL '1 microsecond') AT TIME ZONE 'UTC' $$;
