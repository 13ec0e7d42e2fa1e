package io.twelvefactor.lifecycle;

import java.util.function.Consumer;

/**
 * The glue {@link Shutdown} installs, as named classes rather than lambdas or method
 * references: each of those is a class spun at run time on first use, a cost paid at startup
 * (see {@code Coordinator.Until}). The builder's defaults (the system's clock, exit and halt,
 * no signals) are no objects at all: null, which {@link Coordinator} reads as the system's.
 */
final class Defaults {

    private Defaults() {
    }

    /**
     * Hands a signal's name to the coordinator and, as the one JVM shutdown hook that
     * {@code install()} adds, the JVM's exit: one class for both, as both are loaded at startup.
     * {@link Shutdown.Builder#build()} never starts it.
     */
    static final class ToCoordinator extends Thread implements Consumer<String> {
        private final Coordinator core;

        ToCoordinator(Coordinator core) {
            super("twelvefactor-jvm-shutdown");
            this.core = core;
        }

        @Override
        public void accept(String signal) {
            core.onSignal(signal);
        }

        /** The JVM shutdown hook. */
        @Override
        public void run() {
            core.onJvmExit();
        }

        /**
         * Counts {@code work} in flight under {@code name} now, before the shutdown it races with
         * begins, so that the drain waits for it; the count ends when it does, on its own thread.
         */
        Runnable inFlight(Runnable work, String name) {
            core.inFlight.incrementAndGet();
            return new CountedInFlight(core, work, name);
        }
    }

    /** Work counted in flight by {@link ToCoordinator#inFlight}, named on the thread that runs it. */
    static final class CountedInFlight implements Runnable {
        private final Coordinator core;
        private final Runnable work;
        private final String name;

        CountedInFlight(Coordinator core, Runnable work, String name) {
            this.core = core;
            this.work = work;
            this.name = name;
        }

        @Override
        @SuppressWarnings("try") // the guard is only closed
        public void run() {
            // the guard names this thread, the one the drain's end interrupts
            try (Shutdown.InFlight guard = Shutdown.adopt(core, name)) {
                work.run();
            }
        }
    }
}
