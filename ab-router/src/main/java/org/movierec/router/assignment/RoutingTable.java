package org.movierec.router.assignment;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.movierec.router.assignment.ArmAssignment;
import org.movierec.router.experiments.ArmSpec;
import org.movierec.router.experiments.Experiment;

/**
 * An immutable snapshot of how users are routed: the running experiment's sticky assignment (or none)
 * and a prepared {@link Route} per arm. Built once per experiment revision; {@link #route(String)} does
 * one hash and no allocation beyond the hash key.
 */
public final class RoutingTable {

    /** The tag value of requests routed without an experiment. */
    public static final String NONE = "none";

    private final Experiment experiment;
    private final ArmAssignment assignment;
    private final Map<String, Route> routes;
    private final Route control;

    private RoutingTable(Experiment experiment, ArmAssignment assignment, Map<String, Route> routes, Route control) {
        this.experiment = experiment;
        this.assignment = assignment;
        this.routes = routes;
        this.control = control;
    }

    /** Everyone to production (no running experiment). */
    public static RoutingTable production(MeterRegistry registry) {
        Route production = new Route(null, null, null, new ArmMeters(registry, NONE, NONE));
        return new RoutingTable(null, null, Map.of(), production);
    }

    /**
     * The routing of a running experiment.
     *
     * @throws IllegalArgumentException if its arms or overrides are invalid
     */
    public static RoutingTable of(Experiment experiment, MeterRegistry registry) {
        ArmAssignment assignment = experiment.assignment();
        Map<String, Route> routes = new LinkedHashMap<>();
        for (ArmSpec arm : experiment.arms()) {
            routes.put(arm.name(), new Route(experiment.id(), arm.name(), arm.modelVersion(),
                    new ArmMeters(registry, experiment.id(), arm.name())));
        }
        return new RoutingTable(experiment, assignment, Map.copyOf(routes),
                routes.get(experiment.controlArm().name()));
    }

    /** The route of {@code userId} (canonical id, already validated); counts the assignment. */
    public Route route(String userId) {
        if (experiment == null) {
            control.meters().routed(false);
            return control;
        }
        Route route = routes.get(assignment.assign(userId).name());
        route.meters().routed(assignment.overrides().containsKey(userId));
        return route;
    }

    /** The route a failed request is retried on: the control arm (production without an experiment). */
    public Route retryRoute() {
        return control;
    }

    /** The running experiment, or null. */
    public Experiment experiment() {
        return experiment;
    }

    /** The experiment's assignment, or null without one. */
    public ArmAssignment assignment() {
        return assignment;
    }
}
