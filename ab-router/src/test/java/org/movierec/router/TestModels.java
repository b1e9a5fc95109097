package org.movierec.router;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.movierec.registry.ModelRegistry;

/** The test MongoDB (the router's connection string) and model versions registered in it for a test class. */
public final class TestModels {

    private TestModels() {
    }

    /** A client of the router's MongoDB; the caller closes it. */
    public static MongoClient mongo() {
        return MongoClients.create(ConfigProvider.getConfig().getValue("quarkus.mongodb.connection-string", String.class));
    }

    /** Registers one version per name (its bytes are the name) in {@code mongo}'s registry; returns the versions. */
    public static String[] register(MongoClient mongo, String... names) {
        ModelRegistry registry = new ModelRegistry(mongo.getDatabase("movierec"));
        String[] versions = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            versions[i] = registry.register(names[i].getBytes(), Map.of(), Map.of(), Map.of()).version();
        }
        return versions;
    }
}
