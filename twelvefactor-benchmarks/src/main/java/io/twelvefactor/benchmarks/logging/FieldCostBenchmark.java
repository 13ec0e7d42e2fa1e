package io.twelvefactor.benchmarks.logging;

import io.twelvefactor.logging.StdoutServiceProvider;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;
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
import org.slf4j.Logger;

/**
 * What twelvefactor-logging's service and trace fields cost in scenario (a), to a null sink:
 * {@code plain} (neither), {@code service} (the service identity of {@link Events#SERVICE}),
 * {@code span} (a current OpenTelemetry span), {@code both}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class FieldCostBenchmark {

    @Param({"plain", "service", "span", "both"})
    public String fields;

    private Logger logger;
    private Traced traced;

    @Setup(Level.Trial)
    public void setUp() {
        Map<String, String> env = new HashMap<>();
        env.put("LOG_LEVEL", "info");
        if (fields.equals("service") || fields.equals("both")) {
            env.putAll(Events.SERVICE);
        }
        if (fields.equals("span") || fields.equals("both")) {
            traced = new Traced();
        }
        logger = StdoutServiceProvider.forStream(env, OutputStream.nullOutputStream())
                .getLoggerFactory().getLogger(Backend.LOGGER);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (traced != null) {
            traced.close();
        }
    }

    @Benchmark
    public void a_twoArguments() {
        Events.a(logger);
    }
}
