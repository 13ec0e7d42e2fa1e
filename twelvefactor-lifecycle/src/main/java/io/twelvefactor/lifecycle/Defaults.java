package io.twelvefactor.lifecycle;

import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;

/**
 * The builder's defaults and the glue {@link Shutdown} installs, as named classes rather than
 * lambdas or method references: each of those is a class spun at run time on first use, a
 * cost paid at startup (see {@code Coordinator.Until}).
 */
final class Defaults {

    private Defaults() {
    }

    /** {@code System.nanoTime}. */
    static final class SystemClock implements LongSupplier {
        @Override
        public long getAsLong() {
            return System.nanoTime();
        }
    }

    /** {@code Runtime.exit} or {@code Runtime.halt}. */
    static final class RuntimeEnd implements IntConsumer {
        private final boolean halt;

        RuntimeEnd(boolean halt) {
            this.halt = halt;
        }

        @Override
        public void accept(int status) {
            if (halt) {
                Runtime.getRuntime().halt(status);
            } else {
                Runtime.getRuntime().exit(status);
            }
        }
    }

    /** No signals: {@link Shutdown.Builder#build()} touches no process-wide state. */
    static final class NoSignals implements SignalSource {
        @Override
        public void subscribe(Consumer<String> handler) {
            // nothing to subscribe to
        }
    }

    /** Hands a signal's name to the coordinator. */
    static final class ToCoordinator implements Consumer<String> {
        /** Read by {@link PosixSignals} to count a chained handler in flight. */
        final Coordinator core;

        ToCoordinator(Coordinator core) {
            this.core = core;
        }

        @Override
        public void accept(String signal) {
            core.onSignal(signal);
        }
    }

    /** The one JVM shutdown hook. */
    static final class JvmExitHook extends Thread {
        private final Coordinator core;

        JvmExitHook(Coordinator core) {
            super("twelvefactor-jvm-shutdown");
            this.core = core;
        }

        @Override
        public void run() {
            core.onJvmExit();
        }
    }
}
