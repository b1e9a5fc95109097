/**
 * Fairness and exposure audits of a model: accuracy per user group ({@link GroupAudit}: RMSE and
 * precision@k per gender, age band, occupation, with the gap between the best and the worst group) and
 * what the recommendations expose ({@link ExposureAudit}: long-tail share, popularity bias, catalog
 * coverage, Gini of exposure).
 */
package org.movierec.retrain.fairness;
