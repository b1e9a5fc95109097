/**
 * Releases: retrain-service is the one writer of the production pointer. {@link ReleaseService} holds the
 * rules (which version may be released or rolled back to, the history written with every switch);
 * {@link ReleasesResource} is its HTTP API; the retrain pipeline's direct promotion calls the same service in
 * process, and the router's canary calls the API.
 */
package org.movierec.retrain.release;
