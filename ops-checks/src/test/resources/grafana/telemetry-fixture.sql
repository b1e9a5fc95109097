-- Rows for the dashboards test (GrafanaSqlOnPostgresTest, GrafanaSqlOnTimescaleTest): a little of everything the
-- panels read, all within the last two days (relative to now()), so that every panel query returns rows. One
-- experiment 'exp-1' with arms control (version v1) and treatment (version v2); v2 is in production.

INSERT INTO rating_history (rated_at, user_id, movie_id, rating)
SELECT now() - g * INTERVAL '2 minutes', 1000 + g % 50, 'movie+' || (g % 40), 1 + g % 5
FROM generate_series(1, 600) AS g;

INSERT INTO online_predictions (time, user_id, movie_id, rating, predicted, model_version, experiment, arm)
SELECT now() - g * INTERVAL '2 minutes', 1000 + g % 50, 'movie+' || (g % 40), 1 + g % 5,
       (1 + g % 5) + ((g % 7) - 3) * CASE WHEN g % 2 = 0 THEN 0.25 ELSE 0.35 END,
       CASE WHEN g % 2 = 0 THEN 'v1' ELSE 'v2' END, 'exp-1', CASE WHEN g % 2 = 0 THEN 'control' ELSE 'treatment' END
FROM generate_series(1, 600) AS g;

INSERT INTO served_recommendations (served_at, request_id, user_id, experiment, arm, model_version, items, latency_ms,
                                    status, fallback, watched_at, watched_movie)
SELECT now() - g * INTERVAL '2 minutes', 'req-' || g, 1000 + g % 50, 'exp-1',
       CASE WHEN g % 2 = 0 THEN 'control' ELSE 'treatment' END, CASE WHEN g % 2 = 0 THEN 'v1' ELSE 'v2' END,
       ARRAY['movie+1', 'movie+2'], 5 + g % 7, CASE WHEN g % 50 = 0 THEN 503 ELSE 200 END, g % 20 = 0,
       CASE WHEN g % 3 = 0 THEN now() - g * INTERVAL '2 minutes' + INTERVAL '3 minutes' END,
       CASE WHEN g % 3 = 0 THEN 'movie+1' END
FROM generate_series(1, 600) AS g;

INSERT INTO dead_letter_counts (topic, reason, count, last_at) VALUES
    ('movielog', 'unparseable', 12, now() - INTERVAL '5 minutes'),
    ('movielog', 'rating_out_of_range', 3, now() - INTERVAL '1 hour');

INSERT INTO model_versions (version, created_at, run_id, parent_version, state, production, offline_k, offline_rmse,
                            offline_mae, offline_ndcg, offline_precision, offline_recall, data_rows, fairness_passed,
                            max_rmse_disparity, max_precision_disparity) VALUES
    ('v1', now() - INTERVAL '1 day', 'run-1', NULL, 'retired', false, 10, 0.91, 0.72, 0.31, 0.12, 0.10, 20000, true, 0.11, 0.05),
    ('v2', now() - INTERVAL '3 hours', 'run-2', 'v1', 'production', true, 10, 0.90, 0.71, 0.32, 0.13, 0.11, 20500, true, 0.12, 0.04);

INSERT INTO model_fairness (version, dimension, metric, best_group, best, worst_group, worst, disparity) VALUES
    ('v1', 'gender', 'rmse', 'F', 0.90, 'M', 0.95, 0.05),
    ('v1', 'gender', 'precision', 'M', 0.13, 'F', 0.11, 0.02),
    ('v2', 'gender', 'rmse', 'F', 0.89, 'M', 0.93, 0.04),
    ('v2', 'gender', 'precision', 'M', 0.14, 'F', 0.12, 0.02);

INSERT INTO retrain_runs (run_id, started_at, finished_at, status, stage, error, version, promotion_mode, experiment_id,
                          snapshot_cutoff, rows_read, rows_kept, rows_dropped) VALUES
    ('run-1', now() - INTERVAL '1 day', now() - INTERVAL '1 day' + INTERVAL '40 seconds', 'succeeded', 'promote', NULL,
     'v1', 'direct', NULL, now() - INTERVAL '1 day', 20003, 20000, 3),
    ('run-2', now() - INTERVAL '3 hours', now() - INTERVAL '3 hours' + INTERVAL '42 seconds', 'succeeded', 'promote', NULL,
     'v2', 'direct', NULL, now() - INTERVAL '3 hours', 20510, 20500, 10),
    ('run-3', now() - INTERVAL '1 hour', now() - INTERVAL '1 hour' + INTERVAL '2 seconds', 'failed', 'snapshot',
     'SQLException: connection refused', NULL, 'none', NULL, NULL, NULL, NULL, NULL);

INSERT INTO retrain_snapshot_drops (run_id, reason, count) VALUES
    ('run-1', 'unknown_user', 2), ('run-1', 'rating_out_of_range', 1),
    ('run-2', 'unknown_user', 7), ('run-2', 'duplicate', 3);

INSERT INTO retrain_stage_durations (run_id, stage, seconds) VALUES
    ('run-1', 'snapshot', 3.5), ('run-1', 'train', 30.1), ('run-1', 'evaluate', 4.2),
    ('run-2', 'snapshot', 3.9), ('run-2', 'train', 31.0), ('run-2', 'evaluate', 4.4);

-- The last hour, densely: enough predictions (>= 200 per version and per arm) for the Grafana alert rules' queries.
INSERT INTO online_predictions (time, user_id, movie_id, rating, predicted, model_version, experiment, arm)
SELECT now() - g * INTERVAL '6 seconds', 2000 + g % 80, 'movie+' || (g % 40), 1 + g % 5,
       (1 + g % 5) + ((g % 7) - 3) * 0.3,
       CASE WHEN g % 2 = 0 THEN 'v1' ELSE 'v2' END, 'exp-1', CASE WHEN g % 2 = 0 THEN 'control' ELSE 'treatment' END
FROM generate_series(1, 500) AS g;
