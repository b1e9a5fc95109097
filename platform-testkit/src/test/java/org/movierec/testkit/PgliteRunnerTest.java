package org.movierec.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PgliteRunnerTest {

    @Test
    void runsMigrationsInOrderThenStatementsWithTimescaleDb() throws Exception {
        PgliteRunner.Run run = PgliteRunner.locate().run(List.of(
                new PgliteRunner.Migration("V1__extension.sql", "CREATE EXTENSION timescaledb;"),
                new PgliteRunner.Migration("V2__table.sql", """
                        CREATE TABLE m (t timestamptz NOT NULL, v double precision, label text);
                        SELECT create_hypertable('m', 't');
                        INSERT INTO m VALUES ('2026-01-01T00:01:00Z', 1.5, 'a'), ('2026-01-01T00:07:00Z', 2.5, NULL);""")),
                List.of("SELECT time_bucket('5 minutes', t) AS bucket, sum(v) AS total, count(label) AS n"
                                + " FROM m GROUP BY 1 ORDER BY 1",
                        "SELECT no_such_column FROM m",
                        "SELECT count(*)::int AS chunks FROM timescaledb_information.chunks WHERE hypertable_name = 'm'"));

        assertThat(run.migrated(2)).isTrue();
        assertThat(run.settings()).containsEntry("server_version", "17.5");
        PgliteRunner.StatementResult buckets = run.results().get(0);
        assertThat(buckets.ok()).isTrue();
        assertThat(buckets.columns()).containsExactly("bucket", "total", "n");
        assertThat(buckets.rows()).containsExactly(
                List.of("2026-01-01T00:00:00.000Z", 1.5, 1),
                List.of("2026-01-01T00:05:00.000Z", 2.5, 0));
        assertThat(run.results().get(1).ok()).isFalse();
        assertThat(run.results().get(1).error()).contains("no_such_column");
        assertThat(run.results().get(2).rows()).containsExactly(List.of(1));
    }

    @Test
    void aFailingMigrationStopsTheMigrationsButNotTheStatements() throws Exception {
        PgliteRunner.Run run = PgliteRunner.locate().run(List.of(
                new PgliteRunner.Migration("V1__bad.sql", "CREATE TABLE broken ("),
                new PgliteRunner.Migration("V2__never.sql", "CREATE TABLE never (x int);")),
                List.of("SELECT 1 AS one"));

        assertThat(run.migrated(2)).isFalse();
        assertThat(run.migrations()).hasSize(1);
        assertThat(run.migrations().get(0).ok()).isFalse();
        assertThat(run.migrations().get(0).error()).isNotBlank();
        assertThat(run.results().get(0).rows()).containsExactly(List.of(1));
    }

    @Test
    void placeholdersAreReplacedAndAnUnknownOneFails() {
        assertThat(PgliteRunner.replacePlaceholders("x = '${timescale}' AND $$ $body$ $$", Map.of("timescale", "on")))
                .isEqualTo("x = 'on' AND $$ $body$ $$");
        assertThatThrownBy(() -> PgliteRunner.replacePlaceholders("${other}", Map.of()))
                .hasMessageContaining("${other}");
    }
}
