package org.movierec.core.train;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Hyperparameters of the SGD trainer (Funk / Surprise style biased MF).
 *
 * @param factors            rank of the factor vectors
 * @param maxEpochs          upper bound on passes over the training ratings
 * @param learningRate       SGD step for factors and biases in the first epoch
 * @param learningRateDecay  multiplier applied to the step after each epoch (1 = constant)
 * @param regularization     L2 penalty on factors, per SGD step
 * @param biasRegularization L2 penalty on biases, per SGD step
 * @param initStd            standard deviation of the Gaussian factor initialisation
 * @param validationFraction share of the training ratings held out for early stopping (0 = none)
 * @param patience           epochs without validation improvement before stopping
 * @param seed               seed of initialisation, shuffling and the validation slice
 * @param threads            worker threads of the explicit model; the result depends only on the seed and
 *                           this number (the SVD++ model trains on one thread, see {@link SgdTrainer})
 * @param implicit           SVD++ (Koren 2008): add each user's normalised sum of implicit item factors
 *                           {@code y_j} over the movies they rated or watched; false trains the explicit
 *                           model {@code μ + b_u + b_i + p_u·q_i} of earlier builds
 * @param implicitRegularization L2 penalty on the implicit factors {@code y_j}, applied once per user
 *                           per epoch (the y gradient is accumulated over the user's ratings)
 */
public record TrainingParams(int factors, int maxEpochs, double learningRate, double learningRateDecay,
                             double regularization, double biasRegularization, double initStd,
                             double validationFraction, int patience, long seed, int threads,
                             boolean implicit, double implicitRegularization) {

    /** The {@code algorithm} hyperparameter of the explicit model, as model files of earlier builds record it. */
    public static final String BIASED_MF = "sgd-biased-mf";
    /** The {@code algorithm} hyperparameter of the SVD++ model. */
    public static final String SVDPP = "sgd-svdpp";

    /**
     * Defaults for MovieLens-sized data: SVD++ with 100 factors, a large first step that decays by 8 %
     * an epoch, factor and implicit-factor regularisation 0.08, 2 % of the ratings watching for
     * over-fitting. Checked by 3-fold cross-validation ({@code recsys cv}/{@code tune}) inside the
     * training part of generated MovieLens-100k-sized data with an implicit effect; a factor
     * regularisation of 0.17 scored 0.003 better there (within the folds' spread) but cut what watches
     * give a user without ratings fivefold (ImplicitEffectTest), so 0.08 stayed. How, and what SVD++ costs
     * where there is no implicit effect, is in docs/BENCHMARKS.md. {@code withImplicit(false)} is the
     * explicit model of earlier builds with their defaults.
     */
    public static TrainingParams defaults() {
        return new TrainingParams(100, 40, 0.03, 0.92, 0.08, 0.02, 0.05, 0.02, 3, 42L,
                Math.min(8, Runtime.getRuntime().availableProcessors()), true, 0.08);
    }

    public TrainingParams {
        require(factors >= 1 && factors <= 4096, "factors must be in 1..4096, got " + factors);
        require(maxEpochs >= 1 && maxEpochs <= 10_000, "epochs must be in 1..10000, got " + maxEpochs);
        require(learningRate > 0 && learningRate < 1, "learning rate must be in (0,1), got " + learningRate);
        require(learningRateDecay > 0 && learningRateDecay <= 1, "learning rate decay must be in (0,1], got " + learningRateDecay);
        require(regularization >= 0 && regularization < 10, "regularization must be in [0,10), got " + regularization);
        require(biasRegularization >= 0 && biasRegularization < 10, "bias regularization must be in [0,10), got " + biasRegularization);
        require(initStd > 0 && initStd < 1, "init std must be in (0,1), got " + initStd);
        require(validationFraction >= 0 && validationFraction < 0.5, "validation fraction must be in [0,0.5), got " + validationFraction);
        require(patience >= 1, "patience must be >= 1, got " + patience);
        require(threads >= 1 && threads <= 256, "threads must be in 1..256, got " + threads);
        require(implicitRegularization >= 0 && implicitRegularization < 10, "implicit regularization must be in [0,10), got " + implicitRegularization);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The worker threads the trainer runs: {@link #threads()} for the explicit model, one for SVD++. */
    public int trainingThreads() {
        return implicit ? 1 : threads;
    }

    public TrainingParams withFactors(int v) {
        return new TrainingParams(v, maxEpochs, learningRate, learningRateDecay, regularization, biasRegularization, initStd, validationFraction, patience, seed, threads, implicit, implicitRegularization);
    }

    public TrainingParams withMaxEpochs(int v) {
        return new TrainingParams(factors, v, learningRate, learningRateDecay, regularization, biasRegularization, initStd, validationFraction, patience, seed, threads, implicit, implicitRegularization);
    }

    public TrainingParams withLearningRate(double v) {
        return new TrainingParams(factors, maxEpochs, v, learningRateDecay, regularization, biasRegularization, initStd, validationFraction, patience, seed, threads, implicit, implicitRegularization);
    }

    public TrainingParams withLearningRateDecay(double v) {
        return new TrainingParams(factors, maxEpochs, learningRate, v, regularization, biasRegularization, initStd, validationFraction, patience, seed, threads, implicit, implicitRegularization);
    }

    public TrainingParams withRegularization(double v) {
        return new TrainingParams(factors, maxEpochs, learningRate, learningRateDecay, v, biasRegularization, initStd, validationFraction, patience, seed, threads, implicit, implicitRegularization);
    }

    public TrainingParams withBiasRegularization(double v) {
        return new TrainingParams(factors, maxEpochs, learningRate, learningRateDecay, regularization, v, initStd, validationFraction, patience, seed, threads, implicit, implicitRegularization);
    }

    public TrainingParams withInitStd(double v) {
        return new TrainingParams(factors, maxEpochs, learningRate, learningRateDecay, regularization, biasRegularization, v, validationFraction, patience, seed, threads, implicit, implicitRegularization);
    }

    public TrainingParams withValidationFraction(double v) {
        return new TrainingParams(factors, maxEpochs, learningRate, learningRateDecay, regularization, biasRegularization, initStd, v, patience, seed, threads, implicit, implicitRegularization);
    }

    public TrainingParams withPatience(int v) {
        return new TrainingParams(factors, maxEpochs, learningRate, learningRateDecay, regularization, biasRegularization, initStd, validationFraction, v, seed, threads, implicit, implicitRegularization);
    }

    public TrainingParams withSeed(long v) {
        return new TrainingParams(factors, maxEpochs, learningRate, learningRateDecay, regularization, biasRegularization, initStd, validationFraction, patience, v, threads, implicit, implicitRegularization);
    }

    public TrainingParams withThreads(int v) {
        return new TrainingParams(factors, maxEpochs, learningRate, learningRateDecay, regularization, biasRegularization, initStd, validationFraction, patience, seed, v, implicit, implicitRegularization);
    }

    public TrainingParams withImplicit(boolean v) {
        return new TrainingParams(factors, maxEpochs, learningRate, learningRateDecay, regularization, biasRegularization, initStd, validationFraction, patience, seed, threads, v, implicitRegularization);
    }

    public TrainingParams withImplicitRegularization(double v) {
        return new TrainingParams(factors, maxEpochs, learningRate, learningRateDecay, regularization, biasRegularization, initStd, validationFraction, patience, seed, threads, implicit, v);
    }

    /** The parameters as ordered key/value strings, the form stored in model files and registries. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("algorithm", implicit ? SVDPP : BIASED_MF);
        m.put("factors", Integer.toString(factors));
        m.put("maxEpochs", Integer.toString(maxEpochs));
        m.put("learningRate", num(learningRate));
        m.put("learningRateDecay", num(learningRateDecay));
        m.put("regularization", num(regularization));
        m.put("biasRegularization", num(biasRegularization));
        m.put("initStd", num(initStd));
        m.put("validationFraction", num(validationFraction));
        m.put("patience", Integer.toString(patience));
        m.put("seed", Long.toString(seed));
        m.put("threads", Integer.toString(threads));
        if (implicit) {
            m.put("implicitRegularization", num(implicitRegularization));
        }
        return m;
    }

    /** Parameters from {@link #toMap()}-style keys; missing keys take the defaults, unknown keys are rejected. */
    public static TrainingParams fromMap(Map<String, String> m) {
        TrainingParams p = defaults();
        for (Map.Entry<String, String> e : m.entrySet()) {
            String v = e.getValue().trim();
            try {
                p = switch (e.getKey()) {
                    case "algorithm" -> p.withImplicit(algorithm(v));
                    case "factors" -> p.withFactors(Integer.parseInt(v));
                    case "maxEpochs", "epochs" -> p.withMaxEpochs(Integer.parseInt(v));
                    case "learningRate", "lr" -> p.withLearningRate(Double.parseDouble(v));
                    case "learningRateDecay", "lrDecay" -> p.withLearningRateDecay(Double.parseDouble(v));
                    case "regularization", "reg" -> p.withRegularization(Double.parseDouble(v));
                    case "biasRegularization", "biasReg" -> p.withBiasRegularization(Double.parseDouble(v));
                    case "initStd" -> p.withInitStd(Double.parseDouble(v));
                    case "validationFraction" -> p.withValidationFraction(Double.parseDouble(v));
                    case "patience" -> p.withPatience(Integer.parseInt(v));
                    case "seed" -> p.withSeed(Long.parseLong(v));
                    case "threads" -> p.withThreads(Integer.parseInt(v));
                    case "implicitRegularization", "implicitReg" -> p.withImplicitRegularization(Double.parseDouble(v));
                    default -> throw new IllegalArgumentException("unknown hyperparameter: " + e.getKey());
                };
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("hyperparameter " + e.getKey() + " is not a number: " + v);
            }
        }
        return p;
    }

    private static boolean algorithm(String name) {
        return switch (name) {
            case SVDPP -> true;
            case BIASED_MF -> false;
            default -> throw new IllegalArgumentException("unknown algorithm: " + name + " (" + SVDPP + " or " + BIASED_MF + ")");
        };
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%s", v);
    }
}
