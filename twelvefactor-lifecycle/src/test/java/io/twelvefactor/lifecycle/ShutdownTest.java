package io.twelvefactor.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twelvefactor.lifecycle.ShutdownReport.HookResult;
import io.twelvefactor.lifecycle.ShutdownReport.Outcome;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ShutdownTest {

    private final Fixture fx = new Fixture();
    private final List<String> ran = Collections.synchronizedList(new ArrayList<>());

    private Hook note(String name) {
        return () -> ran.add(name);
    }

    @Test
    void runsPhasesInOrderAndTheLastRegisteredFirstWithinAPhase() {
        Shutdown sd = fx.build();
        sd.register("pool", note("pool"));
        sd.register(Phase.SERVERS, "http", note("http"));
        sd.register(Phase.WORKERS, "jobs", note("jobs"));
        sd.register("cache", note("cache"));
        sd.register(Phase.SERVERS, "grpc", note("grpc"));

        ShutdownReport report = sd.shutdown();

        assertEquals(List.of("grpc", "http", "jobs", "cache", "pool"), ran);
        assertEquals(List.of("grpc", "http", "jobs", "cache", "pool"), report.hooks().stream().map(HookResult::name).toList());
        assertEquals(Shutdown.EXIT_OK, report.exitCode());
        assertEquals("shutdown()", report.trigger());
        assertTrue(report.summary().startsWith("shutdown after shutdown() took "), report.summary());
        assertTrue(report.summary().endsWith(
                "exit code 0: grpc OK 0 ms, http OK 0 ms, jobs OK 0 ms, cache OK 0 ms, pool OK 0 ms"), report.summary());
    }

    @Test
    void aFailingHookIsReportedAndTheOthersStillRun() {
        Shutdown sd = fx.build();
        sd.register("first-registered", note("first-registered"));
        sd.register("disk", () -> {
            throw new IOException("disk gone");
        });
        sd.register("last-registered", note("last-registered"));

        ShutdownReport report = sd.shutdown();

        assertEquals(List.of("last-registered", "first-registered"), ran);
        HookResult disk = report.hooks().get(1);
        assertEquals(Outcome.FAILED, disk.outcome());
        assertEquals("disk gone", disk.failure().orElseThrow().getMessage());
        assertEquals(Shutdown.EXIT_HOOK_FAILED, report.exitCode());
        assertTrue(report.summary().contains("disk FAILED 0 ms (java.io.IOException: disk gone)"), report.summary());
    }

    @Test
    void aHookOverrunningItsOwnTimeoutIsInterruptedAndTheNextRuns() {
        Shutdown sd = fx.build();
        CountDownLatch interrupted = new CountDownLatch(1);
        sd.register("after", note("after"));
        sd.register("slow", Duration.ofSeconds(1), () -> {
            fx.advance(Duration.ofSeconds(2));
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });

        ShutdownReport report = sd.shutdown();

        assertEquals(Outcome.TIMED_OUT, report.hooks().get(0).outcome());
        assertEquals(Duration.ofSeconds(2), report.hooks().get(0).duration());
        assertEquals(Outcome.OK, report.hooks().get(1).outcome());
        assertEquals(Shutdown.EXIT_HOOK_FAILED, report.exitCode(), "its own timeout is a failure, not the budget");
        assertEquals(List.of("after"), ran);
        assertTimely(interrupted);
    }

    @Test
    void hookTimeoutsAreCappedByWhatIsLeftOfTheBudgetAndLaterHooksAreSkipped() {
        Shutdown sd = fx.env("SHUTDOWN_TIMEOUT", "10s").build();
        sd.register("c", note("c"));
        CountDownLatch release = new CountDownLatch(1);
        sd.register("b", Duration.ofSeconds(5), () -> {
            fx.advance(Duration.ofMillis(2500)); // 10.5 s in: within b's 5 s, past the 10 s budget
            while (release.getCount() > 0) {
                try {
                    release.await(); // ignores interrupts: abandoned, never waited for
                } catch (InterruptedException ignored) {
                    // keeps hanging, as a badly written hook would
                }
            }
        });
        sd.register("a", () -> fx.advance(Duration.ofSeconds(8)));

        ShutdownReport report = sd.shutdown();

        assertEquals(List.of(Outcome.OK, Outcome.TIMED_OUT, Outcome.SKIPPED),
                report.hooks().stream().map(HookResult::outcome).toList());
        assertEquals(Shutdown.EXIT_BUDGET_SPENT, report.exitCode());
        assertEquals(Duration.ofMillis(10_500), report.duration());
        assertTrue(report.summary().endsWith("a OK 8000 ms, b TIMED_OUT 2500 ms, c SKIPPED"), report.summary());
        assertTrue(ran.isEmpty());
        release.countDown();
    }

    @Test
    void aSignalRunsTheSequenceAndExitsWithTheReportsCode() throws Exception {
        Shutdown sd = fx.build();
        sd.register("ok", note("ok"));
        fx.signal("TERM");
        assertEquals(Shutdown.EXIT_OK, Fixture.next(fx.exits));
        assertEquals("SIGTERM", sd.await().trigger());
        assertEquals(List.of("ok"), ran);
        assertTrue(fx.halts.isEmpty());

        Fixture other = new Fixture();
        Shutdown failing = other.build();
        failing.register("broken", () -> {
            throw new IllegalStateException("boom");
        });
        other.signal("HUP");
        assertEquals(Shutdown.EXIT_HOOK_FAILED, Fixture.next(other.exits));
        assertEquals("SIGHUP", failing.await().trigger());
    }

    @Test
    void aCleanSignalShutdownCanExitWith128PlusTheSignal() throws Exception {
        Fixture jvmConvention = new Fixture().signalExitStatus();
        Shutdown sd = jvmConvention.build();
        sd.register("ok", note("ok"));
        jvmConvention.signal("TERM");
        assertEquals(143, Fixture.next(jvmConvention.exits));
        assertEquals(143, sd.await().exitCode());

        Fixture failing = new Fixture().signalExitStatus();
        Shutdown broken = failing.build();
        broken.register("broken", () -> {
            throw new IOException("disk gone");
        });
        failing.signal("INT");
        assertEquals(Shutdown.EXIT_HOOK_FAILED, Fixture.next(failing.exits), "a failure still says so");

        Shutdown programmatic = new Fixture().signalExitStatus().build();
        assertEquals(Shutdown.EXIT_OK, programmatic.shutdown().exitCode());
    }

    @Test
    void aSpentBudgetHaltsInsteadOfExiting() throws Exception {
        Shutdown sd = fx.env("SHUTDOWN_TIMEOUT", "3s").build();
        sd.register("late", note("late"));
        sd.register("hog", () -> fx.advance(Duration.ofSeconds(4)));
        fx.signal("TERM");
        assertEquals(Shutdown.EXIT_BUDGET_SPENT, Fixture.next(fx.halts));
        // hog may count as OK or TIMED_OUT: it returned at the very moment the budget ran out
        assertEquals(Outcome.SKIPPED, sd.await().hooks().get(1).outcome());
        assertEquals(Shutdown.EXIT_BUDGET_SPENT, sd.await().exitCode());
        assertTrue(ran.isEmpty());
        assertTrue(fx.exits.isEmpty());
    }

    @Test
    void aSecondSigintHaltsAtOnce() throws Exception {
        Shutdown sd = fx.build();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        sd.register("never", note("never"));
        sd.register("stuck", () -> {
            entered.countDown();
            release.await();
        });
        fx.signal("TERM");
        assertTimely(entered);
        fx.signal("INT");
        assertEquals(130, Fixture.next(fx.halts));
        release.countDown();
        sd.await();
    }

    @Test
    void aSecondSigtermIsIgnoredUnlessConfigured() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Hook stuck = () -> {
            entered.countDown();
            release.await();
        };
        Shutdown sd = fx.build();
        sd.register("stuck", stuck);
        fx.signal("TERM");
        assertTimely(entered);
        fx.signal("TERM").join(); // a second signal's handler returns at once: no halt by then
        assertTrue(fx.halts.isEmpty());
        release.countDown();
        assertEquals(Shutdown.EXIT_OK, Fixture.next(fx.exits));

        Fixture forcing = new Fixture().forceOnSecondSigterm();
        CountDownLatch entered2 = new CountDownLatch(1);
        CountDownLatch release2 = new CountDownLatch(1);
        Shutdown sd2 = forcing.build();
        sd2.register("stuck", () -> {
            entered2.countDown();
            release2.await();
        });
        forcing.signal("TERM");
        assertTimely(entered2);
        forcing.signal("TERM");
        assertEquals(143, Fixture.next(forcing.halts));
        release2.countDown();
    }

    @Test
    void readinessTurnsFalseBeforeTheFirstHookRuns() {
        Shutdown sd = fx.build();
        assertFalse(sd.isReady(), "not ready before started()");
        assertTrue(sd.started().toMillis() > 0);
        assertTrue(sd.isReady());
        AtomicBoolean readyInHook = new AtomicBoolean(true);
        AtomicBoolean shuttingDownInHook = new AtomicBoolean();
        sd.register("probe", () -> {
            readyInHook.set(sd.isReady());
            shuttingDownInHook.set(sd.isShuttingDown());
        });
        sd.shutdown();
        assertFalse(readyInHook.get());
        assertTrue(shuttingDownInHook.get());
        sd.started();
        assertFalse(sd.isReady(), "started() after shutdown began keeps it not ready");
    }

    @Test
    void registeringAfterShutdownBeganIsRejected() {
        Shutdown sd = fx.build();
        sd.shutdown();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> sd.register("db", note("db")));
        assertEquals("cannot register hook 'db': shutdown already began (shutdown())", e.getMessage());
    }

    @Test
    void registrationChecksItsArguments() {
        Shutdown sd = fx.build();
        assertThrows(IllegalArgumentException.class, () -> sd.register(" ", note("x")));
        assertThrows(IllegalArgumentException.class, () -> sd.register("x", Duration.ZERO, note("x")));
        assertThrows(NullPointerException.class, () -> sd.register(null, "x", note("x")));
        assertThrows(NullPointerException.class, () -> sd.register("x", null));
    }

    @Test
    void hooksRunOnceAndEveryCallerGetsTheSameReport() throws Exception {
        Shutdown sd = fx.build();
        AtomicInteger runs = new AtomicInteger();
        sd.register("once", runs::incrementAndGet);
        ShutdownReport first = sd.shutdown();
        fx.signal("TERM").join();
        assertSame(first, sd.shutdown());
        assertSame(first, sd.await());
        assertTrue(sd.awaitTermination(Duration.ZERO));
        assertEquals(1, runs.get());
        assertTrue(fx.exits.isEmpty(), "a signal after a finished programmatic shutdown does not exit");
    }

    @Test
    void waitingForShutdownFromInsideAHookIsRejected() {
        Shutdown sd = fx.build();
        sd.register("selfish", sd::shutdown);
        HookResult r = sd.shutdown().hooks().get(0);
        assertEquals(Outcome.FAILED, r.outcome());
        assertInstanceOf(IllegalStateException.class, r.failure().orElseThrow());
    }

    @Test
    void awaitTerminationReturnsFalseWhenTheTimeoutPassesFirst() throws Exception {
        assertFalse(fx.build().awaitTermination(Duration.ZERO));
        Shutdown realClock = Shutdown.builder().env(java.util.Map.of()).build();
        assertFalse(realClock.awaitTermination(Duration.ofMillis(50)));
        realClock.shutdown();
        assertTrue(realClock.awaitTermination(Duration.ofMillis(50)));
    }

    @Test
    void theDrainWaitsForRequestsInFlight() throws Exception {
        Shutdown sd = Shutdown.builder().env(java.util.Map.of()).build(); // the real clock
        AtomicInteger inFlightSeenByHook = new AtomicInteger(-1);
        Shutdown.InFlight request = sd.enter();
        sd.register("after-drain", () -> inFlightSeenByHook.set(countInFlight(sd)));
        Thread runner = new Thread(sd::shutdown);
        runner.start();
        assertFalse(sd.awaitTermination(Duration.ofMillis(200)), "finished with a request in flight");
        request.close();
        request.close(); // counts once
        assertTrue(sd.awaitTermination(Duration.ofSeconds(10)));
        assertEquals(0, inFlightSeenByHook.get());
        runner.join();
    }

    @Test
    void theDrainGivesUpAfterItsHalfOfTheBudget() throws Exception {
        Shutdown sd = fx.env("SHUTDOWN_TIMEOUT", "10s").env("SHUTDOWN_DELAY", "2s").build();
        AtomicLong hookStartedAt = new AtomicLong();
        sd.enter();
        long signalledAt = fx.now();
        sd.register("after-drain", () -> hookStartedAt.set(fx.now()));
        fx.signal("TERM");
        awaitShuttingDown(sd); // the budget starts at the signal, before the clock moves
        fx.advance(Duration.ofSeconds(6)); // 2 s delay + half of the 8 s left
        assertEquals(Shutdown.EXIT_OK, Fixture.next(fx.exits));
        assertEquals(Duration.ofSeconds(6).toNanos(), hookStartedAt.get() - signalledAt);
        assertEquals(1, countInFlight(sd));
    }

    @Test
    void tryEnterAdmitsDuringTheDelayAndRefusesOnceTheDrainBegins() throws Exception {
        Shutdown sd = fx.env("SHUTDOWN_DELAY", "2s").build();
        sd.register("after-drain", () -> { });
        fx.signal("TERM");
        awaitShuttingDown(sd);
        Shutdown.InFlight admitted = sd.tryEnter().orElseThrow(); // still serving during the delay
        fx.advance(Duration.ofSeconds(2));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (Optional<Shutdown.InFlight> r = sd.tryEnter(); r.isPresent(); r = sd.tryEnter()) {
            r.get().close(); // admitted in the instant before the drain closed the intake
            assertTrue(System.nanoTime() - deadline < 0, "the drain did not close the intake within 10 s");
            Thread.onSpinWait();
        }
        assertTrue(fx.exits.isEmpty(), "exited with a request in flight");
        Shutdown.InFlight unrefused = sd.enter(); // enter() counts even now
        unrefused.close();
        admitted.close();
        assertEquals(Shutdown.EXIT_OK, Fixture.next(fx.exits));
        assertEquals(0, countInFlight(sd));
    }

    @Test
    void theDelayPassesBeforeTheHooks() throws Exception {
        Shutdown sd = fx.env("SHUTDOWN_DELAY", "2s").build();
        AtomicLong hookStartedAt = new AtomicLong();
        sd.register("after-delay", () -> hookStartedAt.set(fx.now()));
        long signalledAt = fx.now();
        fx.signal("TERM");
        awaitShuttingDown(sd);
        assertFalse(sd.isReady());
        fx.advance(Duration.ofSeconds(2));
        assertEquals(Shutdown.EXIT_OK, Fixture.next(fx.exits));
        assertEquals(Duration.ofSeconds(2).toNanos(), hookStartedAt.get() - signalledAt);
    }

    @Test
    void theWatchdogHaltsWhenExitingOverrunsTheBudget() throws Exception {
        CountDownLatch exiting = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Shutdown sd = fx.exitAction(code -> {
            exiting.countDown(); // Runtime.exit, with another library's JVM hook hanging
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }).build();
        sd.register("fine", note("fine"));
        fx.signal("TERM");
        assertTimely(exiting);
        fx.advance(Duration.ofSeconds(25));
        assertEquals(Shutdown.EXIT_BUDGET_SPENT, Fixture.next(fx.halts));
        release.countDown();
    }

    @Test
    void exitWithoutEnterIsRejected() {
        Shutdown sd = fx.build();
        IllegalStateException e = assertThrows(IllegalStateException.class, sd::exit);
        assertTrue(e.getMessage().contains("without a matching enter()"), e.getMessage());
        sd.enter();
        sd.exit();
        assertThrows(IllegalStateException.class, sd::exit);
    }

    /** The in-flight count, read without a getter the API does not need: enter, then exit fails at zero. */
    private static int countInFlight(Shutdown sd) {
        int n = 0;
        while (true) {
            try {
                sd.exit();
                n++;
            } catch (IllegalStateException e) {
                for (int i = 0; i < n; i++) {
                    sd.enter();
                }
                return n;
            }
        }
    }

    /** Spins on the flag (it flips within microseconds of the signal), bounded at 10 s. */
    static void awaitShuttingDown(Shutdown sd) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!sd.isShuttingDown()) {
            assertTrue(System.nanoTime() - deadline < 0, "shutdown did not begin within 10 s");
            Thread.onSpinWait();
        }
    }

    static void assertTimely(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS), "not reached within 10 s");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
