package io.twelvefactor.logging;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class OutputTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Test
    void linesThatWaitForTheLockGoOutInOneWriteBeforeTheirWritersReturn() throws Exception {
        GatedStream stream = new GatedStream(false);
        List<String> problems = new CopyOnWriteArrayList<>();
        Output output = new Output(stream, problems::add);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<Integer> a = pool.submit(() -> writeLine(output, stream, "a"));
            assertTrue(stream.entered.await(PATIENCE.toSeconds(), TimeUnit.SECONDS));
            Future<Integer> b = pool.submit(() -> writeLine(output, stream, "b"));
            awaitWaitingLines(output, 1);
            Future<Integer> c = pool.submit(() -> writeLine(output, stream, "c"));
            awaitWaitingLines(output, 2);
            Future<Integer> d = pool.submit(() -> writeLine(output, stream, "d"));
            awaitWaitingLines(output, 3);
            assertFalse(a.isDone() || b.isDone() || c.isDone() || d.isDone(), "returned before written");

            stream.release.countDown();

            assertTrue(a.get(PATIENCE.toSeconds(), TimeUnit.SECONDS) >= 1);
            // The batch is the second call; each waiter saw it finished when it returned.
            assertEquals(2, b.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
            assertEquals(2, c.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
            assertEquals(2, d.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
            assertEquals(List.of("a\n", "b\nc\nd\n"), stream.calls);
            assertEquals(0, output.waitingLines());
            assertEquals(List.of(), problems);
        } finally {
            stream.release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void aFailedBatchReleasesEveryWaiterAndIsReportedOnce() throws Exception {
        GatedStream stream = new GatedStream(true);
        List<String> problems = new CopyOnWriteArrayList<>();
        Output output = new Output(stream, problems::add);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<Integer> a = pool.submit(() -> writeLine(output, stream, "a"));
            assertTrue(stream.entered.await(PATIENCE.toSeconds(), TimeUnit.SECONDS));
            List<Future<Integer>> waiters = new ArrayList<>();
            for (String line : List.of("b", "c", "d")) {
                waiters.add(pool.submit(() -> writeLine(output, stream, line)));
                awaitWaitingLines(output, waiters.size());
            }

            stream.release.countDown();

            assertTimeoutPreemptively(PATIENCE, () -> {
                a.get();
                for (Future<Integer> waiter : waiters) {
                    assertEquals(2, waiter.get());
                }
            });
            assertEquals(List.of("a\n", "b\nc\nd\n"), stream.calls);
            assertEquals(1, problems.size(), problems::toString);
            assertTrue(problems.get(0).startsWith("cannot write to the log stream (java.io.IOException: "
                    + "disk full)"), problems.get(0));

            byte[] later = "e\n".getBytes(UTF_8);
            output.write(later, later.length, new Output.Slot());
            output.write(later, later.length, new Output.Slot());
            assertEquals(4, stream.calls.size());
            assertEquals(1, problems.size(), problems::toString);
        } finally {
            stream.release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES) // 5 s here; a hang should fail, not stall CI
    void fourThreadsOfFiftyThousandLinesStayWholeAndInOrder() throws Exception {
        int threads = 4;
        int lines = 50_000;
        // Yielding inside some writes lets the other writers pile up behind the lock, to be
        // batched. Not in every write: on a loaded machine each yield may give the core away for
        // a whole time slice, which made this test take minutes.
        ByteArrayOutputStream sink = new ByteArrayOutputStream() {
            private int writes;

            @Override
            public synchronized void write(byte[] b, int off, int len) {
                if ((++writes & 7) == 0) {
                    Thread.yield();
                }
                super.write(b, off, len);
            }
        };
        List<String> problems = new CopyOnWriteArrayList<>();
        Output output = new Output(sink, problems::add);
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread worker = new Thread(() -> {
                // One reused buffer and slot per thread, as the encoders have.
                byte[] buf = new byte[Output.BATCH_BYTES + 1024];
                Output.Slot slot = new Output.Slot();
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < lines; i++) {
                    int length = line(buf, id, i);
                    if (id % 2 == 0) {
                        output.write(buf, length, slot);
                    } else {
                        output.write(buf, length, new Output.Slot());
                    }
                }
            }, "writer-" + t);
            worker.start();
            workers.add(worker);
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }

        String all = sink.toString(ISO_8859_1);
        int[] next = new int[threads];
        int count = 0;
        int from = 0;
        for (int nl = all.indexOf('\n'); nl >= 0; nl = all.indexOf('\n', from)) {
            String line = all.substring(from, nl);
            from = nl + 1;
            count++;
            int space1 = line.indexOf(' ');
            int space2 = line.indexOf(' ', space1 + 1);
            int id = Integer.parseInt(line.substring(0, space1));
            int i = Integer.parseInt(line.substring(space1 + 1, space2));
            assertEquals(next[id], i, "thread " + id + " out of order");
            next[id]++;
            String padding = line.substring(space2 + 1);
            assertEquals(padding(id, i), padding.length(), "line " + id + " " + i);
            char c = fill(i);
            for (int k = 0; k < padding.length(); k++) {
                if (padding.charAt(k) != c) {
                    fail("line " + id + " " + i + " is not intact at " + k);
                }
            }
        }
        assertEquals(all.length(), from, "output does not end with a newline");
        assertEquals(threads * lines, count);
        for (int n : next) {
            assertEquals(lines, n);
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void aStreamThatLogsWhileWritingABatchLeavesTheBatchIntact() throws Exception {
        CountDownLatch firstEntered = new CountDownLatch(1);
        CountDownLatch firstRelease = new CountDownLatch(1);
        CountDownLatch batchEntered = new CountDownLatch(1);
        CountDownLatch batchRelease = new CountDownLatch(1);
        List<String> calls = new CopyOnWriteArrayList<>();
        Output[] output = new Output[1];
        OutputStream stream = new OutputStream() {
            private int call;

            @Override
            public void write(int b) {
                throw new UnsupportedOperationException("Output writes arrays");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                call++;
                if (call == 1) {
                    pass(firstEntered, firstRelease);
                } else if (call == 2) {
                    // The batch of waiting lines: log from inside the write, as a stream might,
                    // while another line waits; only then read what this call was given.
                    pass(batchEntered, batchRelease);
                    byte[] nested = "nested\n".getBytes(UTF_8);
                    output[0].write(nested, nested.length, new Output.Slot());
                }
                calls.add(new String(b, off, len, UTF_8));
            }
        };
        List<String> problems = new CopyOnWriteArrayList<>();
        output[0] = new Output(stream, problems::add);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<?> a = pool.submit(() -> write(output[0], "a"));
            assertTrue(firstEntered.await(PATIENCE.toSeconds(), TimeUnit.SECONDS));
            Future<?> b = pool.submit(() -> write(output[0], "b"));
            awaitWaitingLines(output[0], 1);
            firstRelease.countDown();
            assertTrue(batchEntered.await(PATIENCE.toSeconds(), TimeUnit.SECONDS));
            Future<?> c = pool.submit(() -> write(output[0], "c"));
            awaitWaitingLines(output[0], 1);
            batchRelease.countDown();

            assertTimeoutPreemptively(PATIENCE, () -> {
                a.get();
                b.get();
                c.get();
            });
            assertEquals(List.of("a\n", "nested\n", "b\n", "c\n"), calls);
            assertEquals(List.of(), problems);
        } finally {
            firstRelease.countDown();
            batchRelease.countDown();
            pool.shutdownNow();
        }
    }

    /** Writes a line, then answers how many calls to the stream had finished. */
    private static int writeLine(Output output, GatedStream stream, String text) {
        byte[] line = (text + "\n").getBytes(UTF_8);
        output.write(line, line.length, new Output.Slot());
        return stream.finished.get();
    }

    private static void write(Output output, String text) {
        byte[] line = (text + "\n").getBytes(UTF_8);
        output.write(line, line.length, new Output.Slot());
    }

    private static void pass(CountDownLatch entered, CountDownLatch release) throws IOException {
        entered.countDown();
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("not released");
        }
    }

    private static void awaitWaitingLines(Output output, int n) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (output.waitingLines() != n) {
            if (System.nanoTime() - deadline > 0) {
                fail("expected " + n + " waiting lines, have " + output.waitingLines());
            }
            Thread.yield();
        }
    }

    /** Writes "id i padding\n" into buf; some lines exceed the batch buffer, some half fill it. */
    private static int line(byte[] buf, int id, int i) {
        byte[] head = (id + " " + i + " ").getBytes(ISO_8859_1);
        System.arraycopy(head, 0, buf, 0, head.length);
        int end = head.length + padding(id, i);
        for (int k = head.length; k < end; k++) {
            buf[k] = (byte) fill(i);
        }
        buf[end] = '\n';
        return end + 1;
    }

    private static int padding(int id, int i) {
        if (i % 10_000 == 7) {
            return Output.BATCH_BYTES + 100;
        }
        if (i % 2_000 == 3) {
            return Output.BATCH_BYTES / 2;
        }
        return (i * 31 + id * 7) % 200;
    }

    private static char fill(int i) {
        return (char) ('a' + i % 26);
    }

    /** Records each call; the first blocks until released; optionally every call fails. */
    private static final class GatedStream extends OutputStream {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<String> calls = new CopyOnWriteArrayList<>();
        final AtomicInteger finished = new AtomicInteger();
        private final boolean failing;

        GatedStream(boolean failing) {
            this.failing = failing;
        }

        @Override
        public void write(int b) {
            throw new UnsupportedOperationException("Output writes arrays");
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (entered.getCount() > 0) {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("not released");
                }
            }
            calls.add(new String(b, off, len, UTF_8));
            finished.incrementAndGet();
            if (failing) {
                throw new IOException("disk full");
            }
        }
    }
}
