package org.movierec.retrain.run;

import java.util.Map;

/**
 * One stage of the pipeline as a task: reads its inputs from the {@link RunContext}, writes its outputs into the
 * run directory (the files {@link Stage} declares) and keeps its result in the context for the next stage.
 * {@link RetrainRunner} runs them all in {@link Stage} order; {@code bin/retrain <stage>} runs one. {@link #of} is
 * the one place a stage is wired to its task.
 */
@FunctionalInterface
public interface StageTask {

    /**
     * Runs the stage.
     *
     * @return what {@code bin/retrain} prints of it (insertion order)
     * @throws Exception any failure fails the stage
     */
    Map<String, Object> run(RunContext context) throws Exception;

    /** The task of {@code stage}. */
    static StageTask of(Stage stage) {
        return switch (stage) {
            case SNAPSHOT -> new SnapshotTask();
            case SPLIT -> new SplitTask();
            case TRAIN -> new TrainTask();
            case EVALUATE -> new EvaluateTask();
            case FAIRNESS -> new FairnessTask();
            case REGISTER -> new RegisterTask();
            case PROMOTE -> new PromoteTask();
        };
    }
}
