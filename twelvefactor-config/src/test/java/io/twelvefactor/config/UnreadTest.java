package io.twelvefactor.config;

import static io.twelvefactor.config.EnvTest.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Typo detection under a prefix, and deprecated names. */
class UnreadTest {
    record Db(@DeprecatedName("APP_DATABASE_URL") URI url, @Default("10") int poolSize) {
    }

    record Server(String host) {
    }

    record Replica(URI url) {
    }

    @Prefix("APP")
    record Config(Db db, @Default("8080") int port, List<Server> servers, Map<String, Replica> replicas,
                  @Name("REGION") Optional<String> region) {
    }

    final List<ConfigException.Problem> warnings = new ArrayList<>();

    Env.Source source(Map<String, String> env) {
        return Env.builder().variables(env).noDotEnv().warnings(warnings::add).build();
    }

    @Test
    void aVariableUnderThePrefixThatNothingReadsIsAWarningWithTheClosestName() {
        Config c = source(Map.of("APP_DB_URL", "postgres://db/app", "APP_DB_ULR", "postgres://typo/app",
                "APP_PROT", "9090", "APP_SOMETHING_ELSE", "x")).bind(Config.class);
        assertEquals(8080, c.port());
        assertEquals(List.of(
                "APP_DB_ULR (environment): is set, but no component of Config reads it; did you mean APP_DB_URL?"
                        + " (Env.builder().rejectUnknownVariables() makes this a problem)",
                "APP_PROT (environment): is set, but no component of Config reads it; did you mean APP_PORT?"
                        + " (Env.builder().rejectUnknownVariables() makes this a problem)",
                "APP_SOMETHING_ELSE (environment): is set, but no component of Config reads it"
                        + " (Env.builder().rejectUnknownVariables() makes this a problem)"),
                warnings.stream().map(Object::toString).toList());
    }

    @Test
    void variablesThatAreReadAreNeverReported() {
        Map<String, String> env = new HashMap<>();
        env.put("APP_DB_URL", "postgres://db/app");
        env.put("APP_DB_POOL_SIZE_FILE", "");
        env.put("APP_SERVERS_0_HOST", "a");
        env.put("APP_SERVERS_1_HOST", "b");
        env.put("APP_SERVERS_5_HOST", "c");
        env.put("APP_REPLICAS_EU_URL", "postgres://eu/app");
        env.put("REGION", "eu");
        env.put("OTHER_PORT", "1");
        ConfigException e = assertThrows(ConfigException.class, () -> source(env).bind(Config.class));
        assertEquals("APP_SERVERS_5_HOST", only(e).variable(), "a gap in the list is still the list's problem");
        assertEquals(List.of(), warnings);
    }

    @Test
    void rejectUnknownVariablesMakesItAProblem() {
        ConfigException e = assertThrows(ConfigException.class, () -> Env.builder()
                .variables(Map.of("APP_DB_URL", "postgres://db/app", "APP_DB_POOL_SZIE", "5"))
                .noDotEnv().rejectUnknownVariables().build().bind(Config.class));
        assertEquals("APP_DB_POOL_SZIE (environment): is set, but no component of Config reads it;"
                + " did you mean APP_DB_POOL_SIZE?", only(e).toString());
    }

    record Unprefixed(@Default("1") int port) {
    }

    @Test
    void aConfigWithoutPrefixIsNeverScanned() {
        Env.Source s = source(Map.of("PROT", "2"));
        assertEquals(1, s.bind(Unprefixed.class).port());
        assertEquals(List.of(), warnings);
    }

    @Test
    void aDeprecatedNameIsReadWithAWarning() {
        Config c = source(Map.of("APP_DATABASE_URL", "postgres://old/app")).bind(Config.class);
        assertEquals(URI.create("postgres://old/app"), c.db().url());
        assertEquals(List.of("APP_DATABASE_URL (environment): is deprecated; rename it to APP_DB_URL"),
                warnings.stream().map(Object::toString).toList());
    }

    @Test
    void aDeprecatedFileVariantIsReadWithAWarningToo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = dir.resolve("url");
        java.nio.file.Files.writeString(file, "postgres://file/app\n");
        Config c = source(Map.of("APP_DATABASE_URL_FILE", file.toString())).bind(Config.class);
        assertEquals(URI.create("postgres://file/app"), c.db().url());
        assertEquals("APP_DATABASE_URL_FILE", warnings.get(0).variable());
        assertTrue(warnings.get(0).message().endsWith("rename it to APP_DB_URL_FILE"), warnings.get(0)::message);
    }

    @Test
    void settingTheOldAndTheNewNameIsAProblem() {
        ConfigException e = assertThrows(ConfigException.class, () -> source(Map.of(
                "APP_DATABASE_URL", "postgres://old/app", "APP_DB_URL", "postgres://new/app")).bind(Config.class));
        assertEquals("APP_DATABASE_URL (environment): is set, and so is APP_DB_URL, its new name; remove APP_DATABASE_URL",
                only(e).toString());
    }

    @Test
    void aBadValueUnderTheOldNameNamesTheOldName() {
        ConfigException e = assertThrows(ConfigException.class, () -> source(Map.of("APP_DATABASE_URL", "a b"))
                .bind(Config.class));
        assertEquals("APP_DATABASE_URL", only(e).variable());
    }

    record Clash(@DeprecatedName("PORT") int port) {
    }

    @Test
    void aDeprecatedNameThatClashesIsAPlanError() {
        ConfigException e = assertThrows(ConfigException.class, () -> Env.of(Map.of()).bind(Clash.class));
        assertTrue(only(e).message().contains("is read by both"), e::getMessage);
    }

    @Test
    void typoDistanceCountsASwapOfNeighboursAsOne() {
        assertEquals(1, Typos.distance("APP_DB_ULR", "APP_DB_URL"));
        assertEquals(2, Typos.distance("PORT", "PROTS"));
        assertEquals("APP_PORT", Typos.closest("APP_PROT", List.of("APP_HOST", "APP_PORT")));
        assertEquals(null, Typos.closest("APP_ZZZZZZ", List.of("APP_PORT")));
    }

    @Test
    void theDefaultWarningChannelIsTheSystemLogger() {
        // no receiver set: must not throw, and the bind succeeds
        assertEquals(URI.create("postgres://old/app"), Env.of(Map.of("APP_DATABASE_URL", "postgres://old/app"))
                .bind(Config.class).db().url());
    }
}
