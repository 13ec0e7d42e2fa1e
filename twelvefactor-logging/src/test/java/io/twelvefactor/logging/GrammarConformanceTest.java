package io.twelvefactor.logging;

import io.twelvefactor.testkit.Conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Logging reads levels and booleans by the table every module runs. */
class GrammarConformanceTest {

    private static final Map<String, Integer> LEVELS = Map.of("trace", LogConfig.TRACE, "debug", LogConfig.DEBUG,
            "info", LogConfig.INFO, "warn", LogConfig.WARN, "error", LogConfig.ERROR, "off", LogConfig.OFF);

    static Stream<Conformance.Row> levels() {
        return Conformance.rows("level").stream();
    }

    static Stream<Conformance.Row> booleans() {
        return Conformance.rows("boolean").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("levels")
    void logLevelFollowsTheTable(Conformance.Row row) {
        List<String> problems = new ArrayList<>();
        LogConfig c = new LogConfig(Map.of("LOG_LEVEL", row.input(), "LOG_LEVEL_COM_EXAMPLE", row.input()), problems::add);
        switch (row.expected()) {
            case "unset" -> {
                assertEquals(List.of(), problems);
                assertEquals(LogConfig.INFO, c.levelOf("com.example.Thing"));
            }
            case "invalid" -> {
                assertEquals(2, problems.size(), problems.toString());
                assertTrue(problems.get(0).contains("is not a level; expected one of: trace, debug, info, warn, error, off"),
                        problems.toString());
            }
            default -> {
                assertEquals(List.of(), problems);
                assertEquals(LEVELS.get(row.expected()), c.levelOf("any"));
                assertEquals(LEVELS.get(row.expected()), c.levelOf("com.example.Thing"));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("booleans")
    void logJulBridgeFollowsTheTable(Conformance.Row row) {
        List<String> problems = new ArrayList<>();
        LogConfig c = new LogConfig(Map.of("LOG_JUL_BRIDGE", row.input()), problems::add);
        switch (row.expected()) {
            case "unset" -> {
                assertEquals(List.of(), problems);
                assertTrue(c.julBridge);
            }
            case "invalid" -> {
                assertEquals(1, problems.size(), problems.toString());
                assertTrue(problems.get(0).contains("is not a boolean; expected one of: true, false, yes, no, on, off, 1, 0"),
                        problems.toString());
            }
            default -> {
                assertEquals(List.of(), problems);
                assertEquals(Boolean.parseBoolean(row.expected()), c.julBridge);
            }
        }
    }
}
