package io.twelvefactor.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twelvefactor.lifecycle.Health.CheckResult;
import io.twelvefactor.lifecycle.Health.Status;
import io.twelvefactor.lifecycle.HealthCheck.Role;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Readiness the application changes, and health checks, on the injected clock. */
class HealthTest {

    private final Fixture fx = new Fixture();
    private final Shutdown sd = fx.build();

    @Test
    void startingUntilStartedThenReady() {
        assertEquals(Status.STARTING, sd.health().status());
        assertEquals(503, sd.health().httpStatus());
        assertFalse(sd.isReady());
        sd.started();
        assertEquals(new Health(Status.READY, Optional.empty(), List.of()), sd.health());
        assertEquals(200, sd.health().httpStatus());
        assertTrue(sd.isReady());
    }

    @Test
    void notReadyShowsItsReasonUntilReady() {
        sd.started();
        sd.notReady("  cache warming up ");
        assertFalse(sd.isReady());
        Health health = sd.health();
        assertEquals(Status.NOT_READY, health.status());
        assertEquals(Optional.of("cache warming up"), health.reason());
        assertEquals("{\"status\":\"not ready\",\"reason\":\"cache warming up\",\"checks\":[]}", health.toJson());
        sd.notReady("lost the session to the payment gateway");
        assertEquals(Optional.of("lost the session to the payment gateway"), sd.health().reason());
        sd.ready();
        assertTrue(sd.isReady());
        assertEquals(Status.READY, sd.health().status());
    }

    @Test
    void readyBeforeStartedDoesNotMakeItReady() {
        sd.notReady("warming");
        sd.ready();
        assertFalse(sd.isReady());
        assertEquals(Status.STARTING, sd.health().status());
    }

    @Test
    void onceShutdownBeganItStaysNotReadyWhateverTheApplicationSays() throws Exception {
        sd.started();
        AtomicInteger checked = new AtomicInteger();
        sd.addHealthCheck("db", Role.INFORMATIONAL, () -> checked.incrementAndGet() > 0);
        sd.health();
        CountDownLatch inHook = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        sd.register("hold", () -> {
            inHook.countDown();
            release.await();
        });
        fx.signal("TERM");
        ShutdownTest.assertTimely(inHook);
        sd.ready();
        fx.advance(Duration.ofSeconds(10)); // the cached result is stale: still nothing runs
        assertFalse(sd.isReady());
        Health health = sd.health();
        assertEquals(Status.SHUTTING_DOWN, health.status());
        assertEquals(503, health.httpStatus());
        assertEquals(1, checked.get(), "no check runs once shutdown began");
        assertEquals(List.of("db"), health.checks().stream().map(CheckResult::name).toList(), "the last results are shown");
        release.countDown();
        sd.await();
    }

    @Test
    void aResultIsReusedForTheIntervalThenTheCheckRunsAgain() {
        sd.started();
        AtomicInteger runs = new AtomicInteger();
        sd.addHealthCheck("db", Role.INFORMATIONAL, () -> runs.incrementAndGet() > 0);
        for (int i = 0; i < 5; i++) {
            sd.health();
        }
        assertEquals(1, runs.get(), "five probes, one check");
        fx.advance(Duration.ofMillis(4_999));
        CheckResult cached = sd.health().checks().get(0);
        assertEquals(1, runs.get());
        assertEquals(Duration.ofMillis(4_999), cached.checkedAgo());
        fx.advance(Duration.ofMillis(1));
        CheckResult fresh = sd.health().checks().get(0);
        assertEquals(2, runs.get(), "the default interval is 5 s");
        assertEquals(Duration.ZERO, fresh.checkedAgo());
    }

    @Test
    void theIntervalIsABuilderSetting() {
        Shutdown quick = Shutdown.builder().env(java.util.Map.of()).clock(fx.nanos::get)
                .healthCheckInterval(Duration.ofSeconds(1)).build();
        AtomicInteger runs = new AtomicInteger();
        quick.addHealthCheck("db", Role.INFORMATIONAL, () -> runs.incrementAndGet() > 0);
        quick.health();
        fx.advance(Duration.ofSeconds(1));
        quick.health();
        assertEquals(2, runs.get());
        assertThrows(IllegalArgumentException.class, () -> Shutdown.builder().healthCheckInterval(Duration.ofMillis(-1)));
    }

    @Test
    void aCheckOverrunningItsTimeoutIsDownAndInterrupted() throws Exception {
        sd.started();
        CountDownLatch interrupted = new CountDownLatch(1);
        sd.addHealthCheck("broker", Role.GATES_READINESS, Duration.ofMillis(300), () -> {
            fx.advance(Duration.ofSeconds(1));
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
            return true;
        });
        Health health = sd.health();
        CheckResult broker = health.checks().get(0);
        assertFalse(broker.up());
        assertEquals(Optional.of("timed out after 300 ms"), broker.problem());
        assertEquals(Status.NOT_READY, health.status());
        assertEquals(Optional.of("health check 'broker' is down: timed out after 300 ms"), health.reason());
        ShutdownTest.assertTimely(interrupted);
    }

    @Test
    void aHungCheckIsNeverStartedTwice() throws Exception {
        sd.started();
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        sd.addHealthCheck("db", Role.INFORMATIONAL, Duration.ofMillis(500), () -> {
            runs.incrementAndGet();
            fx.advance(Duration.ofSeconds(1));
            boolean interrupted = false;
            while (true) { // ignores interrupts, as a blocked socket read does
                try {
                    release.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            return !interrupted;
        });
        assertEquals(Optional.of("timed out after 500 ms"), sd.health().checks().get(0).problem());
        fx.advance(Duration.ofSeconds(10));
        CheckResult still = sd.health().checks().get(0);
        assertEquals(1, runs.get(), "the run in flight is waited for, not doubled");
        assertFalse(still.up());
        assertEquals(Duration.ofSeconds(11), still.duration(), "how long it has run so far");
        assertTrue(sd.isReady(), "an informational check never gates");

        release.countDown();
        join("twelvefactor-health-check db");
        fx.advance(Duration.ofSeconds(10));
        sd.health();
        assertEquals(2, runs.get(), "the next run starts once the hung one returned");
    }

    @Test
    void anExceptionIsShownByItsClassAndNeverByItsMessage() {
        sd.started();
        sd.addHealthCheck("db", Role.INFORMATIONAL, () -> {
            throw new IllegalStateException("FATAL: password authentication failed, password=hunter2");
        });
        sd.addHealthCheck("cache", Role.GATES_READINESS, () -> false);
        Health health = sd.health();
        assertEquals(Optional.of("threw java.lang.IllegalStateException"), health.checks().get(0).problem());
        assertEquals(Optional.of("reported unhealthy"), health.checks().get(1).problem());
        assertFalse(health.toJson().contains("hunter2"), health.toJson());
    }

    @Test
    void onlyGatingChecksDecideReadiness() {
        sd.started();
        AtomicBoolean dbUp = new AtomicBoolean(false);
        AtomicBoolean cacheWarm = new AtomicBoolean(true);
        sd.addHealthCheck("db", Role.INFORMATIONAL, dbUp::get);
        sd.addHealthCheck("cache", Role.GATES_READINESS, cacheWarm::get);
        Health health = sd.health();
        assertEquals(Status.READY, health.status(), "a shared database down takes no replica out of rotation");
        assertFalse(health.checks().get(0).up());

        cacheWarm.set(false);
        fx.advance(Duration.ofSeconds(5));
        health = sd.health();
        assertEquals(Status.NOT_READY, health.status());
        assertEquals(Optional.of("health check 'cache' is down: reported unhealthy"), health.reason());
        assertFalse(sd.isReady());

        cacheWarm.set(true);
        fx.advance(Duration.ofSeconds(5));
        assertTrue(sd.isReady(), "ready again once the gating check is up");
    }

    @Test
    void isReadyRunsOnlyTheGatingChecks() {
        sd.started();
        AtomicInteger informational = new AtomicInteger();
        AtomicInteger gating = new AtomicInteger();
        sd.addHealthCheck("db", Role.INFORMATIONAL, () -> informational.incrementAndGet() > 0);
        sd.addHealthCheck("cache", Role.GATES_READINESS, () -> gating.incrementAndGet() > 0);
        assertTrue(sd.isReady());
        assertEquals(0, informational.get());
        assertEquals(1, gating.get());
    }

    @Test
    void theApplicationsReasonComesBeforeTheChecks() {
        sd.started();
        sd.addHealthCheck("cache", Role.GATES_READINESS, () -> false);
        sd.notReady("reloading the rules");
        assertEquals(Optional.of("reloading the rules"), sd.health().reason());
    }

    @Test
    void dueChecksRunInParallel() {
        sd.started();
        CountDownLatch a = new CountDownLatch(1);
        CountDownLatch b = new CountDownLatch(1);
        // each waits for the other: run one after the other, the first would report unhealthy
        sd.addHealthCheck("a", Role.GATES_READINESS, () -> {
            a.countDown();
            return b.await(10, TimeUnit.SECONDS);
        });
        sd.addHealthCheck("b", Role.GATES_READINESS, () -> {
            b.countDown();
            return a.await(10, TimeUnit.SECONDS);
        });
        assertEquals(Status.READY, sd.health().status());
    }

    @Test
    void badArgumentsAreRefused() {
        sd.addHealthCheck("db", Role.INFORMATIONAL, () -> true);
        assertThrows(IllegalArgumentException.class, () -> sd.addHealthCheck("db", Role.GATES_READINESS, () -> true));
        assertThrows(IllegalArgumentException.class, () -> sd.addHealthCheck(" ", Role.GATES_READINESS, () -> true));
        assertThrows(IllegalArgumentException.class,
                () -> sd.addHealthCheck("x", Role.GATES_READINESS, Duration.ZERO, () -> true));
        assertThrows(NullPointerException.class, () -> sd.addHealthCheck("y", null, () -> true));
        assertThrows(IllegalArgumentException.class, () -> sd.notReady(" "));
        assertThrows(NullPointerException.class, () -> sd.notReady(null));
    }

    /** Waits for the named thread to end (a bound, not a synchronisation: it was released). */
    static void join(String name) throws InterruptedException {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(name)) {
                t.join(TimeUnit.SECONDS.toMillis(10));
                assertFalse(t.isAlive(), name + " still running 10 s after its release");
            }
        }
    }
}
