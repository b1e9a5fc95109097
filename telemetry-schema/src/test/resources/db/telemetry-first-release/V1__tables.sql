-- telemetry-collector, part 1: the tables, identical on TimescaleDB and plain PostgreSQL.
-- V2 decides at start-up whether the timescaledb extension is there and adds hypertables, the continuous
-- aggregate and policies (TimescaleDB) or time indexes and views of the same names and columns (plain).
--
-- Every event table has a unique key made of the event's own fields, so that the same event written twice
-- (a duplicated line, a replay) is stored once; the key of a time-series table includes its time column
-- (TimescaleDB requires it of unique indexes on hypertables).

-- Kafka positions of the collector, written in the same transaction as the rows they produced: the consumer
-- seeks to them on start and on every partition assignment (exactly-once into PostgreSQL).
CREATE TABLE consumer_offsets (
    consumer_group text        NOT NULL,
    topic          text        NOT NULL,
    partition      integer     NOT NULL,
    next_offset    bigint      NOT NULL,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer_group, topic, partition)
);

-- Microseconds since the epoch (what the collector sends) to a timestamp; exact integer arithmetic.
CREATE FUNCTION epoch_micros_to_timestamptz(bigint) RETURNS timestamptz
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT TIMESTAMPTZ 'epoch' + $1 * INTERVAL '1 microsecond' $$;

-- Every rating as it was given (time-series; a hypertable on TimescaleDB).
CREATE TABLE rating_history (
    rated_at timestamptz NOT NULL,
    user_id  bigint      NOT NULL,
    movie_id text        NOT NULL,
    rating   smallint    NOT NULL,
    CONSTRAINT rating_history_event UNIQUE (user_id, movie_id, rated_at, rating)
);

-- The latest rating per user and movie (by rating time; a later line with an older time does not replace it).
CREATE TABLE ratings (
    user_id  bigint      NOT NULL,
    movie_id text        NOT NULL,
    rating   smallint    NOT NULL,
    rated_at timestamptz NOT NULL,
    PRIMARY KEY (user_id, movie_id)
);

-- One row per user and movie, not per minute: the minutes seen are a multirange, so repeated or replayed
-- minutes are merged (idempotent) and minutes_watched counts distinct minutes.
CREATE FUNCTION multirange_length(int4multirange) RETURNS integer
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT coalesce(sum(upper(r) - lower(r)), 0)::integer FROM unnest($1) AS r $$;

CREATE TABLE watch_sessions (
    user_id         bigint         NOT NULL,
    movie_id        text           NOT NULL,
    first_at        timestamptz    NOT NULL,
    last_at         timestamptz    NOT NULL,
    minutes         int4multirange NOT NULL,
    minutes_watched integer        NOT NULL,
    max_minute      integer        NOT NULL,
    PRIMARY KEY (user_id, movie_id)
) WITH (fillfactor = 80); -- updated in place (HOT): only the key is indexed, and pages keep room for new versions

-- What the platform served (recsys.served), with the experiment and arm, and whether the user then watched one
-- of the movies within the watch-through window (watched_at, watched_movie; null until then).
CREATE TABLE served_recommendations (
    served_at     timestamptz      NOT NULL,
    request_id    text             NOT NULL,
    user_id       bigint           NOT NULL,
    experiment    text,
    arm           text,
    model_version text,
    items         text[]           NOT NULL,
    latency_ms    double precision NOT NULL,
    status        integer          NOT NULL,
    fallback      boolean          NOT NULL,
    watched_at    timestamptz,
    watched_movie text,
    CONSTRAINT served_recommendations_event UNIQUE (request_id, served_at)
);
CREATE INDEX served_recommendations_user ON served_recommendations (user_id, served_at DESC);

-- The streaming service's own log of its calls to the recommender (movielog "recommendation request" lines).
-- line_hash is a 64-bit hash of the canonical line: the same call logged twice is stored once.
CREATE TABLE recommendation_requests (
    requested_at timestamptz NOT NULL,
    user_id      bigint      NOT NULL,
    server       text        NOT NULL,
    status       integer     NOT NULL,
    results      text[]      NOT NULL,
    latency_ms   integer     NOT NULL,
    error        text,
    line_hash    bigint      NOT NULL,
    CONSTRAINT recommendation_requests_event UNIQUE (user_id, requested_at, line_hash)
);

-- Accounts created (newer streams), the earliest creation time per user.
CREATE TABLE accounts (
    user_id    bigint      PRIMARY KEY,
    created_at timestamptz NOT NULL
);

-- For every rating, what the model version that last served the user before the rating would have predicted
-- (fold-in free). A rating of a user never served has no version and no prediction.
CREATE TABLE online_predictions (
    time          timestamptz NOT NULL,
    user_id       bigint      NOT NULL,
    movie_id      text        NOT NULL,
    rating        real        NOT NULL,
    predicted     real,
    model_version text,
    experiment    text,
    arm           text,
    CONSTRAINT online_predictions_event UNIQUE (user_id, movie_id, time, rating)
);

-- Rejected records by source topic and reason, counted exactly once (same transaction as the offsets).
CREATE TABLE dead_letter_counts (
    topic   text        NOT NULL,
    reason  text        NOT NULL,
    count   bigint      NOT NULL,
    last_at timestamptz NOT NULL,
    PRIMARY KEY (topic, reason)
);

-- Which storage path V2 took: 'timescaledb' or 'postgresql' (one row).
CREATE TABLE storage_flavour (
    flavour    text        NOT NULL CHECK (flavour IN ('timescaledb', 'postgresql')),
    chosen_at  timestamptz NOT NULL DEFAULT now(),
    only_row   boolean     PRIMARY KEY DEFAULT true CHECK (only_row)
);
