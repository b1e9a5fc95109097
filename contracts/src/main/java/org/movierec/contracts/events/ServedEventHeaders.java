package org.movierec.contracts.events;

/**
 * The HTTP headers by which the A/B router and the inference service agree on who publishes the {@link ServedEvent}
 * of a {@code /recommend} request, so that every answered request has exactly one, defined once for both.
 *
 * <p>The router asks inference with {@link #PUBLISHED_BY}{@code : }{@link #ROUTER}: "I publish the served event of
 * this request". Inference then publishes nothing for it and answers, besides the body, {@link #PUBLISHED_BY}
 * {@code : router} (its acknowledgement), {@link #ITEMS} (the movie ids answered, best first, joined by
 * {@link #ITEM_SEPARATOR}) and {@link #POPULARITY} ({@code true} when the list is the model's popularity fallback
 * for a user it does not know). The router publishes the event from those, with its own time (what the client
 * waits). An answer without the acknowledgement came from an inference that published the event itself (one that
 * predates this contract, during a rolling upgrade), and the router then publishes nothing: never two events for
 * one answer. A request that does not come through the router carries no such header, and inference publishes its
 * event as before.
 *
 * <p>Movie ids never contain {@code ','} ({@link MovieIdCharset} excludes it, as a delimiter of movielog lines), so
 * the joined list splits back unambiguously; an empty list is an empty header value.
 */
public final class ServedEventHeaders {

    /** Request header (and its acknowledgement on the answer): who publishes this request's served event. */
    public static final String PUBLISHED_BY = "X-Served-Event";

    /** The value of {@link #PUBLISHED_BY}: the router publishes it. */
    public static final String ROUTER = "router";

    /** Answer header: the movie ids answered, best first, joined by {@link #ITEM_SEPARATOR}. */
    public static final String ITEMS = "X-Served-Items";

    /** Answer header: {@code true} or {@code false}, whether the list is the model's popularity fallback. */
    public static final String POPULARITY = "X-Served-Popularity";

    /** What joins the movie ids of {@link #ITEMS}; never part of a movie id. */
    public static final String ITEM_SEPARATOR = ",";

    private ServedEventHeaders() {
    }

    /** Whether a request carrying {@code publishedBy} as its {@link #PUBLISHED_BY} header asks inference not to publish. */
    public static boolean routerPublishes(String publishedBy) {
        return ROUTER.equals(publishedBy);
    }
}
