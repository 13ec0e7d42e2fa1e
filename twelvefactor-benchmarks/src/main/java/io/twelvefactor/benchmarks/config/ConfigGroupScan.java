package io.twelvefactor.benchmarks.config;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a named group ({@code Map<String, Record>}) costs: its keys are found by scanning every
 * variable name, so the bind grows with the environment. Three entries of three variables,
 * bound warm, beside {@code unrelated} other variables (0 or 1 000).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class ConfigGroupScan {
    /** Unrelated variables in the environment. */
    @Param({"0", "1000"})
    public int unrelated;

    private Map<String, String> environment;

    /** Builds the environment. */
    @Setup
    public void setUp() {
        environment = ConfigFixtures.groupEnvironment(unrelated);
    }

    /** @return the bound config */
    @Benchmark
    public Object mapOfRecords() {
        return ConfigFixtures.group(environment);
    }
}
