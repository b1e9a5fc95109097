package org.movierec.ops.grafana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The expansions against what Grafana's PostgreSQL datasource writes for the same macros
 * ({@code pkg/tsdb/grafana-postgresql-datasource/macros.go}, Grafana 11: {@code "%s BETWEEN '%s' AND '%s'"} with
 * RFC 3339 times, {@code "time_bucket('%.3fs',%s)"} with TimescaleDB, {@code "floor(extract(epoch from %s)/%v)*%v"}
 * without, {@code AS "time"} appended by the alias form).
 */
class GrafanaSqlExpanderTest {

    private static final Instant FROM = Instant.parse("2026-11-30T10:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-30T16:00:00Z");

    private static GrafanaSqlExpander expander(boolean timescaledb) {
        return new GrafanaSqlExpander(FROM, TO, Duration.ofMinutes(5), Map.of("experiment", "exp-1", "exp", "x"),
                timescaledb);
    }

    @Test
    void timeFilterAndBounds() {
        assertThat(expander(false).expand("WHERE $__timeFilter(e.bucket) AND t <= $__timeTo() AND t >= $__timeFrom()"))
                .isEqualTo("WHERE e.bucket BETWEEN '2026-11-30T10:00:00Z' AND '2026-11-30T16:00:00Z'"
                        + " AND t <= '2026-11-30T16:00:00Z' AND t >= '2026-11-30T10:00:00Z'");
    }

    @Test
    void timeGroupDependsOnTheTimescaleFlag() {
        assertThat(expander(false).expand("SELECT $__timeGroupAlias(bucket, $__interval)"))
                .isEqualTo("SELECT floor(extract(epoch from bucket)/300)*300 AS \"time\"");
        assertThat(expander(true).expand("SELECT $__timeGroupAlias(bucket, $__interval)"))
                .isEqualTo("SELECT time_bucket('300.000s',bucket) AS \"time\"");
        assertThat(expander(true).expand("$__timeGroup(t, '1h')")).isEqualTo("time_bucket('3600.000s',t)");
    }

    @Test
    void variablesAreReplacedAsTheyAreLongestNameFirst() {
        assertThat(expander(false).expand("'$experiment' '${exp}' '$exp' $__interval_ms"))
                .isEqualTo("'exp-1' 'x' 'x' 300000");
    }

    @Test
    void anythingLeftOverOrUnknownFails() {
        assertThatThrownBy(() -> expander(false).expand("WHERE arm = '$arm'")).hasMessageContaining("$arm");
        assertThatThrownBy(() -> expander(false).expand("$__unixEpochFilter(t)")).hasMessageContaining("unixEpochFilter");
        assertThatThrownBy(() -> expander(false).expand("$__timeGroup(t, 5m, 0)")).hasMessageContaining("argument");
    }

    @Test
    void intervalsAreWrittenAsGrafanaWritesThem() {
        assertThat(GrafanaSqlExpander.grafanaInterval(Duration.ofSeconds(30))).isEqualTo("30s");
        assertThat(GrafanaSqlExpander.grafanaInterval(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(GrafanaSqlExpander.grafanaInterval(Duration.ofHours(2))).isEqualTo("2h");
        assertThat(GrafanaSqlExpander.parseInterval("5m")).isEqualTo(Duration.ofMinutes(5));
    }
}
