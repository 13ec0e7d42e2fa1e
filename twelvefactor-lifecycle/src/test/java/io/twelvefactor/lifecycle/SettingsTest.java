package io.twelvefactor.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void defaultsAreTwentyFiveSecondsNoDelayNoProbeServer() {
        Settings s = Settings.from(Map.of());
        assertEquals(Duration.ofSeconds(25), s.timeout());
        assertEquals(Duration.ZERO, s.delay());
        assertEquals(Settings.NO_PORT, s.healthPort());
    }

    @Property(tries = 500)
    void everyWellFormedDurationParses(@ForAll @IntRange(min = 1, max = 86_400_000) int millis,
                                       @ForAll("units") String unit) {
        long factor = switch (unit) {
            case "ms" -> 1;
            case "s" -> 1_000;
            case "m" -> 60_000;
            case "h" -> 3_600_000;
            default -> 86_400_000;
        };
        long n = Math.max(1, millis / factor);
        Settings s = Settings.from(Map.of("SHUTDOWN_TIMEOUT", n + unit));
        assertEquals(Duration.ofMillis(n * factor), s.timeout());
        Settings iso = Settings.from(Map.of("SHUTDOWN_TIMEOUT", Duration.ofMillis(n * factor).toString()));
        assertEquals(Duration.ofMillis(n * factor), iso.timeout());
    }

    @Property(tries = 500)
    void anythingElseIsRejectedNamingTheVariableAndTheValue(@ForAll("malformed") String raw) {
        LifecycleException e = assertThrows(LifecycleException.class,
                () -> Settings.from(Map.of("SHUTDOWN_DELAY", raw)));
        assertEquals(1, e.problems().size());
        String problem = e.problems().get(0);
        assertTrue(problem.startsWith("SHUTDOWN_DELAY=\""), problem);
        assertTrue(problem.contains("expected a duration with a unit: 500ms, 25s, 1m, 1h, 1d, or ISO-8601"), problem);
    }

    @Property(tries = 300)
    void portsInRangeAreAcceptedOthersRejected(@ForAll @IntRange(min = -100_000, max = 200_000) int port) {
        Map<String, String> env = Map.of("HEALTH_PORT", Integer.toString(port));
        if (port >= 0 && port <= 65_535) {
            assertEquals(port, Settings.from(env).healthPort());
        } else {
            LifecycleException e = assertThrows(LifecycleException.class, () -> Settings.from(env));
            assertTrue(e.problems().get(0).startsWith("HEALTH_PORT=\"" + port + "\": expected a TCP port 0-65535"));
        }
    }

    @Test
    void reportsEveryProblemAtOnce() {
        LifecycleException e = assertThrows(LifecycleException.class, () -> Settings.from(Map.of(
                "SHUTDOWN_TIMEOUT", "25 s", "SHUTDOWN_DELAY", "-1", "HEALTH_PORT", "http")));
        assertEquals(3, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).startsWith("SHUTDOWN_TIMEOUT=\"25 s\""));
        assertTrue(e.problems().get(1).startsWith("SHUTDOWN_DELAY=\"-1\""));
        assertTrue(e.problems().get(2).startsWith("HEALTH_PORT=\"http\""));
        assertTrue(e.getMessage().startsWith("twelvefactor-lifecycle settings are invalid:\n  - SHUTDOWN_TIMEOUT"));
    }

    @Test
    void theDelayMustLeaveSomeOfTheBudget() {
        LifecycleException e = assertThrows(LifecycleException.class,
                () -> Settings.from(Map.of("SHUTDOWN_TIMEOUT", "5s", "SHUTDOWN_DELAY", "5s")));
        assertEquals(List.of("SHUTDOWN_DELAY=\"5s\": expected less than SHUTDOWN_TIMEOUT (5000 ms),"
                + " since the delay is spent out of that budget"), e.problems());
        assertThrows(LifecycleException.class, () -> Settings.from(Map.of("SHUTDOWN_TIMEOUT", "0ms")));
    }

    @Test
    void budgetsBeyondOneDayAreRefusedThoughTheGrammarReadsThem() {
        LifecycleException e = assertThrows(LifecycleException.class,
                () -> Settings.from(Map.of("SHUTDOWN_TIMEOUT", "2d")));
        assertEquals(List.of("SHUTDOWN_TIMEOUT=\"2d\": expected a budget of at most 1d (86400000 ms)"), e.problems());
    }

    @Test
    void blankValuesCountAsUnsetAndSurroundingSpaceIsTrimmed() {
        Settings s = Settings.from(Map.of("SHUTDOWN_TIMEOUT", " 10s\n", "SHUTDOWN_DELAY", "  ", "HEALTH_PORT", ""));
        assertEquals(Duration.ofSeconds(10), s.timeout());
        assertEquals(Duration.ZERO, s.delay());
        assertEquals(Settings.NO_PORT, s.healthPort());
    }

    @Test
    void typedValuesWinOverTheVariablesAndAreCheckedTogether() {
        Settings s = Settings.from(Map.of("SHUTDOWN_TIMEOUT", "nonsense", "HEALTH_PORT", "http"),
                Duration.ofSeconds(10), null, Settings.NO_PORT);
        assertEquals(Duration.ofSeconds(10), s.timeout());
        assertEquals(Settings.NO_PORT, s.healthPort());
        LifecycleException e = assertThrows(LifecycleException.class,
                () -> Settings.from(Map.of("SHUTDOWN_DELAY", "10s"), Duration.ofSeconds(10), null, null));
        assertEquals(List.of("SHUTDOWN_DELAY=\"10s\": expected less than SHUTDOWN_TIMEOUT (10000 ms),"
                + " since the delay is spent out of that budget"), e.problems());
    }

    @Test
    void longValuesAreTruncatedInMessages() {
        String raw = "x".repeat(100);
        LifecycleException e = assertThrows(LifecycleException.class,
                () -> Settings.from(Map.of("SHUTDOWN_TIMEOUT", raw)));
        assertTrue(e.problems().get(0).startsWith("SHUTDOWN_TIMEOUT=\"" + "x".repeat(40) + "...\": "));
    }

    @Provide
    Arbitrary<String> units() {
        return Arbitraries.of("ms", "s", "m", "h", "d");
    }

    @Provide
    Arbitrary<String> malformed() {
        Arbitrary<String> nearMisses = Arbitraries.of("", "5", "25", " 5s", "5s ", "5S", "5MS", "5.5s", "-5s", "+5s",
                "0x10s", "1234567890s", "5sec", "PT-5S", "P2D", "PT25H", "2d1s", "٥s", "5s\n", "P", "PT");
        return Arbitraries.oneOf(nearMisses, Arbitraries.strings().ofMaxLength(12))
                .filter(s -> Settings.parseDuration(s) == null && !Settings.trim(s).isEmpty());
    }
}
