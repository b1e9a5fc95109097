package org.movierec.retrain.promote;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the promote stage did ({@code promotion.json}).
 *
 * @param version      the candidate version
 * @param promoted     whether it reached users (production pointer moved, or a canary started)
 * @param mode         {@code direct}, {@code canary}, or {@code none} when not promoted
 * @param experimentId the canary experiment id, or {@code null}
 * @param previous     the production version before, or {@code null}
 * @param reasons      why it was not promoted (empty when promoted); or why a canary was skipped
 */
public record Promotion(String version, boolean promoted, String mode, String experimentId, String previous,
                        List<String> reasons) {

    public Promotion {
        reasons = List.copyOf(reasons);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", version);
        m.put("promoted", promoted);
        m.put("mode", mode);
        m.put("experimentId", experimentId);
        m.put("previous", previous);
        m.put("reasons", reasons);
        return m;
    }
}
