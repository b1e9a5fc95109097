package org.movierec.retrain.service;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;
import java.util.Optional;

/**
 * The service's configuration ({@code retrain.*} in application.properties, each overridable by its
 * environment variable). Every default is written once, in application.properties (none here), so an operator
 * reads them all in one file. Secrets (admin token, database password, router token, Slack URL) come only from
 * the environment and are never logged.
 */
@ConfigMapping(prefix = "retrain")
public interface RetrainConfig {

    /** Runs ({@code runs/<runId>}) and the DVC cache ({@code cache}); env {@code RETRAIN_WORK_DIR}. */
    String workDir();

    /** Quartz cron of scheduled runs, or {@code off}; env {@code RETRAIN_CRON}. */
    String cron();

    /** {@code direct} or {@code canary}; env {@code RETRAIN_PROMOTION}. */
    String promotion();

    /** Bearer token of {@code POST /admin/retrain}; env {@code RETRAIN_ADMIN_TOKEN} only. */
    Optional<String> adminToken();

    /** A {@code params.yaml} to use instead of the defaults; env {@code RETRAIN_PARAMS_FILE}. */
    Optional<String> paramsFile();

    /** Demographics file (u.user / users.dat) to use instead of the user API; env {@code RETRAIN_USERS_FILE}. */
    Optional<String> usersFile();

    /** The user/movie API; env {@code USER_API_URL}. */
    String userApiUrl();

    /** The A/B router for canary promotion; env {@code ROUTER_URL}. */
    String routerUrl();

    /** The router's admin token; env {@code ROUTER_ADMIN_TOKEN}. */
    Optional<String> routerAdminToken();

    /** Slack incoming webhook; env {@code SLACK_WEBHOOK_URL}. */
    Optional<String> slackWebhookUrl();

    /** MongoDB database of the registry, runs and lease (by default the platform's {@code movierec.database}). */
    String mongodbDatabase();

    /** The telemetry database. */
    Database database();

    /** The run lease. */
    Lease lease();

    /** The telemetry database ({@code DATABASE_URL}, {@code DATABASE_USER}, {@code DATABASE_PASSWORD}). */
    interface Database {
        String url();

        String user();

        String password();
    }

    /** How long a lease lives without a heartbeat, and how often the holder renews it. */
    interface Lease {
        /** env {@code RETRAIN_LEASE_TTL}. */
        Duration ttl();

        /** env {@code RETRAIN_LEASE_HEARTBEAT}. */
        Duration heartbeat();
    }
}
