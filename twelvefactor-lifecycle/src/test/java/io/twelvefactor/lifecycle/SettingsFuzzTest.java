package io.twelvefactor.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Coverage-guided fuzzing of the lifecycle settings. {@code mvn verify} replays the committed
 * inputs in {@code src/test/resources/io/twelvefactor/lifecycle/SettingsFuzzTestInputs/}; a
 * campaign searches for new ones ({@code .ci/fuzz lifecycle SettingsFuzzTest settings 10}).
 */
class SettingsFuzzTest {

    private static final String[] NAMES = {Settings.TIMEOUT, Settings.DELAY, Settings.HEALTH_PORT};

    /**
     * Fuzzed {@code SHUTDOWN_TIMEOUT}, {@code SHUTDOWN_DELAY} and {@code HEALTH_PORT}, and
     * sometimes typed values, through the builder with an injected environment, clock and exit
     * actions and no signals: a valid setting, or a {@link LifecycleException} whose every
     * problem names a variable that was set, and its value. A setting that would open the probe
     * server's port is checked through {@link Settings#from}, the builder's own reading.
     */
    @FuzzTest
    void settings(FuzzedDataProvider data) {
        Duration typedTimeout = data.consumeBoolean() ? Duration.ofMillis(data.consumeLong(1, 86_400_000)) : null;
        Duration typedDelay = data.consumeBoolean() ? Duration.ofMillis(data.consumeLong(0, 86_400_000)) : null;
        Map<String, String> env = new HashMap<>();
        for (String name : NAMES) {
            if (data.consumeBoolean()) {
                env.put(name, data.consumeString(40));
            }
        }
        if (data.consumeBoolean()) {
            env.put(NAMES[data.consumeInt(0, 2)], data.consumeRemainingAsString());
        }

        Settings read;
        try {
            read = Settings.from(env, typedTimeout, typedDelay, null);
        } catch (LifecycleException e) {
            assertNamesVariables(e, env, typedTimeout, typedDelay);
            read = null;
        }
        if (read != null && read.healthPort() != Settings.NO_PORT) {
            assertValid(read, env);
            return;  // building would open the probe server's port
        }
        Shutdown.Builder b = Shutdown.builder().env(env).clock(() -> 0L)
                .exitAction(code -> fail("exit " + code)).haltAction(code -> fail("halt " + code));
        if (typedTimeout != null) {
            b.timeout(typedTimeout);
        }
        if (typedDelay != null) {
            b.delay(typedDelay);
        }
        Shutdown built;
        try {
            built = b.build();
        } catch (LifecycleException e) {
            assertNamesVariables(e, env, typedTimeout, typedDelay);
            assertTrue(read == null, "the builder refused what Settings.from read: " + e.getMessage());
            return;
        }
        assertTrue(read != null, "the builder took what Settings.from refused: " + env);
        assertEquals(read, built.core.settings);
        assertValid(built.core.settings, env);
        assertFalse(built.healthPort().isPresent());
    }

    private static void assertValid(Settings s, Map<String, String> env) {
        assertTrue(s.timeout().compareTo(Duration.ZERO) > 0 && s.timeout().compareTo(Duration.ofDays(1)) <= 0,
                s + " from " + env);
        assertTrue(!s.delay().isNegative() && s.delay().compareTo(s.timeout()) < 0, s + " from " + env);
        String port = env.get(Settings.HEALTH_PORT);
        if (port != null && !Settings.trim(port).isEmpty()) {
            assertTrue(s.healthPort() >= 0 && s.healthPort() <= Settings.MAX_PORT, s + " from " + env);
            assertEquals(Settings.trim(port), Integer.toString(s.healthPort()), "the port written");
        } else {
            assertEquals(Settings.NO_PORT, s.healthPort());
        }
    }

    /** Every problem starts with {@code NAME=} and the value shown, of a variable that was set. */
    private static void assertNamesVariables(LifecycleException e, Map<String, String> env,
            Duration typedTimeout, Duration typedDelay) {
        List<String> problems = e.problems();
        assertFalse(problems.isEmpty());
        for (String p : problems) {
            String name = null;
            for (String n : NAMES) {
                if (p.startsWith(n + "=")) {
                    name = n;
                }
            }
            assertTrue(name != null, "names no variable: " + p);
            Duration typed = name.equals(Settings.TIMEOUT) ? typedTimeout
                    : name.equals(Settings.DELAY) ? typedDelay : null;
            String shown = typed != null ? Settings.millis(typed) + " (given to the builder)"
                    : Settings.quote(env.get(name));
            assertTrue(p.startsWith(name + "=" + shown + ": expected "), "value or expectation missing: " + p);
            assertTrue(e.getMessage().contains(p), e.getMessage());
        }
    }
}
