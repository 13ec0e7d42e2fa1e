package io.twelvefactor.config;

import io.twelvefactor.testkit.Conformance;
import io.twelvefactor.testkit.GrammarText;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Config reads durations, booleans, ports and credential keys by the table every module runs. */
class GrammarConformanceTest {

    record Durations(Optional<Duration> value) {
    }

    record Booleans(Optional<Boolean> value) {
    }

    record Ports(@Range(min = 0, max = 65_535) Optional<Integer> value) {
    }

    static Stream<Conformance.Row> durations() {
        return Conformance.rows("duration").stream();
    }

    static Stream<Conformance.Row> booleans() {
        return Conformance.rows("boolean").stream();
    }

    static Stream<Conformance.Row> ports() {
        return Conformance.rows("port").stream();
    }

    static Stream<Conformance.Row> credentialKeys() {
        return Conformance.rows("credential-key").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("durations")
    void durationsFollowTheTable(Conformance.Row row) {
        check(Durations.class, row, r -> r.value().map(Object::toString));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("booleans")
    void booleansFollowTheTable(Conformance.Row row) {
        check(Booleans.class, row, r -> r.value().map(Object::toString));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ports")
    void portsFollowTheTable(Conformance.Row row) {
        check(Ports.class, row, r -> r.value().map(Object::toString));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("credentialKeys")
    void credentialKeysFollowTheTable(Conformance.Row row) {
        String shown = Shown.quote("postgres://h/db?" + row.input() + "=hunter2&z=1");
        boolean hidden = shown.contains(row.input() + "=***&z=1");
        assertEquals(row.expected().equals("secret"), hidden, shown);
        assertEquals(row.expected().equals("secret"),
                Text.urlSecrets("postgres://h/db?" + row.input() + "=hunter2").contains("hunter2"));
    }

    private static <T> void check(Class<T> type, Conformance.Row row, java.util.function.Function<T, Optional<String>> value) {
        Env.Source env = Env.of(Map.of("VALUE", row.input()));
        switch (row.expected()) {
            case "unset" -> assertEquals(Optional.empty(), value.apply(env.bind(type)));
            case "invalid" -> {
                ConfigException e = assertThrows(ConfigException.class, () -> env.bind(type));
                assertEquals("VALUE", e.problems().get(0).variable(), e.getMessage());
                assertTrue(e.problems().get(0).message().contains("; expected "), e.getMessage());
            }
            default -> assertEquals(Optional.of(row.expected()), value.apply(env.bind(type)));
        }
    }

    @Test
    void theTableAgreesWithTheReferenceGrammar() {
        Conformance.checkTableAgainstTheReference();
    }

    /** Beyond the table's rows: config's parsers against the README's grammar, over generated text. */
    @Property(tries = 2000)
    void durationsFollowTheReferenceGrammar(@ForAll("durationText") String raw) {
        assertEquals(Conformance.duration(raw), outcome(Durations.class, raw), raw);
    }

    @Property(tries = 1000)
    void portsFollowTheReferenceGrammar(@ForAll("portText") String raw) {
        assertEquals(Conformance.port(raw), outcome(Ports.class, raw), raw);
    }

    private static String outcome(Class<? extends Record> type, String raw) {
        try {
            Record r = Env.of(Map.of("VALUE", raw)).bind(type);
            Optional<?> value = r instanceof Durations ? ((Durations) r).value() : ((Ports) r).value();
            return value.map(Object::toString).orElse(Conformance.UNSET);
        } catch (ConfigException e) {
            return Conformance.INVALID;
        }
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
