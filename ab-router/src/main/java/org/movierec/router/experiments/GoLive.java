package org.movierec.router.experiments;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;
import org.movierec.registry.ServingReplicas;

/**
 * Lets an experiment go live (route users into its arms and count them, {@link Experiment#liveAt()}) only once every
 * inference replica serves every arm's version. Until then a user of an arm whose version a replica has not loaded
 * would get a 404 there and be retried on control: answered by another version than the arm's, and counted where it
 * was not treated. The replicas say what they serve in their heartbeats ({@link ServingReplicas}, written after
 * every check of the serving set); only heartbeats newer than {@code router.experiments.replica-freshness} count, so
 * a stopped replica is not waited for.
 *
 * <p>A new experiment is live at creation when there is nothing to wait for (every fresh replica already serves its
 * versions, or no replica has a fresh heartbeat: none reads the registry, e.g. a replica on a model file); otherwise
 * it is created not live, and every poll ({@link ExperimentsPoller}) checks again and writes it live (conditionally on
 * its revision, audited as action {@value #ACTION}) once the replicas serve its versions. Going live without waiting
 * because no replica reports is logged at INFO; on a poll it is also said in the audit record's {@code who}, and at
 * creation the create record shows it as {@code liveAt} equal to {@code createdAt} (the create record is one write:
 * a second revision would change what every existing experiment's first revision looks like).
 */
@ApplicationScoped
public class GoLive {

    /** The audit action of going live. */
    public static final String ACTION = "live";

    private static final Logger LOG = Logger.getLogger(GoLive.class);

    @Inject
    ExperimentStore store;

    @Inject
    GoLiveConfig config;

    /** Whether the replicas serve the versions of {@code arms} as of {@code now}. */
    public ServingReadiness readiness(List<ArmSpec> arms, Instant now) {
        Set<String> versions = new LinkedHashSet<>();
        for (ArmSpec arm : arms) {
            versions.add(arm.modelVersion());
        }
        return ServingReadiness.of(new ServingReplicas(store.database()).freshSince(now.minus(config.replicaFreshness())),
                versions);
    }

    /**
     * The {@code liveAt} of new experiment {@code id} with {@code arms}, created {@code now}: {@code now} when there
     * is nothing to wait for, else null (it goes live on a later poll).
     */
    public Instant liveAtCreation(String id, List<ArmSpec> arms, Instant now) {
        ServingReadiness readiness = readiness(arms, now);
        if (readiness instanceof ServingReadiness.NoReplicaReports) {
            LOG.infof("experiment %s is live at once, not awaited: %s", id, noReplicaReports());
        } else if (readiness instanceof ServingReadiness.Waiting waiting) {
            LOG.infof("experiment %s waits to go live until every inference replica serves its versions; missing %s",
                    id, waiting.missing());
        }
        return readiness.ready() ? now : null;
    }

    /**
     * Running experiment {@code e} as it routes now: unchanged while live or while a replica does not serve its
     * versions; else written live at {@code now} (or as another router replica just wrote it).
     */
    public Experiment advance(Experiment e, Instant now) {
        if (e.liveAt() != null || !e.running()) {
            return e;
        }
        ServingReadiness readiness = readiness(e.arms(), now);
        if (!readiness.ready()) {
            return e;
        }
        String who = readiness instanceof ServingReadiness.EveryReplicaServes every
                ? "router: every inference replica serves the arms' versions (" + every.replicas() + " replicas)"
                : "router: not awaited, " + noReplicaReports();
        Experiment live = e.wentLive(now);
        if (!store.replace(e, live, ACTION, who)) {
            // another router replica changed it first (maybe made it live): take what it wrote
            return store.find(e.id()).orElse(e);
        }
        LOG.infof("experiment %s is live: %s", e.id(), who);
        return live;
    }

    private String noReplicaReports() {
        return "no inference replica has reported the versions it serves within "
                + config.replicaFreshness().toSeconds() + " s (one serving a model file reports none)";
    }
}
