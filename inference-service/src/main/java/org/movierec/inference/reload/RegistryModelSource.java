package org.movierec.inference.reload;

import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.util.Set;
import org.jboss.logging.Logger;
import org.movierec.registry.ModelRegistry;
import org.movierec.registry.ModelVersion;
import org.movierec.registry.ServingReplicas;
import org.movierec.registry.ServingSet;
import org.movierec.registry.UnknownVersionException;

/**
 * Models from the registry in MongoDB: the production version plus every version a running
 * experiment names; artifacts come from GridFS, verified against their md5. After every check this replica's
 * heartbeat ({@link ServingReplicas}, id {@link ServingReplicas#thisProcess()}) lists what it serves.
 */
public final class RegistryModelSource implements ModelSource {

    private static final Logger LOG = Logger.getLogger(RegistryModelSource.class);

    private final MongoDatabase database;
    private final ModelRegistry registry;
    private final ServingReplicas replicas;
    private final String replicaId;

    public RegistryModelSource(MongoDatabase database) {
        this.database = database;
        this.registry = new ModelRegistry(database);
        this.replicas = new ServingReplicas(database);
        this.replicaId = ServingReplicas.thisProcess();
    }

    @Override
    public Wanted wanted() {
        ServingSet set = ServingSet.read(database);
        for (String problem : set.problems()) {
            LOG.warnf("experiment ignored: %s", problem);
        }
        return new Wanted(set.versions(), set.productionVersion().orElse(null));
    }

    @Override
    public Artifact load(String version) throws Exception {
        ModelVersion meta = registry.get(version).orElseThrow(() -> new UnknownVersionException(version));
        return new Artifact(registry.loadModel(version), meta.md5());
    }

    @Override
    public void serving(Set<String> versions) {
        replicas.beat(replicaId, versions, Instant.now());
    }

    /** This replica's id in {@link ServingReplicas}. */
    public String replicaId() {
        return replicaId;
    }

    @Override
    public String describe() {
        return "the model registry (database " + database.getName() + ")";
    }
}
