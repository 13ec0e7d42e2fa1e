package io.twelvefactor.benchmarks.logging;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
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
 * twelvefactor-logging against logback + logstash-logback-encoder, logback's JsonEncoder and
 * log4j2's JsonTemplateLayout (ECS template, default and garbage-free settings), all through the
 * SLF4J API, each writing every event synchronously to the same sink. Compare with
 * {@link LoggingLimitBenchmark}, which writes twelvefactor's bytes pre-built.
 *
 * <p>Scenarios: (a) info with two {@code {}} arguments; (b) (a) with three MDC entries; (c) the
 * fluent API with two arguments and three key-values; (d) (a) with a 20-frame exception on every
 * 100th event; (e) a call below the enabled level; (f) (a) with a 25-frame exception with one
 * cause on every event. Every thread runs inside a current OpenTelemetry span, and
 * twelvefactor-logging is given a service identity, so its lines carry service and trace fields
 * (the peers, configured as usual, write neither). Run at 1, 2 and 8 threads ({@code -t}), with
 * {@code -prof gc}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class LoggingBenchmark {

    @Param({"twelvefactor", "logstash", "logback-json", "log4j2-ecs", "log4j2-ecs-gcfree"})
    public String backend;

    @Param({"devnull"})
    public String sink;

    Backend logging;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        logging = Backend.create(backend, Backend.sink(sink));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        logging.close();
    }

    /** Per-thread state: the MDC of scenario (b) and the event counter of (d). */
    @State(Scope.Thread)
    public static class PerThread {
        int n;

        @Setup(Level.Trial)
        public void putMdc(LoggingBenchmark benchmark) {
            Events.putMdc(benchmark.logging);
        }
    }

    /** A current span on each benchmark thread, for the whole trial. */
    @State(Scope.Thread)
    public static class InSpan {
        private Traced traced;

        @Setup(Level.Trial)
        public void start() {
            traced = new Traced();
        }

        @TearDown(Level.Trial)
        public void end() {
            traced.close();
        }
    }

    /** Per-thread counter for scenario (d), without MDC. */
    @State(Scope.Thread)
    public static class Counter {
        int n;
    }

    @Benchmark
    public void a_twoArguments(InSpan span) {
        Events.a(logging.logger);
    }

    @Benchmark
    public void b_twoArgumentsThreeMdc(PerThread thread, InSpan span) {
        Events.a(logging.logger);
    }

    @Benchmark
    public void c_fluentThreeKeyValues(InSpan span) {
        Events.c(logging.logger);
    }

    @Benchmark
    public void d_exceptionEvery100th(Counter counter, InSpan span) {
        Events.d(logging.logger, ++counter.n);
    }

    @Benchmark
    public void e_disabled(InSpan span) {
        Events.e(logging.logger);
    }

    @Benchmark
    public void f_exceptionWithCause(InSpan span) {
        Events.f(logging.logger);
    }
}
