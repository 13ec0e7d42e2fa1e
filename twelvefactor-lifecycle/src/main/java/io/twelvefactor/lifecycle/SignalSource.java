package io.twelvefactor.lifecycle;

import java.util.function.Consumer;

/**
 * Delivers POSIX signals to a coordinator: the handler takes the signal's name without the
 * {@code SIG} prefix ({@code TERM}, {@code INT}, {@code HUP}). {@link Shutdown#install()} uses
 * the operating system's signals; tests pass their own source to
 * {@link Shutdown.Builder#signals(SignalSource)} and call the handler to simulate a signal.
 */
@FunctionalInterface
public interface SignalSource {

    /**
     * Arranges for {@code handler} to be called for each signal received, each time on a new
     * thread, as the JDK does: the first signal's call runs the whole shutdown before returning.
     *
     * @param handler the coordinator's signal handler
     */
    void subscribe(Consumer<String> handler);
}
