package org.movierec.ops.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.movierec.ops.grafana.GrafanaFiles.Query;

/**
 * What the SQL checks of both storage paths share: the queries (every SQL panel target, SQL variable and Grafana
 * alert rule query), the values they are expanded with, the fixture rows, and what a panel needs of its result.
 */
final class PanelSql {

    /** The dashboard variables' values in the test (the fixture has experiment exp-1 with arms control and treatment). */
    static final Map<String, String> VARIABLES = Map.of(
            "experiment", "exp-1",
            "control", "control",
            "tau_mse", "0.05",
            "weights", "control=0.5,treatment=0.5");

    /** A range covering the fixture (rows of the last two days), and the interval Grafana would pick for a wide panel. */
    static final Duration RANGE = Duration.ofDays(7);
    static final Duration INTERVAL = Duration.ofMinutes(5);

    /** What a query returned: its columns, its number of rows, the values of its first column (as text). */
    record Result(List<String> columns, int rows, List<String> firstColumn, String error) {
        static Result failed(String error) {
            return new Result(List.of(), 0, List.of(), error);
        }
    }

    private PanelSql() {
    }

    static List<Query> queries() {
        GrafanaFiles files = GrafanaFiles.inRepository();
        List<Query> out = new ArrayList<>(files.dashboardQueries().stream().filter(Query::isSql).toList());
        out.addAll(files.alertQueries());
        return out;
    }

    static GrafanaSqlExpander expander(Instant now, boolean timescaledb) {
        return new GrafanaSqlExpander(now.minus(RANGE), now.plus(Duration.ofMinutes(1)), INTERVAL, VARIABLES, timescaledb);
    }

    static String fixture() {
        try (var in = PanelSql.class.getResourceAsStream("/grafana/telemetry-fixture.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Checks that {@code query} ran and gave its panel what the panel reads: rows; for a time series a
     * {@code time} column (and {@code value} beside a {@code metric}); every column a field override names; for an
     * alert rule the value column.
     */
    static void assertUsable(Query query, Result result) {
        assertThat(result.error()).as("%s failed:\n%s", query.where(), query.sql()).isNull();
        assertThat(result.rows()).as("%s returned no rows on the fixture", query.where()).isPositive();
        List<String> columns = result.columns();
        if ("time_series".equals(query.format())) {
            assertThat(columns).as("%s: a time series needs a time column", query.where()).contains("time");
            assertThat(columns.size()).as("%s: a time series needs a value column", query.where()).isGreaterThan(1);
            if (columns.contains("metric")) {
                assertThat(columns).as(query.where()).contains("value");
            }
        }
        for (String name : namedByOverrides(query)) {
            assertThat(columns).as("%s: a field override names column %s", query.where(), name).contains(name);
        }
        if (query.where().startsWith("alert ProductionRmseAboveOffline")) {
            assertThat(columns).as(query.where()).containsExactly("version", "online_to_offline");
            assertThat(result.firstColumn()).as("%s: one series, the production version", query.where())
                    .containsExactly("v2");
        }
        if (query.where().startsWith("alert ArmRmseAboveOffline")) {
            assertThat(columns).as(query.where()).containsExactly("experiment", "arm", "version", "online_to_offline");
            assertThat(result.firstColumn()).as("%s: one series per arm", query.where()).containsExactly("exp-1", "exp-1");
        }
    }

    /** Columns the panel's field overrides name ({@code byName} matchers). */
    private static List<String> namedByOverrides(Query query) {
        JsonNode panel = query.panel();
        List<String> out = new ArrayList<>();
        for (JsonNode o : panel.path("fieldConfig").path("overrides")) {
            if ("byName".equals(o.path("matcher").path("id").asText())) {
                out.add(o.path("matcher").path("options").asText());
            }
        }
        return out;
    }
}
