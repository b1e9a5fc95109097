package org.movierec.inference.models;

import java.time.Instant;
import org.movierec.core.foldin.FoldIn;
import org.movierec.core.model.SvdModel;
import org.movierec.core.recommend.Explainer;
import org.movierec.core.recommend.Recommender;

/**
 * One model version ready to serve: the model and everything derived from it once, at load time
 * (the top-N scorer's layout, fold-in, explanation norms). Immutable.
 *
 * @param version  the registry version (or {@code file:<md5 prefix>} in standalone mode)
 * @param md5      content hash of the artifact
 * @param loadedAt when this replica loaded it
 */
public record LoadedModel(String version, String md5, SvdModel model, Recommender recommender, FoldIn foldIn,
                          Explainer explainer, Instant loadedAt) {

    public static LoadedModel of(String version, String md5, SvdModel model) {
        return new LoadedModel(version, md5, model, new Recommender(model), FoldIn.forModel(model),
                new Explainer(model), Instant.now());
    }
}
