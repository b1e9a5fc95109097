package org.movierec.registry;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real mongo-java-server (memory backend) listening on 127.0.0.1 on a free port, and a real sync-driver
 * client connected to it over the wire. One per test class, as a JUnit extension in a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final InProcessMongo MONGO = new InProcessMongo();
 * }</pre>
 *
 * It starts before the first test of the class and stops after the last; each test takes a
 * {@link #freshDatabase() fresh database}.
 */
final class InProcessMongo implements BeforeAllCallback, AfterAllCallback {

    private final AtomicInteger databases = new AtomicInteger();
    private MongoServer server;
    private MongoClient client;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        int port = server.getLocalAddress().getPort();
        client = MongoClients.create("mongodb://127.0.0.1:" + port);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.shutdownNow();
        }
    }

    /** A database no other test has used. */
    MongoDatabase freshDatabase() {
        return client.getDatabase("test" + databases.incrementAndGet());
    }
}
