package org.movierec.testkit;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Random;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.model.Updates;

/** Talks to {@link MongoServer} with the real MongoDB sync driver. */
class MongoServerTest {

    @TempDir
    Path tmp;

    @Test
    void crudRoundTrip() {
        try (MongoServer server = MongoServer.builder().build()) {
            String uri = server.start();
            assertThat(uri).isEqualTo("mongodb://127.0.0.1:" + server.port());
            try (MongoClient client = MongoClients.create(uri)) {
                MongoCollection<Document> models = client.getDatabase("registry").getCollection("models");
                models.insertOne(new Document("_id", "svd-1").append("rank", 64).append("rmse", 0.91));
                models.insertOne(new Document("_id", "svd-2").append("rank", 128).append("rmse", 0.89));

                assertThat(models.find(eq("_id", "svd-1")).first()).containsEntry("rank", 64);
                models.updateOne(eq("_id", "svd-1"), Updates.set("stage", "production"));
                assertThat(models.find(eq("stage", "production")).first()).containsEntry("_id", "svd-1");
                models.deleteOne(eq("_id", "svd-2"));
                assertThat(models.countDocuments()).isEqualTo(1);
            }
        }
    }

    @Test
    void gridFsRoundTrip() {
        byte[] artifact = new byte[1_000_000];
        new Random(42).nextBytes(artifact);
        try (MongoServer server = MongoServer.builder().build()) {
            try (MongoClient client = MongoClients.create(server.start())) {
                GridFSBucket bucket = GridFSBuckets.create(client.getDatabase("registry"), "artifacts");
                ObjectId id = bucket.uploadFromStream("svd-1.bin", new ByteArrayInputStream(artifact));

                ByteArrayOutputStream byId = new ByteArrayOutputStream();
                bucket.downloadToStream(id, byId);
                assertThat(byId.toByteArray()).isEqualTo(artifact);
                ByteArrayOutputStream byName = new ByteArrayOutputStream();
                bucket.downloadToStream("svd-1.bin", byName);
                assertThat(byName.toByteArray()).isEqualTo(artifact);
            }
        }
    }

    @Test
    void h2FileKeepsDataAcrossRestart() {
        MongoServer server = MongoServer.builder().h2File(tmp.resolve("mongo/registry.mv")).build();
        assertThat(server.isPersistent()).isTrue();
        String uri = server.start();
        try (MongoClient client = MongoClients.create(uri)) {
            client.getDatabase("registry").getCollection("models").insertOne(new Document("_id", "svd-1"));
        }
        server.stop();
        assertThat(server.isRunning()).isFalse();

        assertThat(server.start()).as("same port after restart").isEqualTo(uri);
        try (MongoClient client = MongoClients.create(uri)) {
            MongoDatabase db = client.getDatabase("registry");
            assertThat(db.getCollection("models").find(eq("_id", "svd-1")).first()).isNotNull();
        } finally {
            server.close();
        }
    }
}
