/**
 * Model selection: k-fold {@link org.movierec.cli.tune.CrossValidation} and grid or random
 * {@link org.movierec.cli.tune.HyperparameterSearch} over a {@link org.movierec.cli.tune.SearchSpace}.
 */
package org.movierec.cli.tune;
