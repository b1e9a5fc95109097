/**
 * The A/B experiment document in MongoDB, defined once: the collection and the field names serving reads
 * ({@link org.movierec.contracts.experiments.ExperimentsCollection}), an arm and its sub-document
 * ({@link org.movierec.contracts.experiments.ExperimentArm}) and the stored status
 * ({@link org.movierec.contracts.experiments.ExperimentStatus}). The A/B router writes these documents; the
 * model registry reads the running ones for the inference replicas.
 */
package org.movierec.contracts.experiments;
