package io.twelvefactor.config;

import static io.twelvefactor.config.EnvTest.failure;
import static io.twelvefactor.config.EnvTest.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.HashMap;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordMapTest {
    record Db(URI url, @Default("10") int poolSize, Optional<Secret<String>> password) {
    }

    @Prefix("APP")
    record Config(Map<String, Db> datasources, @Default("8080") int port, Map<String, Integer> weights) {
    }

    @Test
    void bindsOneRecordPerUserChosenKeyAndKeysMayContainUnderscores() {
        Config c = Env.of(Map.of(
                "APP_DATASOURCES_MAIN_URL", "postgres://main/app",
                "APP_DATASOURCES_MAIN_POOL_SIZE", "5",
                "APP_DATASOURCES_READ_REPLICA_URL", "postgres://replica/app",
                "APP_WEIGHTS", "a=1,b=2",
                "UNRELATED_DATASOURCES_X_URL", "ignored")).bind(Config.class);
        assertEquals(List.of("MAIN", "READ_REPLICA"), List.copyOf(c.datasources().keySet()));
        assertEquals(new Db(URI.create("postgres://main/app"), 5, Optional.empty()), c.datasources().get("MAIN"));
        assertEquals(10, c.datasources().get("READ_REPLICA").poolSize());
        assertEquals(Map.of("a", 1, "b", 2), c.weights());
    }

    @Test
    void noVariableUnderTheGroupGivesAnEmptyMap() {
        assertEquals(Map.of(), Env.of(Map.of()).bind(Config.class).datasources());
    }

    @Test
    void aMissingComponentOfOneEntryNamesItsVariable() {
        ConfigException.Problem p = only(failure(Config.class, Map.of("APP_DATASOURCES_AUDIT_POOL_SIZE", "3")));
        assertEquals("APP_DATASOURCES_AUDIT_URL", p.variable());
        assertTrue(p.message().startsWith("is required but not set"), p::message);
    }

    @Test
    void aVariableUnderTheGroupThatNoComponentReadsIsAProblemWithTheClosestName() {
        ConfigException.Problem p = only(failure(Config.class, Map.of(
                "APP_DATASOURCES_MAIN_URL", "postgres://main/app", "APP_DATASOURCES_MAIN_POOL_SZIE", "5")));
        assertEquals("APP_DATASOURCES_MAIN_POOL_SZIE", p.variable());
        assertEquals("is set, but Db reads no such variable; expected APP_DATASOURCES_<NAME>_URL,"
                + " APP_DATASOURCES_<NAME>_POOL_SIZE, APP_DATASOURCES_<NAME>_PASSWORD;"
                + " did you mean APP_DATASOURCES_MAIN_POOL_SIZE?", p.message());
    }

    @Test
    void fileVariantsAndDotEnvLinesAddKeysToo(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("url");
        Files.writeString(secret, "postgres://from-file/app\n");
        Env.Source source = new Env.Source(Map.of("APP_DATASOURCES_A_URL_FILE", secret.toString()),
                DotEnv.parse(".env", "APP_DATASOURCES_B_URL=postgres://from-dotenv/app\n"), Map.of());
        Config c = source.bind(Config.class);
        assertEquals(URI.create("postgres://from-file/app"), c.datasources().get("A").url());
        assertEquals(URI.create("postgres://from-dotenv/app"), c.datasources().get("B").url());
    }

    @Test
    void describeShowsThePattern() {
        List<ConfigDescription.Variable> v = Env.describe(Config.class).variables();
        assertEquals(List.of("APP_DATASOURCES_<NAME>_URL", "APP_DATASOURCES_<NAME>_POOL_SIZE",
                "APP_DATASOURCES_<NAME>_PASSWORD", "APP_PORT", "APP_WEIGHTS"),
                v.stream().map(ConfigDescription.Variable::name).toList());
        assertTrue(v.get(0).required());
    }

    record Pool(int size, int poolSize) {
    }

    record Ambiguous(Map<String, Pool> pools) {
    }

    @Test
    void recordVariablesThatMakeAKeyAmbiguousAreAPlanError() {
        ConfigException.Problem p = only(failure(Ambiguous.class, Map.of()));
        assertEquals("POOLS", p.variable());
        assertTrue(p.message().contains("whose variables POOL_SIZE and SIZE make keys ambiguous"
                + " (POOLS_A_POOL_SIZE would be key A or key A_POOL)"), p::message);
    }

    record Overlap(Map<String, Db> datasources, String datasourcesMode) {
    }

    @Test
    void aComponentUnderAGroupsNamesIsAPlanError() {
        ConfigException.Problem p = only(failure(Overlap.class, Map.of()));
        assertEquals("DATASOURCES_MODE", p.variable());
        assertTrue(p.message().contains("lies under DATASOURCES_<NAME>_*, the variables of Overlap.datasources"), p::message);
    }

    record Servers(List<Db> servers) {
    }

    record Nested(Map<String, Servers> regions) {
    }

    @Test
    void aListOfRecordsInsideAGroupIsAPlanError() {
        ConfigException.Problem p = only(failure(Nested.class, Map.of()));
        assertTrue(p.message().contains("is a List of records inside the value of a Map of records"), p::message);
    }

    record Host(String host) {
    }

    @Test
    void anEmptyValueDoesNotMakeAnEntryExceptForAString() {
        record Both(Map<String, Db> dbs, Map<String, Host> hosts) {
        }
        Both b = Env.of(Map.of("DBS_X_URL", " ", "HOSTS_Y_HOST", "")).bind(Both.class);
        assertEquals(Map.of(), b.dbs());
        assertEquals(Map.of("Y", new Host("")), b.hosts());
    }

    @Provide
    Arbitrary<Set<String>> keys() {
        Arbitrary<String> word = Arbitraries.oneOf(Arbitraries.strings().withCharRange('A', 'Z').numeric()
                .ofMinLength(1).ofMaxLength(6), Arbitraries.of("URL", "POOL", "SIZE", "FILE", "PASSWORD", "APP"));
        return word.list().ofMinSize(1).ofMaxSize(3).map(w -> String.join("_", w)).set().ofMaxSize(5);
    }

    @Property(tries = 300)
    void everyKeyWrittenIsTheKeyRead(@ForAll("keys") Set<String> keys, @ForAll boolean withPassword, @ForAll boolean withPool) {
        Map<String, String> env = new HashMap<>();
        for (String key : keys) {
            env.put("APP_DATASOURCES_" + key + (withPassword ? "_PASSWORD" : "_URL"), "postgres://" + key.length() + "/x");
            env.put("APP_DATASOURCES_" + key + "_URL", "postgres://h/" + key);
            if (withPool) {
                env.put("APP_DATASOURCES_" + key + "_POOL_SIZE", Integer.toString(key.length()));
            }
        }
        Config c = Env.of(env).bind(Config.class);
        assertEquals(new TreeSet<>(keys), new TreeSet<>(c.datasources().keySet()));
        for (String key : keys) {
            assertEquals(URI.create("postgres://h/" + key), c.datasources().get(key).url());
            assertEquals(withPool ? key.length() : 10, c.datasources().get(key).poolSize());
        }
    }
}
