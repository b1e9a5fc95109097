/**
 * The events the platform's services exchange, defined once: the {@code movielog} user actions
 * ({@link org.movierec.contracts.events.MovieEvent} and its four records), their strict, never-throwing
 * line parser ({@link org.movierec.contracts.events.MovielogParser}) and canonical writer
 * ({@link org.movierec.contracts.events.MovieEvent#toLine()}), the served-recommendation event of the
 * inference service ({@link org.movierec.contracts.events.ServedEvent}, JSON), and the Kafka topic names
 * ({@link org.movierec.contracts.events.Topics}).
 *
 * <p>The telemetry collector, the inference service (which folds rate events in real time) and the
 * simulator (which writes lines) share these classes, so a line one writes the others read.
 */
package org.movierec.contracts.events;
