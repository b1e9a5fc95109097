package org.movierec.router.experiments;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.movierec.contracts.experiments.ExperimentArm;
import org.movierec.contracts.experiments.ExperimentStatus;
import org.movierec.contracts.experiments.ExperimentsCollection;

/**
 * The stored form of an {@link Experiment}: the {@link ExperimentsCollection} shape that inference replicas read
 * ({@code _id, name, status, arms[name, modelVersion, weight]}) plus the router's own fields:
 *
 * <pre>{@code
 * { _id, name, status, arms: [...], type: "ab" | "canary", salt, overrides: {"<userId>": "<arm>"},
 *   revision, createdAt, createdBy, liveAt, weightsSince, endedAt, endReason,
 *   weightPeriods: [ { since, weights: {"<arm>": <percent>} }, ... ],   // oldest first, the last is current
 *   plan: { primaryMetric, guardrails: [...], plannedUsersPerArm },

 *   running: true,                     // only while running; a unique sparse index allows one such document
 *   canary: { candidateVersion, controlVersion, steps, step, stepStartedAt, requestedBy, pValues,
 *             release: { state, reason, attempts, lastError, nextAttemptAt } (once the canary passed) } }
 * }</pre>
 *
 * Arm weights are whole percentages (stored as numbers, as {@link ExperimentArm#toDocument()} writes them).
 * Documents written before {@code liveAt}, {@code weightPeriods} and {@code plan} existed read as live since
 * creation, one weight period since {@code weightsSince}, and the default plan of their type.
 */
public final class ExperimentDocuments {

    /** Present (true) only on the running experiment; unique and sparse, so at most one runs. */
    public static final String RUNNING = "running";
    public static final String REVISION = "revision";

    private ExperimentDocuments() {
    }

    /** The document of {@code e}. */
    public static Document toDocument(Experiment e) {
        List<Document> arms = new ArrayList<>();
        for (ArmSpec arm : e.arms()) {
            arms.add(new ExperimentArm(arm.name(), arm.modelVersion(), arm.weight()).toDocument());
        }
        Document d = new Document(ExperimentsCollection.ID, e.id())
                .append(ExperimentsCollection.NAME, e.name())
                .append(ExperimentsCollection.STATUS, e.status().wireName())
                .append(ExperimentsCollection.ARMS, arms)
                .append("type", e.type().wireName())
                .append("salt", e.salt())
                .append("overrides", new Document(new LinkedHashMap<>(e.overrides())))
                .append(REVISION, e.revision())
                .append("createdAt", date(e.createdAt()))
                .append("createdBy", e.createdBy())
                .append("liveAt", date(e.liveAt()))
                .append("weightsSince", date(e.weightsSince()))
                .append("weightPeriods", periodDocuments(e.weightPeriods()))
                .append("plan", new Document("primaryMetric", e.plan().primary().wireName())
                        .append("guardrails", e.plan().guardrails().stream().map(Metric::wireName).toList())
                        .append("plannedUsersPerArm", e.plan().plannedUsersPerArm()))
                .append("endedAt", date(e.endedAt()))
                .append("endReason", e.endReason());
        if (e.running()) {
            d.append(RUNNING, true);
        }
        if (e.canary() != null) {
            CanaryState c = e.canary();
            d.append("canary", new Document("candidateVersion", c.candidateVersion())
                    .append("controlVersion", c.controlVersion())
                    .append("steps", c.steps())
                    .append("step", c.step())
                    .append("stepStartedAt", date(c.stepStartedAt()))
                    .append("requestedBy", c.requestedBy())
                    .append("pValues", new Document(new LinkedHashMap<>(c.pValues())))
                    .append("release", c.release() == null ? null : new Document("state", c.release().state())
                            .append("reason", c.release().reason())
                            .append("attempts", c.release().attempts())
                            .append("lastError", c.release().lastError())
                            .append("nextAttemptAt", date(c.release().nextAttemptAt()))));
        }
        return d;
    }

    /**
     * The experiment a document describes.
     *
     * @throws IllegalArgumentException naming the field if the document is malformed
     */
    public static Experiment fromDocument(Document d) {
        try {
            List<ArmSpec> arms = new ArrayList<>();
            for (Object element : d.getList(ExperimentsCollection.ARMS, Object.class)) {
                ExperimentArm arm = ExperimentArm.fromDocument(element);
                arms.add(new ArmSpec(arm.name(), arm.modelVersion(), (int) Math.round(arm.weight())));
            }
            Map<String, String> overrides = new LinkedHashMap<>();
            Document o = d.get("overrides", Document.class);
            if (o != null) {
                o.forEach((user, arm) -> overrides.put(user, (String) arm));
            }
            CanaryState canary = null;
            Document c = d.get("canary", Document.class);
            if (c != null) {
                Map<String, Double> pValues = new LinkedHashMap<>();
                Document p = c.get("pValues", Document.class);
                if (p != null) {
                    p.forEach((metric, value) -> pValues.put(metric, ((Number) value).doubleValue()));
                }
                List<Integer> steps = new ArrayList<>();
                for (Object step : c.getList("steps", Object.class)) {
                    steps.add(((Number) step).intValue());
                }
                Document r = c.get("release", Document.class);
                CanaryRelease release = r == null ? null : new CanaryRelease(r.getString("state"), r.getString("reason"),
                        ((Number) r.get("attempts")).intValue(), r.getString("lastError"), instant(r.getDate("nextAttemptAt")));
                canary = new CanaryState(c.getString("candidateVersion"), c.getString("controlVersion"), steps,
                        ((Number) c.get("step")).intValue(), instant(c.getDate("stepStartedAt")),
                        c.getString("requestedBy"), pValues, release);
            }
            ExperimentType type = ExperimentType.fromWireName(d.getString("type"));
            Instant createdAt = instant(d.getDate("createdAt"));
            Instant liveAt = d.containsKey("liveAt") ? instant(d.getDate("liveAt")) : createdAt;
            List<WeightPeriod> periods = new ArrayList<>();
            if (d.containsKey("weightPeriods")) {
                for (Document p : d.getList("weightPeriods", Document.class)) {
                    Map<String, Integer> weights = new LinkedHashMap<>();
                    p.get("weights", Document.class).forEach((arm, w) -> weights.put(arm, ((Number) w).intValue()));
                    periods.add(new WeightPeriod(instant(p.getDate("since")), weights));
                }
            } else {
                Map<String, Integer> weights = new LinkedHashMap<>();
                arms.forEach(arm -> weights.put(arm.name(), arm.weight()));
                periods.add(new WeightPeriod(instant(d.getDate("weightsSince")), weights));
            }
            return new Experiment(String.valueOf(d.get(ExperimentsCollection.ID)), d.getString(ExperimentsCollection.NAME),
                    type, ExperimentStatus.fromWireName(d.getString(ExperimentsCollection.STATUS)), d.getString("salt"),
                    arms, overrides, ((Number) d.get(REVISION)).longValue(), createdAt, d.getString("createdBy"), liveAt,
                    periods, plan(d.get("plan", Document.class), type), instant(d.getDate("endedAt")),
                    d.getString("endReason"), canary);
        } catch (ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("experiment " + d.get(ExperimentsCollection.ID) + " is malformed: " + e, e);
        }
    }

    /** The experiment as the admin API answers it (JSON-ready maps and lists). */
    public static Map<String, Object> toJson(Experiment e) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", e.id());
        json.put("name", e.name());
        json.put("type", e.type().wireName());
        json.put("status", e.status().wireName());
        json.put("salt", e.salt());
        List<Map<String, Object>> arms = new ArrayList<>();
        for (ArmSpec arm : e.arms()) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("name", arm.name());
            a.put("modelVersion", arm.modelVersion());
            a.put("weight", arm.weight());
            arms.add(a);
        }
        json.put("arms", arms);
        json.put("overrides", e.overrides());
        json.put("revision", e.revision());
        json.put("createdAt", text(e.createdAt()));
        json.put("createdBy", e.createdBy());
        json.put("liveAt", text(e.liveAt()));
        json.put("weightsSince", text(e.weightsSince()));
        List<Map<String, Object>> periods = new ArrayList<>();
        for (WeightPeriod p : e.weightPeriods()) {
            Map<String, Object> period = new LinkedHashMap<>();
            period.put("since", text(p.since()));
            period.put("weights", p.weights());
            periods.add(period);
        }
        json.put("weightPeriods", periods);
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("primaryMetric", e.plan().primary().wireName());
        plan.put("guardrails", e.plan().guardrails().stream().map(Metric::wireName).toList());
        plan.put("plannedUsersPerArm", e.plan().plannedUsersPerArm());
        json.put("plan", plan);
        json.put("endedAt", text(e.endedAt()));
        json.put("endReason", e.endReason());
        if (e.canary() != null) {
            CanaryState c = e.canary();
            Map<String, Object> canary = new LinkedHashMap<>();
            canary.put("candidateVersion", c.candidateVersion());
            canary.put("controlVersion", c.controlVersion());
            canary.put("steps", c.steps());
            canary.put("step", c.step());
            canary.put("percent", c.percent());
            canary.put("stepStartedAt", text(c.stepStartedAt()));
            canary.put("requestedBy", c.requestedBy());
            canary.put("pValues", c.pValues());
            canary.put("release", c.release() == null ? null : c.release().toJson());
            json.put("canary", canary);
        }
        return json;
    }

    private static List<Document> periodDocuments(List<WeightPeriod> periods) {
        List<Document> result = new ArrayList<>();
        for (WeightPeriod p : periods) {
            result.add(new Document("since", date(p.since())).append("weights", new Document(new LinkedHashMap<>(p.weights()))));
        }
        return result;
    }

    /** The stored plan, or the default of the experiment's type for a document written before plans existed. */
    private static AnalysisPlan plan(Document p, ExperimentType type) {
        if (p == null) {
            return type == ExperimentType.CANARY ? AnalysisPlan.CANARY : AnalysisPlan.AB_DEFAULT;
        }
        List<Metric> guardrails = new ArrayList<>();
        for (String g : p.getList("guardrails", String.class)) {
            guardrails.add(known(Metric.fromWireName(g), g));
        }
        Number planned = (Number) p.get("plannedUsersPerArm");
        return new AnalysisPlan(known(Metric.fromWireName(p.getString("primaryMetric")), p.getString("primaryMetric")),
                guardrails, planned == null ? null : planned.longValue());
    }

    private static Metric known(Metric metric, String name) {
        if (metric == null) {
            throw new IllegalArgumentException("unknown metric '" + name + "'");
        }
        return metric;
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
