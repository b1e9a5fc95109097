/**
 * The retrain-service: runs {@link org.movierec.retrain.run.RetrainRunner} on a cron schedule and on demand,
 * one run at a time across replicas ({@link org.movierec.retrain.service.RunLease}), keeps run records
 * ({@link org.movierec.retrain.service.RunRecords}) and answers model lineage.
 */
package org.movierec.retrain.service;
