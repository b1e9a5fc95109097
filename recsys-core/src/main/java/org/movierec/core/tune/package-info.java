/**
 * Model selection: k-fold {@link org.movierec.core.tune.CrossValidation} and grid or random
 * {@link org.movierec.core.tune.HyperparameterSearch} over a {@link org.movierec.core.tune.SearchSpace}.
 */
package org.movierec.core.tune;
