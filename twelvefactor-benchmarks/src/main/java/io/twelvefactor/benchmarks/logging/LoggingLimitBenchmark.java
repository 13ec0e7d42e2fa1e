package io.twelvefactor.benchmarks.logging;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The limit for {@link LoggingBenchmark}: the lines twelvefactor-logging writes for scenarios
 * (a) to (d), built once, written under one lock to the same sink. No logger can do less work
 * and still hand every event to the kernel before returning. {@link #z_clockRead} is the one
 * cost no timestamping logger avoids on top of that.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class LoggingLimitBenchmark {

    @Param({"devnull"})
    public String sink;

    private OutputStream out;
    private final ReentrantLock lock = new ReentrantLock();
    private byte[] a;
    private byte[] b;
    private byte[] c;
    private byte[] d;
    private byte[] floorBuffer;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        out = Backend.sink(sink);
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        Traced traced = new Traced();
        try (Backend twelvefactor = Backend.twelvefactor(lines)) {
            Events.a(twelvefactor.logger);
            a = take(lines);
            Events.c(twelvefactor.logger);
            c = take(lines);
            Events.d(twelvefactor.logger, 100);
            d = take(lines);
            Events.putMdc(twelvefactor);
            Events.a(twelvefactor.logger);
            b = take(lines);
        } finally {
            traced.close();
        }
        if (!new String(d, StandardCharsets.UTF_8).contains("error.stack_trace")) {
            throw new IllegalStateException("the (d) line has no stack trace");
        }
        if (!new String(a, StandardCharsets.UTF_8).contains("\"trace.id\"")) {
            throw new IllegalStateException("the (a) line has no trace fields");
        }
        floorBuffer = new byte[1024];
    }

    private static byte[] take(ByteArrayOutputStream lines) {
        byte[] bytes = lines.toByteArray();
        lines.reset();
        return bytes;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        out.close();
    }

    /** Per-thread event counter for scenario (d). */
    @State(Scope.Thread)
    public static class Counter {
        int n;
    }

    private void write(byte[] line) throws IOException {
        lock.lock();
        try {
            out.write(line, 0, line.length);
        } finally {
            lock.unlock();
        }
    }

    @Benchmark
    public void a_twoArguments() throws IOException {
        write(a);
    }

    @Benchmark
    public void b_twoArgumentsThreeMdc() throws IOException {
        write(b);
    }

    @Benchmark
    public void c_fluentThreeKeyValues() throws IOException {
        write(c);
    }

    @Benchmark
    public void d_exceptionEvery100th(Counter counter) throws IOException {
        write(++counter.n % 100 == 0 ? d : a);
    }

    /**
     * The floor of formatting (a): one clock read plus copying (a)'s line, pre-built, into a
     * reused buffer; no logger that timestamps and builds its line in memory does less.
     */
    @Benchmark
    public long floor_a() {
        long now = System.nanoTime();
        byte[] line = a;
        System.arraycopy(line, 0, floorBuffer, 0, line.length);
        return now + floorBuffer[line.length - 1];
    }

    /**
     * One read of the clock, which every logger that timestamps its events pays on top of the
     * limit (twelvefactor-logging reads {@link System#nanoTime()} and adds it to a wall-clock
     * reading taken every 100 ms).
     */
    @Benchmark
    public long z_clockRead() {
        return System.nanoTime();
    }
}
