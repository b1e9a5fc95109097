package org.movierec.retrain.cli;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.movierec.registry.ModelRegistry;

/**
 * The model registry of one command, connected on first use (a stage that never touches the registry opens no
 * MongoDB client, so it logs no connection attempts) and closed when the command ends.
 */
final class RegistryConnection implements AutoCloseable {

    private final String uri;
    private final String database;
    private MongoClient client;
    private ModelRegistry registry;

    RegistryConnection(String uri, String database) {
        this.uri = uri;
        this.database = database;
    }

    /** The registry, connecting if this is the first use. */
    synchronized ModelRegistry get() {
        if (registry == null) {
            client = MongoClients.create(uri);
            registry = new ModelRegistry(client.getDatabase(database));
        }
        return registry;
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
        }
    }
}
