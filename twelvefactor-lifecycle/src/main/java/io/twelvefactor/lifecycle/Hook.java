package io.twelvefactor.lifecycle;

/**
 * One step of the shutdown sequence, such as closing a pool or stopping a server.
 *
 * <p>A hook may throw: {@code pool::close} and {@code server::stop} fit as method references.
 * A hook that throws is reported as {@link ShutdownReport.Outcome#FAILED} and the sequence goes
 * on with the next hook. A hook that overruns its timeout is interrupted, reported as
 * {@link ShutdownReport.Outcome#TIMED_OUT} and left behind on the thread it runs on; the next
 * hook starts at once on a fresh one.
 */
@FunctionalInterface
public interface Hook {

    /**
     * Releases whatever this hook stands for. Runs at most once, on a shutdown worker thread
     * (never the thread that registered it), after the hooks due before it have finished.
     *
     * @throws Exception any failure; it is logged and reported, never rethrown
     */
    void run() throws Exception;
}
