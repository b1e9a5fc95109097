package org.movierec.telemetry;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A crash right before the commit, made by PostgreSQL: a deferred constraint trigger on {@code consumer_offsets}
 * (which every batch writes last) raises an error when the collector commits, after every statement of the batch
 * ran, so the whole transaction rolls back as if the process had died before committing. Armed through a sequence,
 * which a rollback does not undo, so each arming fails exactly one commit.
 */
final class CommitFailure {

    private static final String INSTALL = """
            CREATE SEQUENCE IF NOT EXISTS drill_commit_failures MINVALUE 0 START WITH 0;
            CREATE OR REPLACE FUNCTION drill_fail_commit() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF (SELECT last_value FROM drill_commit_failures) > 0 THEN
                    PERFORM setval('drill_commit_failures', (SELECT last_value FROM drill_commit_failures) - 1);
                    RAISE EXCEPTION 'simulated crash before the commit';
                END IF;
                RETURN NULL;
            END
            $$;
            DROP TRIGGER IF EXISTS drill_fail_commit ON consumer_offsets;
            CREATE CONSTRAINT TRIGGER drill_fail_commit AFTER INSERT OR UPDATE ON consumer_offsets
                DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION drill_fail_commit();
            """;

    private CommitFailure() {
    }

    /** The next commit of a batch fails (once). */
    static void armOnce(Connection db) {
        try (Statement s = db.createStatement()) {
            s.execute(INSTALL);
            s.execute("SELECT setval('drill_commit_failures', 1)");
        } catch (SQLException e) {
            throw new AssertionError("cannot arm the commit failure", e);
        }
    }

    /** Whether the commit failure armed has not happened yet. */
    static boolean isArmed(Connection db) {
        return TestSupport.longOf(db, "SELECT last_value FROM drill_commit_failures") > 0;
    }
}
