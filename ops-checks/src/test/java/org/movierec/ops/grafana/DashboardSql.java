package org.movierec.ops.grafana;

import java.time.Instant;
import java.util.List;

/**
 * Every SQL query of the dashboards and Grafana alert rules ({@link PanelSql#queries()}), expanded for a time
 * range ending at {@code now}, for checks outside this package: ops-checks' {@code TimescalePathTest} runs them on
 * both storage paths and compares the values.
 */
public final class DashboardSql {

    /** A query: where it is (dashboard, panel, target) and its SQL with Grafana's macros and variables expanded. */
    public record Expanded(String where, String sql) {
    }

    private DashboardSql() {
    }

    /**
     * The queries expanded without TimescaleDB macros ({@code $__timeGroup} as epoch arithmetic, not
     * {@code time_bucket}), the one expansion that runs on both paths, so that any difference in the results comes
     * from the storage path, not from the macro.
     */
    public static List<Expanded> portable(Instant now) {
        GrafanaSqlExpander expander = PanelSql.expander(now, false);
        return PanelSql.queries().stream().map(q -> new Expanded(q.where(), expander.expand(q.sql()))).toList();
    }
}
