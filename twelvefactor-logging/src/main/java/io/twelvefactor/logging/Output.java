package io.twelvefactor.logging;

import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Where lines go: one stream, one lock, so that lines never interleave. Each line is handed to
 * the stream before {@link #write} returns; nothing is kept here for later, so an exit, a signal
 * or a crash loses no line that a caller saw written. A failing stream is reported once on the
 * error channel and then ignored, so that logging never stops the application.
 *
 * <p>Lines that meet a held lock are batched ("combining"): the caller pushes its line onto a
 * lock-free stack of waiting lines, then takes the lock. Whoever next holds the lock takes every
 * waiting line, copies them in arrival order, after them its own line, into one buffer and writes
 * that with one call to the stream, then marks each taken line done. A waiter whose line is done
 * when it gets the lock only releases it; before parking on the lock, a waiter spins a little,
 * watching for its line to be done or the lock to come free. So under contention several lines cost one system call,
 * and a caller returns only after the call that carried its line has returned (or failed). With
 * no contention a line is written from the caller's buffer, without a copy.
 */
final class Output {

    /** The combining buffer's size; a batch larger than this takes several calls to the stream. */
    static final int BATCH_BYTES = 64 * 1024;

    /** How often a waiting line checks for its write before parking; none on one processor. */
    private static final int SPINS = Runtime.getRuntime().availableProcessors() > 1 ? 200 : 0;

    private final OutputStream out;
    private final ReentrantLock lock = new ReentrantLock();
    /** Lines waiting for the lock, newest first; emptied only by the holder of the lock. */
    private final AtomicReference<Slot> waiting = new AtomicReference<>();
    /** Where waiting lines are copied to be written at once; used only under the lock. */
    private final byte[] batch = new byte[BATCH_BYTES];
    private final LogConfig.Problems problems;
    private volatile boolean writeReported;
    private volatile boolean encodeReported;

    Output(OutputStream out, LogConfig.Problems problems) {
        this.out = out;
        this.problems = problems;
    }

    /**
     * Writes the line {@code bytes[0, length)}, queueing it in {@code slot} if the lock is held;
     * the caller must not change {@code bytes} until this returns. A slot serves one call at a
     * time: give each thread its own.
     */
    void write(byte[] bytes, int length, Slot slot) {
        if (lock.tryLock()) {
            writeHoldingLock(bytes, length);
        } else {
            waitInLine(bytes, length, slot);
        }
    }

    /** Reports, once, an event that could not be written; later ones are only dropped. */
    void dropped(Throwable e) {
        if (!encodeReported) {
            encodeReported = true;
            problems.report("dropped a log event that could not be formatted (" + e + ")");
        }
    }

    /**
     * A line waiting for the lock. A thread keeps one and passes it to every
     * {@link Output#write(byte[], int, Slot)}, so that waiting allocates nothing.
     */
    static final class Slot {
        private byte[] bytes;
        private int length;
        private Slot next;
        /** Set, after the call to the stream that carried the line returned, by the lock holder. */
        private volatile boolean done;
    }

    /** The number of lines waiting for the lock; for tests, exact only while nobody holds it. */
    int waitingLines() {
        int n = 0;
        for (Slot s = waiting.get(); s != null; s = s.next) {
            n++;
        }
        return n;
    }

    /** Called with the lock held once by the caller; writes the waiting lines too, then unlocks. */
    private void writeHoldingLock(byte[] bytes, int length) {
        try {
            // A stream that logs from inside its own write re-enters here while the batch buffer is
            // in use: that nested line is written alone.
            // Nobody waiting is the usual case: it needs neither the hold count nor an atomic swap.
            Slot newest = waiting.get() != null && lock.getHoldCount() == 1 ? waiting.getAndSet(null) : null;
            if (newest == null) {
                send(bytes, length);
            } else {
                writeBatch(newest, bytes, length);
            }
        } finally {
            lock.unlock();
        }
    }

    private void waitInLine(byte[] bytes, int length, Slot slot) {
        slot.bytes = bytes;
        slot.length = length;
        slot.done = false;
        Slot head;
        do {
            head = waiting.get();
            slot.next = head;
        } while (!waiting.compareAndSet(head, slot));
        // The holder is most likely inside one system call: wait for it on this core first, where
        // parking would cost a futex sleep and wake-up, far longer than the call itself.
        for (int i = SPINS; i > 0; i--) {
            if (slot.done) {
                return;
            }
            if (lock.tryLock()) {
                try {
                    if (!slot.done) {
                        writeBatch(takeWaiting(), null, 0);
                    }
                } finally {
                    lock.unlock();
                }
                return;
            }
            Thread.onSpinWait();
        }
        lock.lock();
        try {
            // Every line is taken and marked done by one holder of the lock, before it unlocks; so
            // a line not done yet is still waiting, and this caller writes it with the others.
            if (!slot.done) {
                writeBatch(takeWaiting(), null, 0);
            }
        } finally {
            lock.unlock();
        }
    }

    private Slot takeWaiting() {
        return waiting.get() == null ? null : waiting.getAndSet(null);
    }

    /**
     * Writes the waiting lines in arrival order, then {@code own} if not null, in as few calls as
     * the batch buffer allows; then marks the waiting lines done, even if the stream failed.
     */
    private void writeBatch(Slot newest, byte[] own, int ownLength) {
        Slot first = null;
        while (newest != null) {
            Slot next = newest.next;
            newest.next = first;
            first = newest;
            newest = next;
        }
        try {
            int pos = 0;
            for (Slot s = first; s != null; s = s.next) {
                pos = append(pos, s.bytes, s.length);
            }
            if (own != null) {
                pos = append(pos, own, ownLength);
            }
            if (pos > 0) {
                send(batch, pos);
            }
        } finally {
            for (Slot s = first; s != null; ) {
                Slot next = s.next; // read before done: then the owner may reuse the slot
                s.next = null;
                s.bytes = null;
                s.done = true;
                s = next;
            }
        }
    }

    /** Adds a line to the batch at {@code pos}, first writing the batch if it is full. */
    private int append(int pos, byte[] bytes, int length) {
        if (length > batch.length - pos) {
            if (pos > 0) {
                send(batch, pos);
                pos = 0;
            }
            if (length > batch.length) {
                send(bytes, length);
                return 0;
            }
        }
        System.arraycopy(bytes, 0, batch, pos, length);
        return pos + length;
    }

    private void send(byte[] bytes, int length) {
        try {
            out.write(bytes, 0, length);
        } catch (Throwable e) { // a stream of the application's (forStream) may throw anything
            if (!writeReported) {
                writeReported = true;
                problems.report("cannot write to the log stream (" + e + "); events that cannot "
                        + "be written are dropped, the application keeps running");
            }
        }
    }
}
