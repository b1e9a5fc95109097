package org.movierec.inference.reload;

import com.mongodb.client.MongoClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.nio.file.Path;
import org.jboss.logging.Logger;
import org.movierec.inference.InferenceConfig;

/**
 * Chooses where models come from: the model file when {@code inference.model-file} (env
 * {@code MODEL_FILE}) is set (standalone mode: no MongoDB needed), else the registry in MongoDB.
 */
@ApplicationScoped
public class ModelSources {

    private static final Logger LOG = Logger.getLogger(ModelSources.class);

    @Inject
    InferenceConfig config;

    @Inject
    Instance<MongoClient> mongo;

    private volatile ModelSource source;

    public ModelSource source() {
        ModelSource s = source;
        if (s == null) {
            synchronized (this) {
                if (source == null) {
                    source = config.modelFile()
                            .<ModelSource>map(file -> new FileModelSource(Path.of(file)))
                            .orElseGet(() -> new RegistryModelSource(mongo.get().getDatabase(config.database())));
                    LOG.infof("models come from %s", source.describe());
                }
                s = source;
            }
        }
        return s;
    }

    public boolean standalone() {
        return config.modelFile().isPresent();
    }
}
