package org.movierec.core.recommend;

import java.util.ArrayList;
import java.util.List;
import org.movierec.core.ids.IdIndex;
import org.movierec.core.topn.ScoredItems;

/**
 * A ranked list for one user.
 *
 * @param items    item indices and scores, best first
 * @param fallback true when the list is the popularity fallback (the user is unknown to the model)
 */
public record Recommendation(ScoredItems items, boolean fallback) {

    /** The external movie ids, best first. */
    public List<String> movieIds(IdIndex index) {
        List<String> ids = new ArrayList<>(items.size());
        for (int i : items.items()) {
            ids.add(index.idAt(i));
        }
        return ids;
    }

    /** The plain-text contract of {@code /recommend}: ids comma-separated, no spaces, best first. */
    public String toLine(IdIndex index) {
        StringBuilder sb = new StringBuilder(items.size() * 12);
        int[] it = items.items();
        for (int j = 0; j < it.length; j++) {
            if (j > 0) {
                sb.append(',');
            }
            sb.append(index.idAt(it[j]));
        }
        return sb.toString();
    }
}
