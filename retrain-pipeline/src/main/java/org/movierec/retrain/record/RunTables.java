package org.movierec.retrain.record;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.movierec.retrain.evaluate.ModelScores;
import org.movierec.retrain.run.RunOutcome;
import org.movierec.retrain.run.RunStatus;

/**
 * Writes a finished run into the telemetry database's dashboard tables (telemetry-schema {@code V3}):
 * {@code retrain_runs}, {@code retrain_snapshot_drops}, {@code retrain_stage_durations}, and for a run that
 * registered a version {@code model_versions} and {@code model_fairness}; then re-synchronises the production
 * flag of {@code model_versions} with the registry. One transaction: a dashboard never sees half a run.
 *
 * <p>Why a copy of the registry in PostgreSQL: Grafana reads PostgreSQL and Prometheus only, and the Grafana
 * alert rules compare a version's online RMSE (telemetry) with its offline RMSE in one SQL query. The registry in
 * MongoDB stays the source of truth; writing the same run again replaces its rows (idempotent).
 */
public final class RunTables {

    private static final String UPSERT_RUN = """
            INSERT INTO retrain_runs (run_id, started_at, finished_at, status, stage, error, version, promotion_mode,
                                      experiment_id, snapshot_cutoff, rows_read, rows_kept, rows_dropped)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (run_id) DO UPDATE SET
                started_at = EXCLUDED.started_at, finished_at = EXCLUDED.finished_at, status = EXCLUDED.status,
                stage = EXCLUDED.stage, error = EXCLUDED.error, version = EXCLUDED.version,
                promotion_mode = EXCLUDED.promotion_mode, experiment_id = EXCLUDED.experiment_id,
                snapshot_cutoff = EXCLUDED.snapshot_cutoff, rows_read = EXCLUDED.rows_read,
                rows_kept = EXCLUDED.rows_kept, rows_dropped = EXCLUDED.rows_dropped
            """;

    private static final String UPSERT_VERSION = """
            INSERT INTO model_versions (version, created_at, run_id, parent_version, state, offline_k, offline_rmse,
                                        offline_mae, offline_ndcg, offline_precision, offline_recall, data_rows,
                                        fairness_passed, max_rmse_disparity, max_precision_disparity, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())
            ON CONFLICT (version) DO UPDATE SET
                created_at = EXCLUDED.created_at, run_id = EXCLUDED.run_id, parent_version = EXCLUDED.parent_version,
                state = EXCLUDED.state, offline_k = EXCLUDED.offline_k, offline_rmse = EXCLUDED.offline_rmse,
                offline_mae = EXCLUDED.offline_mae, offline_ndcg = EXCLUDED.offline_ndcg,
                offline_precision = EXCLUDED.offline_precision, offline_recall = EXCLUDED.offline_recall,
                data_rows = EXCLUDED.data_rows, fairness_passed = EXCLUDED.fairness_passed,
                max_rmse_disparity = EXCLUDED.max_rmse_disparity,
                max_precision_disparity = EXCLUDED.max_precision_disparity, updated_at = now()
            """;

    private RunTables() {
    }

    /**
     * Writes {@code facts} in one transaction.
     *
     * @throws SQLException if the database cannot be written (nothing of the run is then written)
     */
    public static void write(String jdbcUrl, String user, String password, RunFacts facts) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password)) {
            c.setAutoCommit(false);
            try {
                write(c, facts);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static void write(Connection c, RunFacts facts) throws SQLException {
        RunOutcome o = facts.outcome();
        if (facts.registeredVersion()) {
            writeVersion(c, facts);
        }
        Map<String, Object> q = facts.quality();
        try (PreparedStatement st = c.prepareStatement(UPSERT_RUN)) {
            st.setString(1, o.runId());
            st.setTimestamp(2, Timestamp.from(o.startedAt()));
            st.setTimestamp(3, Timestamp.from(o.finishedAt()));
            st.setString(4, o.status().wireName());
            st.setString(5, o.stage() == null ? null : o.stage().wireName());
            st.setString(6, o.error());
            st.setString(7, facts.registeredVersion() ? o.version() : null);
            st.setString(8, o.promotionMode());
            st.setString(9, o.experimentId());
            Object cutoff = q == null ? null : q.get("cutoff");
            st.setTimestamp(10, cutoff == null ? null : Timestamp.from(Instant.parse(cutoff.toString())));
            setLong(st, 11, q == null ? null : q.get("rows_read"));
            setLong(st, 12, q == null ? null : q.get("rows_kept"));
            setLong(st, 13, q == null ? null : q.get("rows_dropped"));
            st.executeUpdate();
        }
        replaceChildren(c, "retrain_snapshot_drops", o.runId());
        if (q != null && q.get("dropped") instanceof Map<?, ?> dropped) {
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT INTO retrain_snapshot_drops (run_id, reason, count) VALUES (?, ?, ?)")) {
                for (Map.Entry<?, ?> e : dropped.entrySet()) {
                    Object count = e.getValue() instanceof Map<?, ?> m ? m.get("count") : e.getValue();
                    st.setString(1, o.runId());
                    st.setString(2, e.getKey().toString());
                    st.setLong(3, ((Number) count).longValue());
                    st.addBatch();
                }
                st.executeBatch();
            }
        }
        replaceChildren(c, "retrain_stage_durations", o.runId());
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO retrain_stage_durations (run_id, stage, seconds) VALUES (?, ?, ?)")) {
            for (Map.Entry<String, Double> e : o.stageSeconds().entrySet()) {
                st.setString(1, o.runId());
                st.setString(2, e.getKey());
                st.setDouble(3, e.getValue());
                st.addBatch();
            }
            st.executeBatch();
        }
        syncProduction(c, facts.productionVersion());
    }

    private static void writeVersion(Connection c, RunFacts facts) throws SQLException {
        RunOutcome o = facts.outcome();
        ModelScores s = facts.evaluation().candidate();
        List<Map<String, Object>> disparities = disparities(facts.fairness().report());
        try (PreparedStatement st = c.prepareStatement(UPSERT_VERSION)) {
            st.setString(1, o.version());
            st.setTimestamp(2, Timestamp.from(facts.versionCreatedAt()));
            st.setString(3, o.runId());
            st.setString(4, facts.evaluation().productionVersion());
            st.setString(5, stateOf(o));
            st.setInt(6, s.k());
            st.setDouble(7, s.rmse()); // NaN (nothing measured) is stored as NaN
            st.setDouble(8, s.mae()); // NaN (nothing measured) is stored as NaN
            st.setDouble(9, s.ndcg()); // NaN (nothing measured) is stored as NaN
            st.setDouble(10, s.precision()); // NaN (nothing measured) is stored as NaN
            st.setDouble(11, s.recall()); // NaN (nothing measured) is stored as NaN
            st.setLong(12, dataRows(facts));
            st.setBoolean(13, facts.fairness().passed());
            setNullableDouble(st, 14, maxDisparity(disparities, "rmse"));
            setNullableDouble(st, 15, maxDisparity(disparities, "precision"));
            st.executeUpdate();
        }
        replaceChildren(c, "model_fairness", "version", o.version());
        try (PreparedStatement st = c.prepareStatement("""
                INSERT INTO model_fairness (version, dimension, metric, best_group, best, worst_group, worst, disparity)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (Map<String, Object> d : disparities) {
                st.setString(1, o.version());
                st.setString(2, String.valueOf(d.get("dimension")));
                st.setString(3, String.valueOf(d.get("metric")));
                st.setString(4, d.get("best_group") == null ? null : d.get("best_group").toString());
                setNullableDouble(st, 5, number(d.get("best")));
                st.setString(6, d.get("worst_group") == null ? null : d.get("worst_group").toString());
                setNullableDouble(st, 7, number(d.get("worst")));
                setNullableDouble(st, 8, number(d.get("disparity")));
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    /** The version's state as this run left it; production is re-synchronised with the registry afterwards. */
    static String stateOf(RunOutcome o) {
        if (o.status() == RunStatus.SUCCEEDED) {
            return "canary".equals(o.promotionMode()) ? "canary" : "production";
        }
        return "rejected";
    }

    /**
     * Marks {@code productionVersion} (if it has a row) as production and the row that was production before as
     * retired. Two statements, in this order: the partial unique index allows one production row at any time.
     */
    private static void syncProduction(Connection c, String productionVersion) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("""
                UPDATE model_versions SET production = false, updated_at = now(),
                       state = CASE WHEN state = 'production' THEN 'retired' ELSE state END
                WHERE (production OR state = 'production') AND version IS DISTINCT FROM ?""")) {
            st.setString(1, productionVersion);
            st.executeUpdate();
        }
        if (productionVersion != null) {
            try (PreparedStatement st = c.prepareStatement("""
                    UPDATE model_versions SET production = true, state = 'production', updated_at = now()
                    WHERE version = ? AND NOT (production AND state = 'production')""")) {
                st.setString(1, productionVersion);
                st.executeUpdate();
            }
        }
    }

    private static long dataRows(RunFacts facts) {
        Object kept = facts.quality() == null ? null : facts.quality().get("rows_kept");
        return kept instanceof Number n ? n.longValue() : 0L;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> disparities(Map<String, Object> report) {
        Object d = report.get("disparities");
        return d instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }

    private static Double maxDisparity(List<Map<String, Object>> disparities, String metric) {
        Double max = null;
        for (Map<String, Object> d : disparities) {
            Double value = number(d.get("disparity"));
            if (metric.equals(d.get("metric")) && value != null && (max == null || value > max)) {
                max = value;
            }
        }
        return max;
    }

    /** A finite number, or {@code null} (the audit writes NaN where a group was too small to measure). */
    private static Double number(Object value) {
        return value instanceof Number n && Double.isFinite(n.doubleValue()) ? n.doubleValue() : null;
    }

    private static void replaceChildren(Connection c, String table, String runId) throws SQLException {
        replaceChildren(c, table, "run_id", runId);
    }

    private static void replaceChildren(Connection c, String table, String keyColumn, String key) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("DELETE FROM " + table + " WHERE " + keyColumn + " = ?")) {
            st.setString(1, key);
            st.executeUpdate();
        }
    }

    private static void setLong(PreparedStatement st, int index, Object value) throws SQLException {
        if (value instanceof Number n) {
            st.setLong(index, n.longValue());
        } else {
            st.setNull(index, Types.BIGINT);
        }
    }

    private static void setNullableDouble(PreparedStatement st, int index, Double value) throws SQLException {
        if (value == null) {
            st.setNull(index, Types.DOUBLE);
        } else {
            st.setDouble(index, value);
        }
    }
}
