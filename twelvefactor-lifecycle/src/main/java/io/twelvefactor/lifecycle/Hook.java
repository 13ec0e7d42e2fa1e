package io.twelvefactor.lifecycle;

/**
 * One step of the shutdown sequence, such as closing a pool or stopping a server.
 *
 * <p>A hook may throw: {@code pool::close} and {@code server::stop} fit as method references.
 * A hook that throws is reported as {@link ShutdownReport.Outcome#FAILED} and the sequence goes
 * on with the next hook. A hook that overruns its timeout is interrupted, reported as
 * {@link ShutdownReport.Outcome#TIMED_OUT} and left behind on its own daemon thread.
 */
@FunctionalInterface
public interface Hook {

    /**
     * Releases whatever this hook stands for. Runs at most once, on a thread of its own.
     *
     * @throws Exception any failure; it is logged and reported, never rethrown
     */
    void run() throws Exception;
}
