package org.movierec.inference.reload;

import java.util.Set;
import org.movierec.core.model.SvdModel;

/** Where model versions come from: the registry, or a single file in standalone mode. */
public interface ModelSource {

    /** The versions to serve now, and which of them is production (null if none). */
    Wanted wanted() throws Exception;

    /** Loads and verifies one version; throws with the reason when it cannot be served. */
    Artifact load(String version) throws Exception;

    /** For logs: where models come from. */
    String describe();

    /**
     * Called after every check with the versions this replica now serves, so the source can tell whoever waits for
     * them (the registry records a heartbeat the A/B router reads before an experiment goes live). Does nothing by
     * default (a model file has nobody to tell).
     */
    default void serving(Set<String> versions) throws Exception {
    }

    record Wanted(Set<String> versions, String production) {
    }

    record Artifact(SvdModel model, String md5) {
    }
}
