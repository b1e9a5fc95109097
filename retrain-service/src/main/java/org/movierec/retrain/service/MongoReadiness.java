package org.movierec.retrain.service;

import com.mongodb.client.MongoClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when MongoDB (registry, run records, lease) answers a ping. */
@Readiness
@ApplicationScoped
public class MongoReadiness implements HealthCheck {

    private final MongoClient mongo;
    private final RetrainConfig config;

    public MongoReadiness(MongoClient mongo, RetrainConfig config) {
        this.mongo = mongo;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            mongo.getDatabase(config.mongodbDatabase()).runCommand(new Document("ping", 1));
            return HealthCheckResponse.up("mongodb");
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("mongodb").down().withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
