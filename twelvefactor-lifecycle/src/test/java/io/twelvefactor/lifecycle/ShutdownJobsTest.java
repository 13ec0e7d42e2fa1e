package io.twelvefactor.lifecycle;

import static io.twelvefactor.lifecycle.ShutdownTest.assertTimely;
import static io.twelvefactor.lifecycle.ShutdownTest.awaitShuttingDown;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twelvefactor.lifecycle.ShutdownReport.HookResult;
import io.twelvefactor.lifecycle.ShutdownReport.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * What a worker needs from the coordinator: to learn at once that shutdown began, to ask how
 * much time is left, and jobs counted, drained, interrupted and named like requests.
 */
@SuppressWarnings("try") // guards held only to be closed
class ShutdownJobsTest {

    private final Fixture fx = new Fixture();
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());

    @Test
    void aListenerRunsAtTheFirstMomentOfShutdownBeforeTheDelay() throws Exception {
        Shutdown sd = fx.env("SHUTDOWN_DELAY", "5s").build();
        CountDownLatch heard = new CountDownLatch(1);
        AtomicReference<Duration> leftWhenHeard = new AtomicReference<>();
        AtomicBoolean readyWhenHeard = new AtomicBoolean(true);
        sd.register("hook", () -> events.add("hook"));
        sd.started();
        sd.onShutdown(() -> {
            readyWhenHeard.set(sd.isReady());
            leftWhenHeard.set(sd.remaining());
            events.add("listener");
            heard.countDown();
        });
        fx.signal("TERM");
        assertTimely(heard); // the clock has not moved: the 5 s delay cannot have passed
        assertFalse(readyWhenHeard.get(), "readiness is already false for the listener");
        assertEquals(Duration.ofSeconds(25), leftWhenHeard.get());
        assertEquals(List.of("listener"), events);
        fx.advance(Duration.ofSeconds(5));
        assertEquals(Shutdown.EXIT_OK, Fixture.next(fx.exits));
        assertEquals(List.of("listener", "hook"), events);
    }

    @Test
    void aBlockedListenerDoesNotHoldUpTheSequence() throws Exception {
        Shutdown sd = fx.build();
        CountDownLatch release = new CountDownLatch(1);
        sd.onShutdown(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        sd.register("hook", () -> events.add("hook"));
        fx.signal("TERM");
        assertEquals(Shutdown.EXIT_OK, Fixture.next(fx.exits));
        assertEquals(List.of("hook"), events);
        release.countDown();
    }

    @Test
    void listenersRunInOrderAndOneThatThrowsDoesNotStopTheNext() throws Exception {
        Shutdown sd = fx.build();
        CountDownLatch last = new CountDownLatch(1);
        sd.onShutdown(() -> events.add("first"));
        sd.onShutdown(() -> {
            throw new IllegalStateException("consumer already gone");
        });
        sd.onShutdown(() -> {
            events.add("third");
            last.countDown();
        });
        sd.shutdown();
        assertTimely(last);
        assertEquals(List.of("first", "third"), events);
    }

    @Test
    void aListenerAddedAfterShutdownBeganRunsAtOnceOnTheCaller() {
        Shutdown sd = fx.build();
        sd.shutdown();
        Thread caller = Thread.currentThread();
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        sd.onShutdown(() -> ranOn.set(Thread.currentThread()));
        assertEquals(caller, ranOn.get());
    }

    @Test
    void remainingIsTheWholeBudgetBeforeShutdownAndCountsDownAfter() throws Exception {
        Shutdown sd = fx.env("SHUTDOWN_TIMEOUT", "10s").env("SHUTDOWN_DELAY", "2s").build();
        Shutdown.InFlight job = sd.tryEnter("job 1").orElseThrow();
        assertEquals(Duration.ofSeconds(10), sd.remaining());
        assertEquals(Duration.ofSeconds(6), job.remaining(), "the delay plus half of what it leaves");
        fx.signal("TERM");
        awaitShuttingDown(sd);
        fx.advance(Duration.ofSeconds(3));
        assertEquals(Duration.ofSeconds(7), sd.remaining());
        assertEquals(Duration.ofSeconds(3), job.remaining());
        job.close();
        assertEquals(Shutdown.EXIT_OK, Fixture.next(fx.exits));
        fx.advance(Duration.ofSeconds(30));
        assertEquals(Duration.ZERO, sd.remaining(), "never negative");
        assertEquals(Duration.ZERO, job.remaining(), "never negative");
    }

    @Test
    void aHookLearnsTheTimeLeftForItself() {
        Shutdown sd = fx.env("SHUTDOWN_TIMEOUT", "10s").build();
        AtomicReference<Duration> ownTimeout = new AtomicReference<>();
        AtomicReference<Duration> budgetOnly = new AtomicReference<>();
        sd.register("unbounded", () -> budgetOnly.set(sd.remaining()));
        sd.register("bounded", Duration.ofSeconds(2), () -> {
            ownTimeout.set(sd.remaining());
            fx.advance(Duration.ofMillis(500));
        });
        sd.shutdown();
        assertEquals(Duration.ofSeconds(2), ownTimeout.get());
        assertEquals(Duration.ofMillis(9_500), budgetOnly.get());
    }

    @Test
    void theDrainWaitsForAJobThatFinishesInItsShare() throws Exception {
        Shutdown sd = fx.build();
        CountDownLatch finish = new CountDownLatch(1);
        CountDownLatch taken = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        Thread worker = new Thread(() -> {
            try (Shutdown.InFlight job = sd.tryEnter("job 3").orElseThrow()) {
                taken.countDown();
                finish.await();
                events.add("job 3 done");
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        });
        worker.start();
        assertTimely(taken);
        sd.register(Phase.WORKERS, "consumer", () -> events.add("hook"));
        CompletableFuture<ShutdownReport> report = CompletableFuture.supplyAsync(sd::shutdown);
        awaitShuttingDown(sd);
        fx.advance(Duration.ofSeconds(5));
        assertFalse(report.isDone());
        finish.countDown();
        ShutdownReport r = report.get(10, TimeUnit.SECONDS);
        worker.join();
        assertFalse(interrupted.get());
        assertEquals(List.of("job 3 done", "hook"), events);
        assertEquals(List.of(), r.leftInFlight());
        assertFalse(r.summary().contains("in flight"), r.summary());
    }

    @Test
    void aJobStillRunningWhenTheDrainEndsIsInterruptedThenItsHookRunsAndTheSummaryNamesIt() throws Exception {
        Shutdown sd = fx.env("SHUTDOWN_TIMEOUT", "10s").env("SHUTDOWN_DELAY", "2s").build();
        CountDownLatch taken = new CountDownLatch(2);
        CountDownLatch jobSawInterrupt = new CountDownLatch(1);
        Thread worker = new Thread(() -> {
            try (Shutdown.InFlight job = sd.tryEnter("job 42").orElseThrow()) {
                taken.countDown();
                new CountDownLatch(1).await(); // a job slower than the budget
            } catch (InterruptedException e) {
                events.add("job 42 interrupted at " + fx.now());
                jobSawInterrupt.countDown();
            }
        });
        worker.start();
        Shutdown.InFlight unnamed = sd.enter(); // an unnamed request on this thread: counted, never interrupted
        Thread other = new Thread(() -> {
            sd.tryEnter("job 7").orElseThrow(); // never closed
            taken.countDown();
        });
        other.start();
        assertTimely(taken);
        other.join();
        long signalled = fx.now();
        // The job reacts to its interrupt on its own thread; the hook waits for that reaction, which
        // only comes if the interrupt was sent before the hook began (else the wait times out).
        sd.register(Phase.WORKERS, "consumer", () -> events.add(jobSawInterrupt.await(10, TimeUnit.SECONDS)
                ? "hook at " + fx.now() : "hook ran before the job was interrupted"));
        CompletableFuture<ShutdownReport> report = CompletableFuture.supplyAsync(sd::shutdown);
        awaitShuttingDown(sd);
        fx.advance(Duration.ofSeconds(6)); // 2 s delay + half of the 8 s left
        ShutdownReport r = report.get(10, TimeUnit.SECONDS);
        worker.join();
        long drainEnd = signalled + Duration.ofSeconds(6).toNanos();
        assertEquals(List.of("job 42 interrupted at " + drainEnd, "hook at " + drainEnd), events);
        assertEquals(List.of("job 42", "job 7", ShutdownReport.UNNAMED), r.leftInFlight());
        assertTrue(r.summary().endsWith("consumer OK 0 ms; still in flight when the drain ended: 3 (job 42, job 7,"
                + " 1 unnamed)"), r.summary());
        assertFalse(Thread.interrupted(), "an unnamed guard's thread is left alone");
        unnamed.close();
    }

    @Test
    void namedWorkIsRefusedOnceTheDrainBegan() {
        Shutdown sd = fx.build();
        sd.shutdown();
        assertEquals(Optional.empty(), sd.tryEnter("job 9"));
        assertThrows(IllegalArgumentException.class, () -> sd.tryEnter(" "));
        assertThrows(IllegalArgumentException.class, () -> sd.enter(""));
    }

    @Test
    void theSummaryShowsTwentyNamesAndCountsTheRest() {
        List<String> left = new ArrayList<>();
        for (int i = 10; i < 35; i++) {
            left.add("job " + i);
        }
        left.add(ShutdownReport.UNNAMED);
        ShutdownReport r = new ShutdownReport("SIGTERM", Duration.ofMillis(7), 0,
                List.of(new HookResult("db", Phase.RESOURCES, Outcome.OK, Duration.ofMillis(1), Optional.empty())), left);
        assertTrue(r.summary().endsWith("db OK 1 ms; still in flight when the drain ended: 26 (job 10, job 11, job 12,"
                + " job 13, job 14, job 15, job 16, job 17, job 18, job 19, job 20, job 21, job 22, job 23, job 24,"
                + " job 25, job 26, job 27, job 28, job 29, 5 more, 1 unnamed)"), r.summary());
        ShutdownReport old = new ShutdownReport("SIGTERM", Duration.ofMillis(7), 0, List.of());
        assertEquals(List.of(), old.leftInFlight());
        assertEquals("shutdown after SIGTERM took 7 ms, exit code 0: no hooks", old.summary());
    }
}
