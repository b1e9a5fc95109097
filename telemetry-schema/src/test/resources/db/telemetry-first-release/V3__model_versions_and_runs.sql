-- retrain-service, part 3: what Grafana needs beside the telemetry and cannot read from MongoDB (the model
-- registry): each model version's offline quality and fairness, and each retrain run's data quality and stage
-- durations. Written by the retrain pipeline at the end of every run (org.movierec.retrain.record.RunRecords),
-- in one transaction; the registry stays the source of truth, these rows are its copy for dashboards and the
-- Grafana alert rules (online RMSE against offline RMSE). Plain tables: identical on TimescaleDB and plain
-- PostgreSQL (a few rows a day, nothing to partition).

-- One row per registered version. state: candidate (registered, not promoted), canary (a canary experiment was
-- started with it), production (the registry's production pointer names it at the end of the last run),
-- rejected (gates failed or its run failed), retired (was production, replaced). production is true on at most
-- one row, re-synchronised with the registry at the end of every run (a rollback or a canary promoted by the
-- router shows up there at the next run).
CREATE TABLE model_versions (
    version                 text             PRIMARY KEY,
    created_at              timestamptz      NOT NULL,
    run_id                  text             NOT NULL,
    parent_version          text,
    state                   text             NOT NULL
        CHECK (state IN ('candidate', 'canary', 'production', 'rejected', 'retired')),
    production              boolean          NOT NULL DEFAULT false,
    offline_k               integer          NOT NULL,
    offline_rmse            double precision NOT NULL,
    offline_mae             double precision NOT NULL,
    offline_ndcg            double precision NOT NULL,  -- NDCG@offline_k
    offline_precision       double precision NOT NULL,  -- precision@offline_k
    offline_recall          double precision NOT NULL,  -- recall@offline_k
    data_rows               bigint           NOT NULL,  -- training snapshot rows kept
    fairness_passed         boolean          NOT NULL,
    max_rmse_disparity      double precision,           -- largest over the demographic dimensions; null: not audited
    max_precision_disparity double precision,
    updated_at              timestamptz      NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX model_versions_one_production ON model_versions (production) WHERE production;

-- The fairness audit's disparities per version: per demographic dimension and metric, the best and worst group.
CREATE TABLE model_fairness (
    version     text             NOT NULL REFERENCES model_versions (version) ON DELETE CASCADE,
    dimension   text             NOT NULL,
    metric      text             NOT NULL,
    best_group  text,
    best        double precision,
    worst_group text,
    worst       double precision,
    disparity   double precision,
    PRIMARY KEY (version, dimension, metric)
);

-- One row per retrain run (failed runs too), with its snapshot's data-quality counts (null when the run failed
-- before the snapshot was taken).
CREATE TABLE retrain_runs (
    run_id         text             PRIMARY KEY,
    started_at     timestamptz      NOT NULL,
    finished_at    timestamptz      NOT NULL,
    status         text             NOT NULL CHECK (status IN ('succeeded', 'rejected', 'failed')),
    stage          text,            -- the last stage reached (the failing one when failed)
    error          text,
    version        text,
    promotion_mode text             NOT NULL,  -- direct, canary or none
    experiment_id  text,
    snapshot_cutoff timestamptz,
    rows_read      bigint,
    rows_kept      bigint,
    rows_dropped   bigint
);
CREATE INDEX retrain_runs_started_at ON retrain_runs (started_at DESC);

-- Rows the snapshot dropped, per run and reason (unknown_user, unknown_movie, rating_out_of_range, ...).
CREATE TABLE retrain_snapshot_drops (
    run_id text   NOT NULL REFERENCES retrain_runs (run_id) ON DELETE CASCADE,
    reason text   NOT NULL,
    count  bigint NOT NULL,
    PRIMARY KEY (run_id, reason)
);

-- Seconds per completed stage of each run.
CREATE TABLE retrain_stage_durations (
    run_id  text             NOT NULL REFERENCES retrain_runs (run_id) ON DELETE CASCADE,
    stage   text             NOT NULL,
    seconds double precision NOT NULL,
    PRIMARY KEY (run_id, stage)
);
