package org.movierec.retrain.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.movierec.testkit.MongoServer;

/** The lease between two replicas (two owners) on one mongo-java-server, with a clock the test moves. */
class RunLeaseTest {

    static MongoServer server;
    static MongoClient mongo;
    static int databases;

    @BeforeAll
    static void start() {
        server = MongoServer.builder().build();
        mongo = MongoClients.create(server.start());
    }

    @AfterAll
    static void stop() {
        mongo.close();
        server.close();
    }

    /** A clock that moves only when told. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-01T03:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final ManualClock clock = new ManualClock();
    RunLease a;
    RunLease b;

    /** Two replicas' leases on a fresh database, sharing the test's clock. */
    @BeforeEach
    void replicas() {
        MongoDatabase db = mongo.getDatabase("lease" + (++databases));
        a = new RunLease(db, "replica-a", Duration.ofMinutes(2), clock);
        b = new RunLease(db, "replica-b", Duration.ofMinutes(2), clock);
    }

    @Test
    void oneHolderAtATimeAcrossReplicas() {
        assertThat(a.acquire("run-1")).isEqualTo(new RunLease.Acquired(null));
        assertThat(b.acquire("run-2")).isInstanceOf(RunLease.Busy.class)
                .extracting(x -> ((RunLease.Busy) x).runId()).isEqualTo("run-1");
        assertThat(a.acquire("run-3")).isInstanceOf(RunLease.Busy.class);
        assertThat(b.holder()).contains("run-1");
        b.release("run-1"); // not b's: nothing happens
        assertThat(a.holder()).contains("run-1");
        a.release("run-1");
        assertThat(b.acquire("run-2")).isEqualTo(new RunLease.Acquired(null));
    }

    @Test
    void heartbeatsKeepTheLeaseAndAnExpiredOneIsTakenOver() {
        a.acquire("run-1");
        clock.now = clock.now.plus(Duration.ofSeconds(90));
        assertThat(a.renew("run-1")).isTrue();
        clock.now = clock.now.plus(Duration.ofSeconds(90)); // 3 min after start, 90 s after the heartbeat
        assertThat(b.acquire("run-2")).isInstanceOf(RunLease.Busy.class);
        clock.now = clock.now.plus(Duration.ofSeconds(31)); // replica a died: no heartbeat for 121 s
        assertThat(b.acquire("run-2")).isEqualTo(new RunLease.Acquired("run-1"));
        assertThat(a.renew("run-1")).isFalse();
        a.release("run-1");
        assertThat(b.holder()).contains("run-2");
    }
}
