package org.movierec.core.ids;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A two-way map between external string ids (movie slugs such as {@code the+matrix+1999}, MovieLens
 * integers written as strings) and dense int indices {@code 0..size()-1}, assigned in order of first
 * appearance.
 *
 * <p>Not thread-safe while it grows: build it on one thread (a loader, a trainer), then share it
 * read-only. Lookups on an index that no longer changes are safe from any number of threads.
 */
public final class IdIndex {

    /** Returned by {@link #indexOf(String)} for an id that is not in the index. */
    public static final int ABSENT = -1;

    private final Map<String, Integer> indexById;
    private final List<String> idByIndex;

    public IdIndex() {
        this(16);
    }

    public IdIndex(int expectedSize) {
        this.indexById = new HashMap<>(Math.max(16, (int) (expectedSize / 0.75f) + 1));
        this.idByIndex = new ArrayList<>(Math.max(16, expectedSize));
    }

    /** An index holding exactly {@code ids}, in that order; duplicates are rejected. */
    public static IdIndex of(List<String> ids) {
        IdIndex index = new IdIndex(ids.size());
        for (String id : ids) {
            if (index.indexOf(id) != ABSENT) {
                throw new IllegalArgumentException("duplicate id: " + id);
            }
            index.add(id);
        }
        return index;
    }

    /** The index of {@code id}, adding it at the end if it is new. */
    public int add(String id) {
        Objects.requireNonNull(id, "id");
        Integer existing = indexById.get(id);
        if (existing != null) {
            return existing;
        }
        int index = idByIndex.size();
        idByIndex.add(id);
        indexById.put(id, index);
        return index;
    }

    /** The index of {@code id}, or {@link #ABSENT}. */
    public int indexOf(String id) {
        Integer index = indexById.get(id);
        return index == null ? ABSENT : index;
    }

    public boolean contains(String id) {
        return indexById.containsKey(id);
    }

    /** The external id at {@code index}. */
    public String idAt(int index) {
        return idByIndex.get(index);
    }

    public int size() {
        return idByIndex.size();
    }

    /** The ids in index order, read-only. */
    public List<String> ids() {
        return Collections.unmodifiableList(idByIndex);
    }

    /** An independent copy, for a model that must not see later additions. */
    public IdIndex copy() {
        return of(idByIndex);
    }

    @Override
    public String toString() {
        return "IdIndex[size=" + size() + "]";
    }
}
