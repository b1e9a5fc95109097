package org.movierec.cli.tune;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.movierec.core.train.TrainingParams;

/**
 * Where a {@link HyperparameterSearch} looks: the number of factors, the learning rate, the
 * regularisation of the factors and the number of epochs ({@link TrainingParams#maxEpochs()}). Every
 * other parameter is taken from the search's base parameters.
 */
public sealed interface SearchSpace permits SearchSpace.Grid, SearchSpace.Ranges {

    /**
     * Lists of values whose full cartesian product is searched, in the order factors (outermost),
     * learning rate, regularisation, epochs (innermost).
     */
    record Grid(List<Integer> factors, List<Double> learningRates, List<Double> regularizations,
                List<Integer> epochs) implements SearchSpace {

        public Grid {
            factors = nonEmpty("factors", factors);
            learningRates = nonEmpty("learning rates", learningRates);
            regularizations = nonEmpty("regularizations", regularizations);
            epochs = nonEmpty("epochs", epochs);
        }

        /** Number of candidates: the product of the list sizes. */
        public int size() {
            return factors.size() * learningRates.size() * regularizations.size() * epochs.size();
        }

        /** Every combination, applied to {@code base}, in the documented order. */
        public List<TrainingParams> candidates(TrainingParams base) {
            List<TrainingParams> candidates = new ArrayList<>(size());
            for (int f : factors) {
                for (double lr : learningRates) {
                    for (double reg : regularizations) {
                        for (int e : epochs) {
                            candidates.add(base.withFactors(f).withLearningRate(lr).withRegularization(reg)
                                    .withMaxEpochs(e));
                        }
                    }
                }
            }
            return candidates;
        }

        private static <T> List<T> nonEmpty(String name, List<T> values) {
            if (values == null || values.isEmpty()) {
                throw new IllegalArgumentException("grid needs at least one value of " + name);
            }
            return List.copyOf(values);
        }
    }

    /**
     * Closed ranges sampled at random: factors and epochs uniformly among the integers, learning rate
     * and regularisation log-uniformly (each power of ten equally likely, since what matters is their
     * order of magnitude). A range whose ends are equal always gives that value.
     */
    record Ranges(int minFactors, int maxFactors, double minLearningRate, double maxLearningRate,
                  double minRegularization, double maxRegularization, int minEpochs, int maxEpochs)
            implements SearchSpace {

        public Ranges {
            require(minFactors >= 1 && minFactors <= maxFactors,
                    "factors range must satisfy 1 <= min <= max, got " + minFactors + ".." + maxFactors);
            require(minLearningRate > 0 && minLearningRate <= maxLearningRate,
                    "learning rate range must satisfy 0 < min <= max, got " + minLearningRate + ".." + maxLearningRate);
            require(minRegularization > 0 && minRegularization <= maxRegularization,
                    "regularization range must satisfy 0 < min <= max (log-uniform), got "
                            + minRegularization + ".." + maxRegularization);
            require(minEpochs >= 1 && minEpochs <= maxEpochs,
                    "epochs range must satisfy 1 <= min <= max, got " + minEpochs + ".." + maxEpochs);
        }

        /** One random candidate applied to {@code base}; draws factors, learning rate, regularisation, epochs in that order. */
        public TrainingParams sample(TrainingParams base, SplittableRandom random) {
            int factors = uniform(minFactors, maxFactors, random);
            double learningRate = logUniform(minLearningRate, maxLearningRate, random);
            double regularization = logUniform(minRegularization, maxRegularization, random);
            int epochs = uniform(minEpochs, maxEpochs, random);
            return base.withFactors(factors).withLearningRate(learningRate).withRegularization(regularization)
                    .withMaxEpochs(epochs);
        }

        private static int uniform(int min, int max, SplittableRandom random) {
            return min + random.nextInt(max - min + 1);
        }

        private static double logUniform(double min, double max, SplittableRandom random) {
            double u = random.nextDouble();
            return min == max ? min : Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min)));
        }

        private static void require(boolean condition, String message) {
            if (!condition) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
