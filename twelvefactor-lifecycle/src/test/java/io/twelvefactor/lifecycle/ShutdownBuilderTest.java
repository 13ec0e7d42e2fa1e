package io.twelvefactor.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** Typed settings handed to the builder, and the static checks a config record calls. */
class ShutdownBuilderTest {

    @Test
    void typedSettingsReplaceTheVariables() {
        Shutdown s = Shutdown.builder()
                .env(Map.of("SHUTDOWN_TIMEOUT", "not a duration", "SHUTDOWN_DELAY", "nor this", "HEALTH_PORT", "x"))
                .timeout(Duration.ofSeconds(7))
                .delay(Duration.ofSeconds(2))
                .noHealthPort()
                .exitAction(status -> { })
                .build();
        assertTrue(s.healthPort().isEmpty());
        assertEquals(new Settings(Duration.ofSeconds(7), Duration.ofSeconds(2), Settings.NO_PORT), s.core.settings);
    }

    @Test
    void aTypedHealthPortStartsTheProbeServer() {
        Shutdown s = Shutdown.builder().env(Map.of()).healthPort(0).exitAction(status -> { }).build();
        try {
            assertTrue(s.healthPort().isPresent());
            assertTrue(s.healthPort().getAsInt() > 0);
        } finally {
            s.shutdown();
        }
    }

    @Test
    void theSettersRefuseWhatBuildWouldRefuse() {
        Shutdown.Builder b = Shutdown.builder();
        assertEquals("timeout is 0 ms; expected a budget above zero",
                assertThrows(IllegalArgumentException.class, () -> b.timeout(Duration.ZERO)).getMessage());
        assertEquals("timeout is 172800000 ms; expected a budget of at most 1d (86400000 ms)",
                assertThrows(IllegalArgumentException.class, () -> b.timeout(Duration.ofDays(2))).getMessage());
        assertEquals("delay is -1 ms; expected zero or more",
                assertThrows(IllegalArgumentException.class, () -> b.delay(Duration.ofMillis(-1))).getMessage());
        assertEquals("health port is 65536; expected a TCP port 0-65535 (0 picks a free port)",
                assertThrows(IllegalArgumentException.class, () -> b.healthPort(65_536)).getMessage());
        assertThrows(NullPointerException.class, () -> b.timeout(null));
    }

    @Test
    void buildRefusesADelayThatSpendsTheTypedBudget() {
        LifecycleException e = assertThrows(LifecycleException.class, () -> Shutdown.builder().env(Map.of())
                .timeout(Duration.ofSeconds(5)).delay(Duration.ofSeconds(5)).build());
        assertEquals("SHUTDOWN_DELAY=5000 ms (given to the builder): expected less than SHUTDOWN_TIMEOUT"
                + " (5000 ms), since the delay is spent out of that budget", e.problems().get(0));
    }

    @Test
    void checkSettingsNamesTheVariableItRefuses() {
        assertEquals("SHUTDOWN_TIMEOUT is 0 ms; expected a budget above zero",
                assertThrows(IllegalArgumentException.class,
                        () -> Shutdown.checkSettings(Duration.ZERO, Duration.ZERO)).getMessage());
        assertEquals("SHUTDOWN_DELAY is 30000 ms; expected less than SHUTDOWN_TIMEOUT (25000 ms),"
                        + " since the delay is spent out of that budget",
                assertThrows(IllegalArgumentException.class,
                        () -> Shutdown.checkSettings(Duration.ofSeconds(25), Duration.ofSeconds(30))).getMessage());
        assertEquals("HEALTH_PORT is -1; expected a TCP port 0-65535 (0 picks a free port)",
                assertThrows(IllegalArgumentException.class, () -> Shutdown.checkHealthPort(-1)).getMessage());
        Shutdown.checkHealthPort(0);
        Shutdown.checkHealthPort(65_535);
    }

    /** The static check and the builder agree on every pair: one rule, in one place. */
    @Property(tries = 300)
    void checkSettingsAcceptsExactlyWhatBuildAccepts(@ForAll @LongRange(min = -5, max = 90_000_000) long timeoutMs,
                                                     @ForAll @LongRange(min = -5, max = 90_000_000) long delayMs) {
        Duration timeout = Duration.ofMillis(timeoutMs);
        Duration delay = Duration.ofMillis(delayMs);
        boolean checked = accepts(() -> Shutdown.checkSettings(timeout, delay));
        boolean fromEnv = accepts(() -> Settings.from(Map.of("SHUTDOWN_TIMEOUT", timeoutMs < 0 ? "-" : timeoutMs + "ms",
                "SHUTDOWN_DELAY", delayMs < 0 ? "-" : delayMs + "ms")));
        assertEquals(checked, fromEnv, timeout + " / " + delay);
    }

    private static boolean accepts(Runnable r) {
        try {
            r.run();
            return true;
        } catch (IllegalArgumentException | LifecycleException e) {
            return false;
        }
    }
}
