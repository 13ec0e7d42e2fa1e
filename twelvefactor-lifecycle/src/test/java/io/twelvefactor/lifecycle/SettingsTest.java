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
    void everyWellFormedDurationParses(@ForAll @IntRange(min = 1, max = 999_999_999) int n,
                                       @ForAll("units") String unit) {
        long factor = switch (unit) {
            case "ms" -> 1;
            case "m" -> 60_000;
            default -> 1_000;
        };
        Settings s = Settings.from(Map.of("SHUTDOWN_TIMEOUT", n + unit));
        assertEquals(Duration.ofMillis(n * factor), s.timeout());
    }

    @Property(tries = 500)
    void anythingElseIsRejectedNamingTheVariableAndTheValue(@ForAll("malformed") String raw) {
        LifecycleException e = assertThrows(LifecycleException.class,
                () -> Settings.from(Map.of("SHUTDOWN_DELAY", raw)));
        assertEquals(1, e.problems().size());
        String problem = e.problems().get(0);
        assertTrue(problem.startsWith("SHUTDOWN_DELAY=\""), problem);
        assertTrue(problem.endsWith("expected a whole number of seconds (25), or with a unit: 500ms, 25s, 1m"), problem);
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
                () -> Settings.from(Map.of("SHUTDOWN_TIMEOUT", "5s", "SHUTDOWN_DELAY", "5")));
        assertEquals(List.of("SHUTDOWN_DELAY=\"5\": expected less than SHUTDOWN_TIMEOUT (5000 ms),"
                + " since the delay is spent out of that budget"), e.problems());
        assertThrows(LifecycleException.class, () -> Settings.from(Map.of("SHUTDOWN_TIMEOUT", "0ms")));
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
        return Arbitraries.of("", "s", "ms", "m");
    }

    @Provide
    Arbitrary<String> malformed() {
        Arbitrary<String> nearMisses = Arbitraries.of("", " 5", "5 ", "5S", "5MS", "5h", "5.5", "-5", "+5", "0x10",
                "1234567890", "5sec", "PT5S", "٥", "5\n");
        return Arbitraries.oneOf(nearMisses, Arbitraries.strings().ofMaxLength(12))
                .filter(s -> !s.matches("[0-9]{1,9}(ms|s|m)?"));
    }
}
