package io.twelvefactor.benchmarks.config;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Binding a 20-leaf nested config, warm: the average time of one bind from a map once every
 * library has built its caches and the JIT has compiled the code.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class ConfigBindWarm {
    private final Map<String, String> environment = ConfigFixtures.environment();
    private final Map<String, String> properties = ConfigFixtures.properties();

    /** @return the config parsed by hand, the floor */
    @Benchmark
    public Object handWritten() {
        return ConfigFixtures.handWritten(environment);
    }

    /** @return the bound config */
    @Benchmark
    public Object twelvefactor() {
        return ConfigFixtures.twelvefactor(environment);
    }

    /** @return the bound config */
    @Benchmark
    public Object smallrye() {
        return ConfigFixtures.smallrye(properties);
    }

    /** @return the bound config */
    @Benchmark
    public Object spring() {
        return ConfigFixtures.spring(properties);
    }
}
