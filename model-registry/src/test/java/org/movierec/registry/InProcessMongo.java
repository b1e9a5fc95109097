package org.movierec.registry;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real mongo-java-server (memory backend) listening on 127.0.0.1 on a free port, and a real sync-driver
 * client connected to it over the wire. One per test class; each test takes a fresh database.
 */
final class InProcessMongo implements AutoCloseable {

    private final MongoServer server;
    private final MongoClient client;
    private final AtomicInteger databases = new AtomicInteger();

    private InProcessMongo(MongoServer server, MongoClient client) {
        this.server = server;
        this.client = client;
    }

    static InProcessMongo start() {
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        int port = server.getLocalAddress().getPort();
        return new InProcessMongo(server, MongoClients.create("mongodb://127.0.0.1:" + port));
    }

    /** A database no other test has used. */
    MongoDatabase freshDatabase() {
        return client.getDatabase("test" + databases.incrementAndGet());
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
