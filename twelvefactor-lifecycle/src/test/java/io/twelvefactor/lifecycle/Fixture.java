package io.twelvefactor.lifecycle;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/** A coordinator with a hand-moved clock, recorded exits and halts, and a fake signal source. */
final class Fixture {

    final AtomicLong nanos = new AtomicLong(-5_000_000_000L); // negative, as System.nanoTime may be
    final BlockingQueue<Integer> exits = new LinkedBlockingQueue<>();
    final BlockingQueue<Integer> halts = new LinkedBlockingQueue<>();
    private final Map<String, String> env = new HashMap<>();
    private IntConsumer exitAction = exits::add;
    private boolean forceOnSecondSigterm;
    private boolean signalExitStatus;
    private Consumer<String> signals;

    Fixture env(String name, String value) {
        env.put(name, value);
        return this;
    }

    Fixture exitAction(IntConsumer action) {
        exitAction = action;
        return this;
    }

    Fixture signalExitStatus() {
        signalExitStatus = true;
        return this;
    }

    Fixture forceOnSecondSigterm() {
        forceOnSecondSigterm = true;
        return this;
    }

    Shutdown build() {
        return Shutdown.builder()
                .env(env)
                .clock(nanos::get)
                .exitAction(exitAction)
                .haltAction(halts::add)
                .signals(handler -> signals = handler)
                .forceOnSecondSigterm(forceOnSecondSigterm)
                .signalExitStatus(signalExitStatus)
                .build();
    }

    /** Delivers a signal on a new thread, as the JDK does; the first one runs the whole shutdown. */
    Thread signal(String name) {
        Thread t = new Thread(() -> signals.accept(name), "SIG" + name + " handler");
        t.start();
        return t;
    }

    void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    long now() {
        return nanos.get();
    }

    /** The next exit code, waiting at most 10 s for it (a bound, not a synchronisation). */
    static int next(BlockingQueue<Integer> codes) throws InterruptedException {
        Integer code = codes.poll(10, TimeUnit.SECONDS);
        if (code == null) {
            throw new AssertionError("no exit or halt within 10 s");
        }
        return code;
    }
}
