package io.twelvefactor.logging;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Where lines go: one stream, one lock, so that lines never interleave. Each line is handed to
 * the stream before {@link #write} returns; nothing is buffered here. A failing stream is reported
 * once on the error channel and then ignored, so that logging never stops the application.
 */
final class Output {

    private final OutputStream out;
    private final ReentrantLock lock = new ReentrantLock();
    private final LogConfig.Problems problems;
    private volatile boolean writeReported;
    private volatile boolean encodeReported;

    Output(OutputStream out, LogConfig.Problems problems) {
        this.out = out;
        this.problems = problems;
    }

    void write(byte[] bytes, int length) {
        lock.lock();
        try {
            out.write(bytes, 0, length);
        } catch (IOException | RuntimeException e) {
            if (!writeReported) {
                writeReported = true;
                problems.report("cannot write to the log stream (" + e + "); events that cannot "
                        + "be written are dropped, the application keeps running");
            }
        } finally {
            lock.unlock();
        }
    }

    /** Reports, once, an event that could not be written; later ones are only dropped. */
    void dropped(Throwable e) {
        if (!encodeReported) {
            encodeReported = true;
            problems.report("dropped a log event that could not be formatted (" + e + ")");
        }
    }
}
