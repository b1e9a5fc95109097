package org.movierec.telemetry.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.movierec.testkit.PostgresServer;

/**
 * The migrations as the application user of a managed database: a role that is no superuser, cannot read
 * privileged settings, and has only the grants telemetry-collector/README.md lists (CONNECT on the database, USAGE
 * and CREATE on schema public). Each test uses its own database of the embedded PostgreSQL 17.
 */
class MigrationAsApplicationUserTest {

    private static final String APP_USER = "telemetry_app";

    @RegisterExtension
    static final EmbeddedPostgres POSTGRES = new EmbeddedPostgres("telemetry-schema-app-user");

    @BeforeAll
    static void createApplicationRole() throws Exception {
        try (Connection c = superuser("movierec"); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + APP_USER + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE");
        }
    }

    @Test
    void anApplicationUserMigratesInAutoModeToThePlainPath() throws Exception {
        String db = databaseWithGrants("app_auto");

        int migrations = TelemetrySchema.migrate(url(db), APP_USER, "", "auto");

        assertThat(migrations).isEqualTo(7);
        assertThat(query(db, "SELECT flavour FROM storage_flavour")).isEqualTo("postgresql");
        assertThat(query(db, "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 'online_predictions'"))
                .isEqualTo(APP_USER);
        assertThatThrownBy(() -> queryAs(APP_USER, db, "SELECT current_setting('shared_preload_libraries')"))
                .as("the role really cannot read the setting the first V2 read")
                .hasMessageContaining("permission denied");
        assertThat(TelemetrySchema.migrate(url(db), APP_USER, "", "auto")).isZero();
    }

    @Test
    void anApplicationUserMigratesWithTimescaleOff() throws Exception {
        String db = databaseWithGrants("app_off");

        assertThat(TelemetrySchema.migrate(url(db), APP_USER, "", "off")).isEqualTo(7);
        assertThat(query(db, "SELECT flavour FROM storage_flavour")).isEqualTo("postgresql");
    }

    @Test
    void timescaleOnWithoutTheExtensionFailsNamingWhatTheDbaDoes() throws Exception {
        String db = databaseWithGrants("app_on");

        assertThatThrownBy(() -> TelemetrySchema.migrate(url(db), APP_USER, "", "on"))
                .hasMessageContaining("timescale=on, but the timescaledb extension cannot be created by " + APP_USER)
                .hasMessageContaining("CREATE EXTENSION timescaledb");
    }

    @Test
    void theFirstV2DeniesTheApplicationUserWhichIsWhyItChanged() throws Exception {
        String db = databaseWithGrants("app_first_release");

        assertThatThrownBy(() -> firstRelease(url(db), APP_USER).migrate())
                .hasMessageContaining("permission denied to examine \"shared_preload_libraries\"");
    }

    @Test
    void aDatabaseMigratedWithTheFirstV2AcceptsTheCurrentOneAndRunsOnlyTheLaterMigrations() throws Exception {
        String db = databaseWithGrants("existing_install");
        assertThat(firstRelease(url(db), PostgresServer.USER).migrate().migrationsExecuted).isEqualTo(3);
        assertThat(query(db, "SELECT checksum FROM flyway_schema_history WHERE version = '2'"))
                .as("V2DetectionChange.FIRST_CHECKSUM is what Flyway recorded for the first V2")
                .isEqualTo(Integer.toString(V2DetectionChange.FIRST_CHECKSUM));

        int migrations = TelemetrySchema.migrate(url(db), PostgresServer.USER, PostgresServer.PASSWORD, "auto");

        assertThat(migrations).as("V4 to V7").isEqualTo(4);
        assertThat(query(db, "SELECT checksum FROM flyway_schema_history WHERE version = '2'"))
                .isEqualTo(Integer.toString(V2DetectionChange.SECOND_CHECKSUM));
        assertThat(query(db, "SELECT max(version::int) FROM flyway_schema_history")).isEqualTo("7");
    }

    @Test
    void aFreshDatabaseRecordsTheCurrentV2Checksum() throws Exception {
        String db = databaseWithGrants("fresh_checksum");
        TelemetrySchema.migrate(url(db), APP_USER, "", "auto");

        assertThat(query(db, "SELECT checksum FROM flyway_schema_history WHERE version = '2'"))
                .as("V2DetectionChange.SECOND_CHECKSUM is the checksum of the current V2__time_series.sql")
                .isEqualTo(Integer.toString(V2DetectionChange.SECOND_CHECKSUM));
    }

    @Test
    void anEditedV2WithAnotherChecksumStillFailsValidation() throws Exception {
        String db = databaseWithGrants("edited_v2");
        TelemetrySchema.migrate(url(db), APP_USER, "", "auto");
        try (Connection c = superuser(db); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE flyway_schema_history SET checksum = 12345 WHERE version = '2'");
        }

        assertThatThrownBy(() -> TelemetrySchema.migrate(url(db), APP_USER, "", "auto"))
                .hasMessageContaining("checksum mismatch");
    }

    @Test
    void timescaledbVersionsFrom211AreSupported() throws Exception {
        String db = databaseWithGrants("versions");
        TelemetrySchema.migrate(url(db), APP_USER, "", "off");

        assertThat(query(db, "SELECT timescaledb_version_supported('2.10.3')")).isEqualTo("f");
        assertThat(query(db, "SELECT timescaledb_version_supported('1.7.5')")).isEqualTo("f");
        assertThat(query(db, "SELECT timescaledb_version_supported('2.11.0')")).isEqualTo("t");
        assertThat(query(db, "SELECT timescaledb_version_supported('2.23.0-dev')")).isEqualTo("t");
        assertThat(query(db, "SELECT timescaledb_version_supported('3.0')")).isEqualTo("t");
        assertThat(query(db, "SELECT timescaledb_version_supported('garbage')")).isEqualTo("f");
    }

    /** A new database with the grants of the README: the application user may connect and create in public. */
    private static String databaseWithGrants(String name) throws SQLException {
        try (Connection c = superuser("movierec"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        try (Connection c = superuser(name); Statement s = c.createStatement()) {
            s.execute("GRANT CONNECT ON DATABASE " + name + " TO " + APP_USER);
            s.execute("GRANT USAGE, CREATE ON SCHEMA public TO " + APP_USER);
        }
        return name;
    }

    private static Flyway firstRelease(String url, String user) {
        return Flyway.configure(TelemetrySchema.class.getClassLoader())
                .dataSource(url, user, "")
                .locations("classpath:db/telemetry-first-release")
                .placeholders(Map.of(TelemetrySchema.TIMESCALE_PLACEHOLDER, "auto"))
                .load();
    }

    private static String url(String database) {
        return POSTGRES.jdbcUrl().replace("/movierec", "/" + database);
    }

    private static Connection superuser(String database) throws SQLException {
        return DriverManager.getConnection(url(database), PostgresServer.USER, PostgresServer.PASSWORD);
    }

    private static String query(String database, String sql) throws SQLException {
        return queryAs(PostgresServer.USER, database, sql);
    }

    private static String queryAs(String user, String database, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url(database), user, "");
             ResultSet r = c.createStatement().executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }
}
