/**
 * The MovieRec model registry on MongoDB (sync driver, no framework): {@link org.movierec.registry.ModelRegistry}
 * registers, promotes, lists and loads model versions; {@link org.movierec.registry.ServingSet} tells an
 * inference replica which versions to keep loaded, and {@link org.movierec.registry.ServingReplicas} which versions
 * each replica has loaded (its heartbeat). Document shapes are described in
 * {@link org.movierec.registry.ModelDocuments} and {@link org.movierec.registry.ProductionPointers}; the
 * experiments it reads are the contract {@link org.movierec.contracts.experiments.ExperimentsCollection}.
 */
package org.movierec.registry;
