package org.movierec.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ServingReplicasTest {

    @RegisterExtension
    static final InProcessMongo MONGO = new InProcessMongo();

    private static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");

    private MongoDatabase db;
    private ServingReplicas replicas;

    @BeforeEach
    void newDatabase() {
        db = MONGO.freshDatabase();
        replicas = new ServingReplicas(db);
    }

    @Test
    void aHeartbeatIsOneDocumentPerReplicaReplacedByTheNext() {
        replicas.beat("host-a/1", List.of("v1"), T0);
        replicas.beat("host-a/1", List.of("v1", "v2"), T0.plusSeconds(10));

        List<Document> stored = db.getCollection(ServingReplicas.COLLECTION).find().into(new java.util.ArrayList<>());
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).getString("_id")).isEqualTo("host-a/1");
        assertThat(stored.get(0).getList("versions", String.class)).containsExactly("v1", "v2");
        assertThat(stored.get(0).getDate("updatedAt").toInstant()).isEqualTo(T0.plusSeconds(10));
    }

    @Test
    void onlyHeartbeatsAtOrAfterTheCutOffAreFresh() {
        replicas.beat("old/1", List.of("v1"), T0.minusSeconds(31));
        replicas.beat("edge/2", List.of("v1", "v2"), T0.minusSeconds(30));
        replicas.beat("new/3", List.of("v2"), T0);

        List<ServingReplica> fresh = replicas.freshSince(T0.minusSeconds(30));

        assertThat(fresh).extracting(ServingReplica::id).containsExactlyInAnyOrder("edge/2", "new/3");
        ServingReplica edge = fresh.stream().filter(r -> r.id().equals("edge/2")).findFirst().orElseThrow();
        assertThat(edge.versions()).containsExactlyInAnyOrder("v1", "v2");
        assertThat(edge.updatedAt()).isEqualTo(T0.minusSeconds(30));
        assertThat(edge.serves(Set.of("v1", "v2"))).isTrue();
        assertThat(edge.serves(Set.of("v1", "v3"))).isFalse();
        assertThat(replicas.freshSince(T0.plusSeconds(1))).isEmpty();
    }

    @Test
    void aHeartbeatRemovesTheReplicasThatStoppedLongerAgoThanTheyAreKept() {
        replicas.beat("stopped-long-ago/1", List.of("v1"), T0.minus(ServingReplicas.KEPT_FOR).minusSeconds(1));
        replicas.beat("stopped-lately/2", List.of("v1"), T0.minus(ServingReplicas.KEPT_FOR));
        replicas.beat("running/3", List.of("v2"), T0);

        List<Document> stored = db.getCollection(ServingReplicas.COLLECTION).find().into(new java.util.ArrayList<>());
        assertThat(stored).extracting(d -> d.getString("_id")).containsExactlyInAnyOrder("stopped-lately/2", "running/3");
    }

    @Test
    void thisProcessHasAStableIdEndingInItsPid() {
        assertThat(ServingReplicas.thisProcess()).isEqualTo(ServingReplicas.thisProcess())
                .endsWith("/" + ProcessHandle.current().pid());
    }
}
