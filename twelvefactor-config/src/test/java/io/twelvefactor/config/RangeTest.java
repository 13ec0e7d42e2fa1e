package io.twelvefactor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class RangeTest {

    record Server(@Range(min = 0, max = 65_535) @Default("8080") int port,
                  @Range(min = 1, max = 100) Optional<Integer> poolSize,
                  @Range(min = 1) List<Long> weights) {
    }

    record OnAString(@Range(max = 3) String name) {
    }

    record Backwards(@Range(min = 5, max = 1) int n) {
    }

    record Validated(@Range(min = 0, max = 65_535) int port, int workers) {
        Validated {
            if (workers > port) {
                throw new IllegalArgumentException("workers (" + workers + ") must not exceed PORT");
            }
        }
    }

    private static ConfigException.Problem problem(Map<String, String> env) {
        ConfigException e = assertThrows(ConfigException.class, () -> Env.of(env).bind(Server.class));
        assertEquals(1, e.problems().size(), e.getMessage());
        return e.problems().get(0);
    }

    @Test
    void aMalformedValueStatesTheRangeNotTheTypes() {
        assertEquals("PORT (environment): \"abc\" is not a whole number of decimal digits 0-9;"
                + " expected an integer from 0 to 65535", problem(Map.of("PORT", "abc")).toString());
    }

    @Test
    void aValueOutsideTheRangeIsAProblemOfItsVariable() {
        assertEquals("PORT (environment): \"-1\" is out of range 0 to 65535; expected an integer from 0 to 65535",
                problem(Map.of("PORT", "-1")).toString());
        assertEquals("POOL_SIZE", problem(Map.of("POOL_SIZE", "0")).variable());
        ConfigException.Problem p = problem(Map.of("WEIGHTS", "3,0"));
        assertEquals("WEIGHTS", p.variable());
        assertTrue(p.message().contains("element at position 2 that is out of range 1 to 9223372036854775807"), p.message());
    }

    @Test
    void theTableShowsTheRange() {
        ConfigDescription.Variable port = Env.describe(Server.class).variables().get(0);
        assertEquals("an integer from 0 to 65535", port.expected());
        assertEquals("integer 0-65535", port.type());
        assertEquals("list of integer 1-9223372036854775807", Env.describe(Server.class).variables().get(2).type());
    }

    @Test
    void aRangeOnAnotherTypeOrUpsideDownIsAPlanError() {
        ConfigException e = assertThrows(ConfigException.class, () -> Env.of(Map.of("NAME", "x")).bind(OnAString.class));
        assertEquals("NAME (config type OnAString): @Range on OnAString.name applies only to integer types"
                + " (int, long, short, byte)", e.problems().get(0).toString());
        e = assertThrows(ConfigException.class, () -> Env.of(Map.of("N", "3")).bind(Backwards.class));
        assertEquals("@Range on Backwards.n has min 5 above max 1", e.problems().get(0).message());
    }

    @Test
    void theClassFileAndReflectionReadTheSameRange() {
        var components = Server.class.getRecordComponents();
        Annotations fromFile = Annotations.of(Server.class, components);
        Annotations reflected = Annotations.reflect(Server.class, components);
        assertTrue(fromFile.fromClassFile);
        assertEquals(List.of(true, true, true), List.of(fromFile.ranged[0], fromFile.ranged[1], fromFile.ranged[2]));
        assertEquals(1, fromFile.mins[1]);
        assertEquals(Long.MAX_VALUE, fromFile.maxes[2]);
        for (int i = 0; i < components.length; i++) {
            assertEquals(reflected.ranged[i], fromFile.ranged[i]);
            assertEquals(reflected.mins[i], fromFile.mins[i]);
            assertEquals(reflected.maxes[i], fromFile.maxes[i]);
        }
    }

    @Test
    void aValidationNamingAVariableIsThatVariablesProblem() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> Env.of(Map.of("PORT", "80", "WORKERS", "90")).bind(Validated.class));
        assertEquals("WORKERS (validation by Validated): workers (90) must not exceed PORT",
                e.problems().get(0).toString());
    }

    @Property(tries = 300)
    void exactlyTheValuesInTheRangeBind(@ForAll @LongRange(min = -70_000, max = 140_000) long port) {
        Map<String, String> env = Map.of("PORT", Long.toString(port));
        if (port >= 0 && port <= 65_535) {
            assertEquals(port, Env.of(env).bind(Server.class).port());
        } else {
            ConfigException.Problem p = problem(env);
            assertEquals("PORT", p.variable());
            assertFalse(p.message().contains("2147483647"), p.message());
        }
    }
}
