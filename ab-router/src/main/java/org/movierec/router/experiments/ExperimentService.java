package org.movierec.router.experiments;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.movierec.router.assignment.ArmAssignment;
import org.movierec.contracts.experiments.ExperimentStatus;
import org.movierec.registry.ModelRegistry;
import org.movierec.registry.ModelStatus;
import org.movierec.registry.ModelVersion;
import org.movierec.router.RouterConfig;

/**
 * The admin operations on experiments: validate the whole change first (every problem reported at once,
 * nothing written when one is found), then write it conditionally on the revision read, audit it, and
 * refresh this replica's routing at once (the others follow within the poll interval).
 */
@ApplicationScoped
public class ExperimentService {

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final int MAX_NAME_LENGTH = 200;

    /** The most overrides an experiment holds (see {@code overridesCap}). */
    public static final int MAX_OVERRIDES = 10_000;

    @Inject
    ExperimentStore store;

    @Inject
    ModelRegistry registry;

    @Inject
    ExperimentsPoller poller;

    @Inject
    RouterConfig config;

    /**
     * {@code POST /experiments}: {@code {"name","salt"?,"arms":[{"name","modelVersion","weight"}],"overrides"?,
     * "primaryMetric"?,"guardrails"?,"plannedUsersPerArm"?}}.
     */
    public Experiment create(String json, String who) {
        RequestBody body = RequestBody.parse(json, List.of("name", "salt", "arms", "overrides", "primaryMetric",
                "guardrails", "plannedUsersPerArm"));
        String name = body.string("name", true);
        if (name != null && name.length() > MAX_NAME_LENGTH) {
            body.problem("'name' is longer than " + MAX_NAME_LENGTH + " characters");
        }
        String id = newId();
        String salt = body.has("salt") ? body.string("salt", false) : id;
        List<ArmSpec> arms = new ArrayList<>();
        List<?> armList = body.list("arms", true);
        for (int i = 0; i < armList.size(); i++) {
            String what = "arms[" + i + "]";
            Map<String, Object> arm = body.asObject(armList.get(i), what, true);
            Set<String> unknown = new LinkedHashSet<>(arm.keySet());
            unknown.removeAll(Set.of("name", "modelVersion", "weight"));
            if (!unknown.isEmpty()) {
                body.problem(what + " has unknown fields " + unknown + " (allowed: name, modelVersion, weight)");
            }
            Object armName = arm.get("name");
            Object version = arm.get("modelVersion");
            if (!(armName instanceof String s) || s.isBlank()) {
                body.problem(what + ".name must be a non-empty string");
            }
            if (!(version instanceof String v) || v.isBlank()) {
                body.problem(what + ".modelVersion must be a non-empty string");
            }
            Integer weight = body.percent(arm.get("weight"), what + ".weight");
            if (armName instanceof String s && version instanceof String v && weight != null) {
                arms.add(new ArmSpec(s, v, weight));
            }
        }
        Map<String, String> overrides = body.stringMap(body.object("overrides", false), "override");
        overridesCap(body, overrides);
        AnalysisPlan plan = plan(body);
        if (arms.size() == armList.size() && salt != null) {
            body.problems().addAll(ArmAssignment.problems(salt, Experiment.assignmentArms(arms), overrides));
            body.problems().addAll(versionProblems(arms));
        }
        body.check();
        Instant now = Instant.now();
        Experiment e = Experiment.created(id, name, ExperimentType.AB, salt, arms, overrides, now, who,
                poller.liveAtCreation(id, arms, now), plan, null);
        store.insert(e, who);
        poller.poll();
        return e;
    }

    /** {@code PUT /experiments/{id}/weights}: {@code {"weights":{"<arm>":<percent>,...}}}, every arm named. */
    public Experiment changeWeights(String id, String json, String who) {
        Experiment before = runningExperiment(id);
        RequestBody body = RequestBody.parse(json, List.of("weights"));
        if (before.type() == ExperimentType.CANARY) {
            body.problem("the weights of a canary are set by the canary controller; stop it to end the canary");
        }
        Map<String, Object> given = body.object("weights", true);
        Map<String, Integer> weights = new LinkedHashMap<>();
        for (ArmSpec arm : before.arms()) {
            if (!given.containsKey(arm.name())) {
                body.problem("weights must name every arm; '" + arm.name() + "' is missing");
            } else {
                weights.put(arm.name(), body.percent(given.get(arm.name()), "weight of '" + arm.name() + "'"));
            }
        }
        for (String name : given.keySet()) {
            if (before.arm(name) == null) {
                body.problem("no arm named '" + name + "' (arms: " + String.join(", ", before.weights().keySet()) + ")");
            }
        }
        body.check();
        Experiment after = before.withWeights(weights, Instant.now());
        body.problems().addAll(ArmAssignment.problems(after.salt(), Experiment.assignmentArms(after.arms()),
                after.overrides()));
        body.check();
        return write(before, after, "weights", who);
    }

    /** {@code PUT /experiments/{id}/overrides}: {@code {"overrides":{"<userId>":"<arm>"}}}, replacing all. */
    public Experiment changeOverrides(String id, String json, String who) {
        Experiment before = runningExperiment(id);
        RequestBody body = RequestBody.parse(json, List.of("overrides"));
        Map<String, String> overrides = body.stringMap(body.object("overrides", true), "override");
        overridesCap(body, overrides);
        body.check();
        body.problems().addAll(ArmAssignment.problems(before.salt(), Experiment.assignmentArms(before.arms()),
                overrides));
        body.check();
        return write(before, before.withOverrides(overrides), "overrides", who);
    }

    /** {@code POST /experiments/{id}/stop}: the experiment stops routing; users go back to production. */
    public Experiment stop(String id, String who) {
        Experiment before = runningExperiment(id);
        return write(before, before.ended(ExperimentStatus.STOPPED, Instant.now(), "stopped by " + who), "stop", who);
    }

    /**
     * {@code POST /experiments/canary}: {@code {"candidateVersion","requestedBy"?,"steps"?}}; arms
     * {@code control} (production) and {@code candidate} at the first step.
     */
    public Experiment createCanary(String json, String who) {
        RequestBody body = RequestBody.parse(json, List.of("candidateVersion", "requestedBy", "steps"));
        String candidate = body.string("candidateVersion", true);
        String requestedBy = body.has("requestedBy") ? body.string("requestedBy", false) : who;
        List<Integer> steps = new ArrayList<>();
        if (body.has("steps")) {
            for (Object step : body.list("steps", false)) {
                steps.add(body.percent(step, "a step"));
            }
        } else {
            steps.addAll(config.canary().defaultSteps());
        }
        body.check();
        String stepsProblem = CanaryState.stepsProblem(steps);
        if (stepsProblem != null) {
            body.problem(stepsProblem);
        }
        Optional<String> production = registry.productionVersion();
        if (production.isEmpty()) {
            body.problem("there is no production model to compare the candidate with");
        } else if (production.get().equals(candidate)) {
            body.problem("candidate '" + candidate + "' is already the production version");
        }
        body.problems().addAll(versionProblems(List.of(new ArmSpec(CanaryState.CANDIDATE, candidate, 0))));
        body.check();
        Optional<Experiment> running = store.running();
        if (running.isPresent()) {
            throw new ExperimentConflictException((running.get().type() == ExperimentType.CANARY
                    ? "a canary is already running: " : "an experiment is running: ") + running.get().id());
        }
        Instant now = Instant.now();
        String id = newId();
        int first = steps.get(0);
        List<ArmSpec> arms = List.of(new ArmSpec(CanaryState.CONTROL, production.get(), 100 - first),
                new ArmSpec(CanaryState.CANDIDATE, candidate, first));
        CanaryState state = new CanaryState(candidate, production.get(), steps, 0, now, requestedBy, Map.of());
        Experiment e = Experiment.created(id, "canary " + candidate, ExperimentType.CANARY, id, arms, Map.of(), now,
                requestedBy, poller.liveAtCreation(id, arms, now), AnalysisPlan.CANARY, state);
        store.insert(e, requestedBy);
        poller.poll();
        return e;
    }

    /**
     * The analysis plan of a new A/B test: {@code primaryMetric} (default watch-through), {@code guardrails} (default
     * rmse, error-rate, latency-p99, without the primary) and {@code plannedUsersPerArm} (optional, positive).
     */
    private static AnalysisPlan plan(RequestBody body) {
        Metric primary = AnalysisPlan.AB_DEFAULT.primary();
        if (body.has("primaryMetric")) {
            String name = body.string("primaryMetric", false);
            Metric named = Metric.fromWireName(name);
            if (name != null && (named == null || !named.canBePrimary())) {
                body.problem("'primaryMetric' must be one of watch-through, rmse, error-rate, got '" + name + "'");
            } else if (named != null) {
                primary = named;
            }
        }
        List<Metric> guardrails = new ArrayList<>();
        if (body.has("guardrails")) {
            for (Object g : body.list("guardrails", false)) {
                Metric metric = g instanceof String s ? Metric.fromWireName(s) : null;
                if (metric == null) {
                    body.problem("a guardrail must be one of " + Metric.wireNames() + ", got " + g);
                } else if (metric == primary) {
                    body.problem("guardrail '" + g + "' is the primary metric");
                } else if (guardrails.contains(metric)) {
                    body.problem("guardrail '" + g + "' is named twice");
                } else {
                    guardrails.add(metric);
                }
            }
        } else {
            AnalysisPlan.AB_DEFAULT.guardrails().stream().filter(m -> m != Metric.WATCH_THROUGH).forEach(guardrails::add);
            if (primary != Metric.WATCH_THROUGH) {
                guardrails.remove(primary);
                guardrails.add(0, Metric.WATCH_THROUGH);
            }
        }
        Long planned = null;
        if (body.has("plannedUsersPerArm")) {
            Object value = body.raw("plannedUsersPerArm");
            if ((value instanceof Integer || value instanceof Long) && ((Number) value).longValue() > 0) {
                planned = ((Number) value).longValue();
            } else {
                body.problem("'plannedUsersPerArm' must be a positive whole number, got " + value);
            }
        }
        return new AnalysisPlan(primary, guardrails, planned);
    }

    /**
     * At most {@value #MAX_OVERRIDES} overrides (QA users pinned to an arm, not a population): an experiment and its
     * audit record (before and after) must fit MongoDB's 16 MB document limit with room to spare.
     */
    private static void overridesCap(RequestBody body, Map<String, String> overrides) {
        if (overrides.size() > MAX_OVERRIDES) {
            body.problem("at most " + MAX_OVERRIDES + " overrides, got " + overrides.size());
        }
    }

    /** The experiment {@code id}. */
    public Experiment get(String id) {
        return store.find(id).orElseThrow(() -> new ExperimentNotFoundException(id));
    }

    /**
     * Writes a change decided elsewhere (the canary controller) conditionally on the revision of
     * {@code before}.
     *
     * @throws ExperimentConflictException if the experiment changed since {@code before} was read
     */
    public Experiment write(Experiment before, Experiment after, String action, String who) {
        if (!store.replace(before, after, action, who)) {
            throw new ExperimentConflictException("experiment " + before.id()
                    + " was changed concurrently; read it again and retry");
        }
        poller.poll();
        return after;
    }

    private Experiment runningExperiment(String id) {
        Experiment e = get(id);
        if (!e.running()) {
            throw new ExperimentConflictException("experiment " + id + " is " + e.status().wireName()
                    + "; only a running experiment can be changed");
        }
        return e;
    }

    private List<String> versionProblems(List<ArmSpec> arms) {
        List<String> problems = new ArrayList<>();
        for (ArmSpec arm : arms) {
            Optional<ModelVersion> version = registry.get(arm.modelVersion());
            if (version.isEmpty()) {
                problems.add("arm '" + arm.name() + "': model version '" + arm.modelVersion()
                        + "' is not in the registry");
            } else if (version.get().status() == ModelStatus.REJECTED) {
                problems.add("arm '" + arm.name() + "': model version '" + arm.modelVersion() + "' was rejected");
            }
        }
        return problems;
    }

    private static String newId() {
        return "exp-" + ID_TIME.format(Instant.now()) + "-"
                + String.format("%06x", ThreadLocalRandom.current().nextInt(1 << 24));
    }
}
