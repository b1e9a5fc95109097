package org.movierec.router.routing;

import java.util.List;
import org.movierec.contracts.events.ServedEventHeaders;

/**
 * What inference answered for a request whose served event the router publishes ({@link ServedEventHeaders}): the
 * movie ids, best first, and whether they are the model's popularity fallback.
 *
 * @param movieIds the movie ids answered, best first
 * @param popularity whether the list is the model's popularity fallback for a user it does not know
 */
public record ServedList(List<String> movieIds, boolean popularity) {

    public ServedList {
        movieIds = List.copyOf(movieIds);
    }

    /**
     * The list of an answer's {@link ServedEventHeaders#ITEMS} and {@link ServedEventHeaders#POPULARITY} headers; ids
     * never contain the separator, so splitting on it gives them back.
     *
     * @param items the joined ids, empty for none
     * @param popularity {@code true} for the popularity fallback
     */
    public static ServedList fromHeaders(String items, String popularity) {
        List<String> ids = items == null || items.isEmpty() ? List.of()
                : List.of(items.split(ServedEventHeaders.ITEM_SEPARATOR, -1));
        return new ServedList(ids, Boolean.parseBoolean(popularity));
    }
}
