package io.twelvefactor.config;

import static io.twelvefactor.config.EnvTest.variables;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Mistakes in a config type are reported, all at once, before any value is read. */
class PlanErrorsTest {
    record Chain(String name, Optional<Chain> next) {
    }

    record Element(@Name("FIXED") String host) {
    }

    record Misnamed(@Name("NOT-VALID") String a, @Default("x") Inner inner, List<Element> elements) {
    }

    record Inner(String b) {
    }

    @Prefix("1BAD")
    record BadPrefix(String c) {
    }

    @Test
    void recursiveTypesAreRejected() {
        ConfigException e = assertThrows(ConfigException.class, () -> Env.of(Map.of()).bind(Chain.class));
        assertEquals(List.of("NEXT"), variables(e));
        assertTrue(e.problems().get(0).message().contains("contains itself"), e::getMessage);
    }

    @Test
    void badNamesDefaultsOnRecordsAndExactNamesInListElementsAreReportedTogether() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> Env.of(Map.of("A", "1", "INNER_B", "2")).bind(Misnamed.class));
        assertEquals(List.of("NOT-VALID", "INNER", "FIXED"), variables(e));
        assertTrue(e.problems().get(0).message().contains("invalid variable name"), e::getMessage);
        assertTrue(e.problems().get(1).message().contains("@Default on Misnamed.inner cannot apply to a nested record"));
        assertTrue(e.problems().get(2).message().contains("cannot be used in a record bound as a list element or map value"));
        assertEquals("config type Misnamed", e.problems().get(0).source());
    }

    @Test
    void anInvalidPrefixIsAPlanError() {
        ConfigException e = assertThrows(ConfigException.class, () -> Env.of(Map.of("1BAD_C", "x")).bind(BadPrefix.class));
        assertEquals("1BAD", EnvTest.only(e).variable());
    }

    record Described(@Default("s3cr3t") Secret<String> token, Map<String, Integer> quotas, Optional<Double> ratio) {
    }

    @Test
    void describeNeverShowsASecretDefaultAndNamesCollectionTypes() {
        ConfigDescription d = Env.describe(Described.class);
        assertEquals("| `TOKEN` | string | (secret) | no | yes |  |", d.toMarkdown().split("\n")[2]);
        assertEquals("map of string to integer", d.variables().get(1).type());
        assertEquals(false, d.variables().get(2).required());
        assertTrue(!d.toDotEnvExample().contains("s3cr3t"), d::toDotEnvExample);
    }
}
