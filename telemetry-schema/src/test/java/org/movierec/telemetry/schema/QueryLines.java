package org.movierec.telemetry.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.movierec.testkit.PgliteRunner;

/** The first column of a query's rows as text, on PostgreSQL (JDBC) or from a PGlite run: how the schema tests compare. */
final class QueryLines {

    private QueryLines() {
    }

    /** The first column of every row of {@code sql}. */
    static List<String> lines(Statement s, String sql) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                lines.add(r.getString(1));
            }
        }
        return lines;
    }

    /** The first column of every row of statement {@code statement} of {@code run}, which must have succeeded. */
    static List<String> firstColumn(PgliteRunner.Run run, int statement) {
        PgliteRunner.StatementResult result = run.results().get(statement);
        assertThat(result.ok()).as("statement %d: %s", statement, result.error()).isTrue();
        return result.rows().stream().map(row -> String.valueOf(row.get(0))).toList();
    }
}
