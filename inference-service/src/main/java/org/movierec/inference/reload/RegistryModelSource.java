package org.movierec.inference.reload;

import com.mongodb.client.MongoDatabase;
import org.jboss.logging.Logger;
import org.movierec.registry.ModelRegistry;
import org.movierec.registry.ModelVersion;
import org.movierec.registry.ServingSet;
import org.movierec.registry.UnknownVersionException;

/**
 * Models from the registry in MongoDB: the production version plus every version a running
 * experiment names; artifacts come from GridFS, verified against their md5.
 */
public final class RegistryModelSource implements ModelSource {

    private static final Logger LOG = Logger.getLogger(RegistryModelSource.class);

    private final MongoDatabase database;
    private final ModelRegistry registry;

    public RegistryModelSource(MongoDatabase database) {
        this.database = database;
        this.registry = new ModelRegistry(database);
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
    public String describe() {
        return "the model registry (database " + database.getName() + ")";
    }
}
