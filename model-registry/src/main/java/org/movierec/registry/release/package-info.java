/**
 * The client of the release API that retrain-service owns ({@code POST /models/{version}/promote},
 * {@code POST /models/rollback}, {@code GET /models}): every component that wants to change the production
 * version (the router's canary, the command-line pipeline) asks retrain-service, so the production pointer
 * has one writer and every release is in one history.
 */
package org.movierec.registry.release;
