package org.movierec.core.generate;

import java.util.List;
import org.movierec.core.data.ImplicitFeedback;
import org.movierec.core.data.Ratings;
import org.movierec.core.model.SvdModel;

/**
 * What the generator made, with the truth behind it.
 *
 * @param config     the configuration used
 * @param ratings    the written ratings; user and movie indices equal their positions in {@code users} and {@code movies}
 * @param watched    movies users watched without rating them ({@link GeneratorConfig#watchesPerUser()}),
 *                   on the ratings' indices; empty by default
 * @param users      users with demographics, by index
 * @param movies     movies with metadata, by index
 * @param trueModel  the true biases and factors the ratings were drawn from
 * @param noiseFloor RMSE of the true model's (clipped) predictions on the written ratings: the bound a
 *                   learned model is measured against
 * @param bayesFloor RMSE of the best possible predictor, {@code E[rating | true score]}, which also
 *                   knows the noise and the rounding; no model can beat it in expectation
 */
public record GeneratedData(GeneratorConfig config, Ratings ratings, ImplicitFeedback watched, List<SyntheticUser> users,
                            List<SyntheticMovie> movies, SvdModel trueModel, double noiseFloor,
                            double bayesFloor) {
}
