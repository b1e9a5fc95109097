package org.movierec.ops.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.movierec.ops.grafana.GrafanaFiles.Query;
import org.movierec.telemetry.schema.TelemetrySchema;
import org.movierec.testkit.PgliteRunner;

/**
 * Every SQL query of the dashboards and Grafana alert rules, expanded as Grafana expands it for the provisioned
 * datasource ({@code timescaledb: true}: {@code $__timeGroup} becomes {@code time_bucket}), runs on PGlite with
 * TimescaleDB after the telemetry schema's migrations on their TimescaleDB path (hypertables, the continuous
 * aggregate {@code online_error_5m}) and the fixture rows, and returns what its panel reads.
 *
 * <p>The migrations run with {@code timescale=on}: PGlite preloads no library, so {@code auto} would take the
 * plain path there (for a role that may read {@code shared_preload_libraries}, the schema's {@code auto} requires it
 * to name timescaledb). {@code org.movierec.ops.timescale.TimescalePathTest} compares the values of both paths.
 */
class GrafanaSqlOnTimescaleTest {

    private static List<Query> queries;
    private static List<String> expanded;
    private static PgliteRunner.Run run;

    @BeforeAll
    static void runOnPglite() throws Exception {
        PgliteRunner pglite = PgliteRunner.locate();
        List<PgliteRunner.Migration> migrations = new ArrayList<>(PgliteRunner.classpathMigrations(
                TelemetrySchema.class.getClassLoader(), TelemetrySchema.LOCATION,
                Map.of(TelemetrySchema.TIMESCALE_PLACEHOLDER, "on")));
        migrations.add(new PgliteRunner.Migration("telemetry-fixture.sql", PanelSql.fixture()));
        queries = PanelSql.queries();
        GrafanaSqlExpander expander = PanelSql.expander(Instant.now(), true);
        expanded = queries.stream().map(q -> expander.expand(q.sql())).toList();
        List<String> statements = new ArrayList<>();
        statements.add("SELECT flavour FROM storage_flavour");
        statements.addAll(expanded);
        run = pglite.run(migrations, statements);
        assertThat(run.migrations()).as("migrations and fixture").allSatisfy(m ->
                assertThat(m.ok()).as("%s: %s", m.name(), m.error()).isTrue());
        assertThat(run.migrated(migrations.size())).isTrue();
        assertThat(run.results().get(0).rows()).as("the TimescaleDB path").containsExactly(List.of("timescaledb"));
    }

    @TestFactory
    Stream<DynamicTest> everySqlQueryRunsAndGivesItsPanelWhatItReads() {
        assertThat(queries).hasSizeGreaterThan(10);
        return IntStream.range(0, queries.size()).mapToObj(i -> DynamicTest.dynamicTest(queries.get(i).where(), () -> {
            PgliteRunner.StatementResult r = run.results().get(i + 1);
            PanelSql.assertUsable(queries.get(i), r.ok()
                    ? new PanelSql.Result(r.columns(), r.rows().size(),
                            r.rows().stream().map(row -> String.valueOf(row.get(0))).toList(), null)
                    : PanelSql.Result.failed(r.error() + "\n" + expanded.get(i)));
        }));
    }
}
