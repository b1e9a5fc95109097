package org.movierec.router.experiments;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The arms' weights from one change to the next. A weight change changes who is in each arm (users move between
 * arms), so the report analyses each period as its own comparison and the sample-ratio check compares a period's
 * users with that period's weights.
 *
 * @param since when these weights took effect
 * @param weights percent of users by arm name, in arm order
 */
public record WeightPeriod(Instant since, Map<String, Integer> weights) {

    public WeightPeriod {
        weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
    }
}
