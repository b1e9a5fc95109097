package org.movierec.retrain.evaluate;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The candidate and the production model scored on the same holdout ({@code metrics.json}).
 *
 * @param candidate         the candidate's scores
 * @param productionVersion the production version at evaluation time, or {@code null} if there is none
 * @param production        its scores, or {@code null}
 * @param holdout           how the holdout was made: policy, train and test sizes
 */
public record Evaluation(ModelScores candidate, String productionVersion, ModelScores production,
                         Map<String, Object> holdout) {

    /** The JSON form written to {@code metrics.json}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("k", candidate.k());
        m.put("candidate", candidate.toMap());
        if (production != null) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("version", productionVersion);
            p.putAll(production.toMap());
            m.put("production", p);
        } else {
            m.put("production", null);
        }
        m.put("holdout", holdout);
        return m;
    }

    /** Reads {@link #toMap()} back. */
    @SuppressWarnings("unchecked")
    public static Evaluation fromMap(Map<String, Object> m) {
        int k = ((Number) m.get("k")).intValue();
        ModelScores candidate = ModelScores.fromMap((Map<String, Object>) m.get("candidate"), k);
        Map<String, Object> p = (Map<String, Object>) m.get("production");
        return new Evaluation(candidate, p == null ? null : String.valueOf(p.get("version")),
                p == null ? null : ModelScores.fromMap(p, k), (Map<String, Object>) m.get("holdout"));
    }
}
