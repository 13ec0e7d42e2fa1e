package io.twelvefactor.lifecycle;

import io.twelvefactor.testkit.Conformance;
import io.twelvefactor.testkit.GrammarText;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Lifecycle reads durations and ports as every other module does: the shared conformance table. */
class GrammarConformanceTest {

    static Stream<Conformance.Row> durations() {
        return Conformance.rows("duration").stream();
    }

    static Stream<Conformance.Row> ports() {
        return Conformance.rows("port").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("durations")
    void shutdownDelayReadsDurationsByTheTable(Conformance.Row row) {
        // SHUTDOWN_DELAY under the longest budget: only the grammar (and the 1d limit) decide
        Map<String, String> env = Map.of("SHUTDOWN_TIMEOUT", "1d", "SHUTDOWN_DELAY", row.input());
        switch (row.expected()) {
            case "unset" -> assertEquals(Duration.ZERO, Settings.from(env).delay());
            case "invalid" -> {
                LifecycleException e = assertThrows(LifecycleException.class, () -> Settings.from(env));
                assertTrue(e.problems().get(0).startsWith("SHUTDOWN_DELAY="), e.getMessage());
                assertTrue(e.getMessage().contains("expected a duration with a unit"), e.getMessage());
            }
            default -> {
                Duration expected = Duration.parse(row.expected());
                assertEquals(expected, Settings.parseDuration(row.input()));
                if (expected.compareTo(Duration.ofDays(1)) < 0) {
                    assertEquals(expected, Settings.from(env).delay());
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ports")
    void healthPortReadsPortsByTheTable(Conformance.Row row) {
        Map<String, String> env = Map.of("HEALTH_PORT", row.input());
        switch (row.expected()) {
            case "unset" -> assertEquals(Settings.NO_PORT, Settings.from(env).healthPort());
            case "invalid" -> {
                LifecycleException e = assertThrows(LifecycleException.class, () -> Settings.from(env));
                assertTrue(e.getMessage().contains("HEALTH_PORT=\"" + row.input()), e.getMessage());
                assertTrue(e.getMessage().contains("expected a TCP port 0-65535"), e.getMessage());
            }
            default -> assertEquals(Integer.parseInt(row.expected()), Settings.parsePort(row.input()));
        }
    }

    @Test
    void theTableAgreesWithTheReferenceGrammar() {
        Conformance.checkTableAgainstTheReference();
    }

    /** Beyond the table's rows: lifecycle's parsers against the README's grammar, over generated text. */
    @Property(tries = 2000)
    void durationsFollowTheReferenceGrammar(@ForAll("durationText") String raw) {
        String expected = Conformance.duration(raw);
        Duration parsed = Settings.parseDuration(raw);
        String actual = parsed != null ? parsed.toString()
                : Settings.trim(raw).isEmpty() ? Conformance.UNSET : Conformance.INVALID;
        assertEquals(expected, actual, raw);
    }

    @Property(tries = 1000)
    void portsFollowTheReferenceGrammar(@ForAll("portText") String raw) {
        int parsed = Settings.parsePort(raw);
        String actual = parsed != Settings.NO_PORT ? Integer.toString(parsed)
                : Settings.trim(raw).isEmpty() ? Conformance.UNSET : Conformance.INVALID;
        assertEquals(Conformance.port(raw), actual, raw);
    }

    @Provide
    Arbitrary<String> durationText() {
        return GrammarText.durations();
    }

    @Provide
    Arbitrary<String> portText() {
        return GrammarText.ports();
    }
}
