package org.movierec.core.split;

import java.util.Objects;
import org.movierec.core.data.Ratings;

/**
 * A training set and a test set drawn from one ratings table; both share its user and item indices,
 * so a model trained on {@code train} can be evaluated on {@code test} index for index.
 */
public record Split(Ratings train, Ratings test) {

    public Split {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        if (train.users() != test.users() || train.items() != test.items()) {
            throw new IllegalArgumentException("train and test must share their user and item indices");
        }
    }

    @Override
    public String toString() {
        return "Split[train " + train.size() + ", test " + test.size() + "]";
    }
}
