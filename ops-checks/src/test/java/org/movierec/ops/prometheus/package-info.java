/**
 * Tests of {@code prometheus/} and {@code alertmanager/}: the real promtool and amtool check the files and run
 * the alert rules' unit tests, a real Alertmanager delivers an alert to a local Slack stand-in, and a structural
 * test holds every alert to the contract (labels, annotations, a runbook section in docs/OPERATIONS.md, a
 * promtool test that fires it and one that keeps it silent).
 */
package org.movierec.ops.prometheus;
