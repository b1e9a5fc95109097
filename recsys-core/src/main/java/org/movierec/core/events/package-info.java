/**
 * The events the platform's services exchange, defined once: the {@code movielog} user actions
 * ({@link org.movierec.core.events.MovieEvent} and its four records), their strict, never-throwing
 * line parser ({@link org.movierec.core.events.MovielogParser}) and canonical writer
 * ({@link org.movierec.core.events.MovieEvent#toLine()}), the served-recommendation event of the
 * inference service ({@link org.movierec.core.events.ServedEvent}, JSON), and the Kafka topic names
 * ({@link org.movierec.core.events.Topics}).
 *
 * <p>The telemetry collector, the inference service (which folds rate events in real time) and the
 * simulator (which writes lines) share these classes, so a line one writes the others read.
 */
package org.movierec.core.events;
