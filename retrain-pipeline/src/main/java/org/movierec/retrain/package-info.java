/**
 * The retraining pipeline: snapshot → split → train → evaluate → fairness → register → promote. Every
 * stage reads and writes files in a run directory (the layout of {@link org.movierec.retrain.RunLayout},
 * the same paths as the repository's {@code dvc.yaml}), so each can run alone from the command line or
 * {@code dvc repro}; {@link org.movierec.retrain.run.RetrainRunner} runs them all in one process and
 * records DVC provenance.
 */
package org.movierec.retrain;
