package org.movierec.retrain.cli;

import java.nio.file.Path;

/**
 * The platform's environment variables with their defaults (the same names the services use). Secrets
 * ({@code DATABASE_PASSWORD}, {@code ROUTER_ADMIN_TOKEN}, {@code SLACK_WEBHOOK_URL}) are read here and never
 * printed.
 */
final class Environment {

    private Environment() {
    }

    static String get(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    static String databaseUrl() {
        return get("DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/movierec");
    }

    static String databaseUser() {
        return get("DATABASE_USER", "postgres");
    }

    static String databasePassword() {
        return get("DATABASE_PASSWORD", "postgres");
    }

    static String mongodbUri() {
        return get("MONGODB_URI", "mongodb://127.0.0.1:27017");
    }

    static String userApiUrl() {
        return get("USER_API_URL", "http://127.0.0.1:8085");
    }

    static String routerUrl() {
        return get("ROUTER_URL", "http://127.0.0.1:8082");
    }

    static String routerToken() {
        return get("ROUTER_ADMIN_TOKEN", null);
    }

    /** retrain-service, the owner of releases: {@code RETRAIN_URL}. */
    static String retrainUrl() {
        return get("RETRAIN_URL", "http://127.0.0.1:8084");
    }

    /** Its admin token: {@code RETRAIN_ADMIN_TOKEN}, or null. */
    static String retrainToken() {
        return get("RETRAIN_ADMIN_TOKEN", null);
    }

    static String slackWebhook() {
        return get("SLACK_WEBHOOK_URL", null);
    }

    static Path workDir() {
        return Path.of(get("RETRAIN_WORK_DIR", get("MOVIEREC_HOME", ".movierec") + "/retrain"));
    }
}
