package org.movierec.simulator.traffic;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import org.movierec.simulator.SimulatorConfig;
import org.movierec.simulator.catalog.World;
import org.movierec.simulator.faults.FaultInjector;
import org.movierec.simulator.faults.FaultRates;
import org.movierec.simulator.movielog.MovielogWriter;

/**
 * Opens sessions of random users at the configured rate while enabled: each asks the router for
 * the user's list (non-blocking), then a single session thread plays it ({@link SessionPlayer}) and
 * writes its lines. A ticker every {@value #TICK_MS} ms opens {@code rate × elapsed} sessions
 * (fractions carried over), plus a burst of {@code simulator.faults.burst-size} sessions every
 * {@code burst-every}. At most {@code simulator.traffic.max-in-flight} sessions wait at once; beyond
 * that new ones are skipped and counted, so a slow router or broker cannot exhaust memory.
 */
@ApplicationScoped
public class TrafficGenerator {

    /** The largest rate accepted. */
    public static final double MAX_RATE = 10_000;
    static final long TICK_MS = 50;

    private static final Logger LOG = Logger.getLogger(TrafficGenerator.class);

    @Inject
    SimulatorConfig config;

    @Inject
    World world;

    @Inject
    MovielogWriter writer;

    @Inject
    MeterRegistry registry;

    @Inject
    Vertx vertx;

    private RouterClient client;
    private SessionPlayer player;
    private TrafficStats stats;
    private Counter bursts;
    private SplittableRandom random;
    private ScheduledExecutorService ticker;
    private ExecutorService sessions;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean enabled;
    private volatile double rate;
    private double carry;
    private long lastTick;
    private long nextBurst;

    void start(@Observes StartupEvent event) {
        SimulatorConfig.Traffic traffic = config.traffic();
        rate = checkRate(traffic.sessionsPerSecond());
        if (traffic.maxInFlight() < 1) {
            throw new IllegalArgumentException("simulator.traffic.max-in-flight must be >= 1, got " + traffic.maxInFlight());
        }
        SimulatorConfig.Faults faults = config.faults();
        if (faults.burstSize() < 0 || faults.burstEvery().isNegative()) {
            throw new IllegalArgumentException("simulator.faults.burst-size and burst-every must not be negative");
        }
        client = new RouterClient(vertx, config.routerUrl(), config.requestTimeout().toMillis());
        FaultInjector injector = new FaultInjector(writer,
                new FaultRates(faults.garbageRate(), faults.duplicateRate(), faults.outOfRangeRate()), world.scale(), registry);
        player = new SessionPlayer(world, new ChoiceModel(world.scale(), traffic.reluctance()), injector,
                traffic.serverName().orElse(client.server()), traffic.rateProbability(), traffic.browseProbability(), Clock.systemUTC(),
                traffic.rewatch() ? null : WatchHistory.of(world));
        stats = new TrafficStats(registry);
        bursts = registry.counter("simulator.faults", "kind", "burst");
        registry.gauge("simulator.sessions.in.flight", inFlight);
        random = new SplittableRandom(config.seed() ^ 0x5E55_10E5L);
        sessions = Executors.newSingleThreadExecutor(daemon("simulator-sessions"));
        ticker = Executors.newSingleThreadScheduledExecutor(daemon("simulator-traffic"));
        lastTick = System.nanoTime();
        nextBurst = burstInterval() > 0 ? lastTick + burstInterval() : Long.MAX_VALUE;
        ticker.scheduleAtFixedRate(this::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
        enabled = traffic.enabled();
        LOG.infof("traffic %s at %.1f sessions/s against %s", enabled ? "on" : "off", rate, config.routerUrl());
    }

    void stop(@Observes ShutdownEvent event) {
        enabled = false;
        if (ticker != null) {
            ticker.shutdownNow();
        }
        if (sessions != null) {
            sessions.shutdown();
        }
        if (client != null) {
            client.close();
        }
    }

    /** Switches traffic on or off and/or changes its rate ({@code null} keeps the current value). */
    public synchronized void set(Boolean enable, Double sessionsPerSecond) {
        if (sessionsPerSecond != null) {
            rate = checkRate(sessionsPerSecond);
        }
        if (enable != null && enable != enabled) {
            carry = 0;
            lastTick = System.nanoTime();
            enabled = enable;
            LOG.infof("traffic %s at %.1f sessions/s", enable ? "on" : "off", rate);
        }
    }

    public boolean enabled() {
        return enabled;
    }

    public double sessionsPerSecond() {
        return rate;
    }

    public TrafficStats stats() {
        return stats;
    }

    /**
     * Plays {@code n} sessions now, whatever the traffic switch; completes when all of them have
     * written their lines (handed to the producer). For drivers and tests that want an exact number of sessions.
     */
    public CompletableFuture<Void> runSessions(int n) {
        List<CompletableFuture<Void>> all = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            all.add(launch());
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    }

    private synchronized void tick() {
        try {
            long now = System.nanoTime();
            double elapsed = (now - lastTick) / 1e9;
            lastTick = now;
            if (!enabled) {
                return;
            }
            double due = rate * elapsed + carry;
            long count = (long) due;
            carry = due - count;
            for (long k = 0; k < count; k++) {
                launch();
            }
            if (now >= nextBurst) {
                nextBurst = now + burstInterval();
                bursts.increment();
                for (int k = 0; k < config.faults().burstSize(); k++) {
                    launch();
                }
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "traffic tick failed");
        }
    }

    private CompletableFuture<Void> launch() {
        if (inFlight.incrementAndGet() > config.traffic().maxInFlight()) {
            inFlight.decrementAndGet();
            stats.skipped();
            return CompletableFuture.completedFuture(null);
        }
        SplittableRandom sessionRandom;
        synchronized (random) {
            sessionRandom = random.split();
        }
        int user = sessionRandom.nextInt(world.userCount());
        LocalDateTime start = LocalDateTime.now(ZoneOffset.UTC);
        return client.recommend(world.userId(user)).thenAcceptAsync(answer -> {
            try {
                stats.record(answer, player.play(user, start, answer, sessionRandom));
            } catch (RuntimeException e) {
                LOG.errorf(e, "session of user %d failed", world.userId(user));
            } finally {
                inFlight.decrementAndGet();
            }
        }, sessions).toCompletableFuture();
    }

    private long burstInterval() {
        return config.faults().burstSize() > 0 ? config.faults().burstEvery().toNanos() : 0;
    }

    private static double checkRate(double sessionsPerSecond) {
        if (!(sessionsPerSecond > 0 && sessionsPerSecond <= MAX_RATE)) {
            throw new IllegalArgumentException("sessionsPerSecond must be in (0, " + (long) MAX_RATE + "], got " + sessionsPerSecond);
        }
        return sessionsPerSecond;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
