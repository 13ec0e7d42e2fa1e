package io.twelvefactor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twelvefactor.config.ConfigTypes.AppConfig;
import io.twelvefactor.config.ConfigTypes.Level;
import java.net.URI;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EnvTest {
    static final Map<String, String> APP = Map.of(
            "APP_DB_URL", "postgres://db:5432/app",
            "APP_DB_PASSWORD", "hunter2-very-secret");

    static ConfigException failure(Class<?> type, Map<String, String> variables) {
        return assertThrows(ConfigException.class, () -> Env.of(variables).bind(type));
    }

    static ConfigException.Problem only(ConfigException e) {
        assertEquals(1, e.problems().size(), e::getMessage);
        return e.problems().get(0);
    }

    @Test
    void bindsNestedRecordsWithPrefixDefaultsAndExactNames() {
        Map<String, String> env = new HashMap<>(APP);
        env.put("APP_PORT", "9090");
        env.put("PORT_OVERRIDE", "7000");
        env.put("APP_ALLOWED_ORIGINS", "https://a.example, https://b.example");
        AppConfig config = Env.of(env).bind(AppConfig.class);
        assertEquals(9090, config.port());
        assertEquals(URI.create("postgres://db:5432/app"), config.db().url());
        assertEquals("hunter2-very-secret", config.db().password().value());
        assertEquals(10, config.db().poolSize());
        assertEquals(Duration.ofSeconds(30), config.shutdownTimeout());
        assertEquals(Level.INFO, config.logLevel());
        assertEquals(Optional.empty(), config.region());
        assertEquals(List.of("https://a.example", "https://b.example"), config.allowedOrigins());
        assertEquals(Optional.of(7000), config.portOverride());
    }

    @Test
    void reportsEveryMissingVariableAtOnceWithWhatWasExpected() {
        ConfigException e = failure(AppConfig.class, Map.of());
        assertEquals(List.of("APP_DB_URL", "APP_DB_PASSWORD"), variables(e));
        assertEquals("environment", e.problems().get(0).source());
        assertTrue(e.problems().get(0).message().contains("required but not set; expected a URI"), e::getMessage);
        assertTrue(e.getMessage().startsWith("2 configuration problems:\n  APP_DB_URL (environment): "), e::getMessage);
    }

    record Plain(@Default("8080") int port, Inner db, Optional<String> region, List<Inner> mirrors) {
    }

    @Test
    void withoutAPrefixLooksUpOnlyDerivedNamesAndTheirFileVariants() {
        RecordingMap env = new RecordingMap(Map.of("DB_URL", "u"));
        Env.of(env).bind(Plain.class);
        Set<String> derived = Set.of("PORT", "DB_URL", "REGION");
        for (String key : env.lookedUp) {
            String base = key.endsWith("_FILE") ? key.substring(0, key.length() - 5) : key;
            assertTrue(derived.contains(base) || base.matches("MIRRORS_[0-9]+_URL"), key);
        }
        assertTrue(env.lookedUp.containsAll(derived));
    }

    @Test
    void withAPrefixTheOnlyScanIsTypoDetection() {
        RecordingMap env = new RecordingMap(APP);
        AssertionError e = assertThrows(AssertionError.class, () -> Env.of(env).bind(AppConfig.class));
        assertEquals("the binder must not iterate the environment", e.getMessage());
        Set<String> derived = Set.of("APP_PORT", "APP_DB_URL", "APP_DB_PASSWORD", "APP_DB_POOL_SIZE",
                "APP_SHUTDOWN_TIMEOUT", "APP_LOG_LEVEL", "APP_REGION", "APP_ALLOWED_ORIGINS", "PORT_OVERRIDE");
        for (String key : env.lookedUp) {
            String base = key.endsWith("_FILE") ? key.substring(0, key.length() - 5) : key;
            assertTrue(derived.contains(base), key);
        }
        assertTrue(env.lookedUp.containsAll(derived));
    }

    record Clash(int dbUrl, Inner db) {
    }

    record Inner(String url) {
    }

    record FileClash(String token, String tokenFile) {
    }

    @Test
    void namesReadTwiceArePlanErrorsReportedBeforeAnyValueIsRead() {
        RecordingMap env = new RecordingMap(Map.of("DB_URL", "x"));
        ConfigException e = assertThrows(ConfigException.class, () -> Env.of(env).bind(Clash.class));
        ConfigException.Problem p = only(e);
        assertEquals("DB_URL", p.variable());
        assertEquals("config type Clash", p.source());
        assertTrue(p.message().contains("Clash.dbUrl") && p.message().contains("Inner.url"), p::message);
        assertEquals(List.of(), env.lookedUp);
        assertEquals("TOKEN_FILE", only(failure(FileClash.class, Map.of())).variable());
    }

    record Strings(String name, Optional<String> nick, @Default("anon") String user) {
    }

    record Numbers(@Default("5") int count, Optional<Integer> limit, List<Integer> ids, @Default("a,b") Set<String> tags) {
    }

    @Test
    void emptyMeansUnsetForEveryTypeButString() {
        Strings s = Env.of(Map.of("NAME", "", "NICK", "", "USER", "")).bind(Strings.class);
        assertEquals(new Strings("", Optional.of(""), ""), s);
        Numbers n = Env.of(Map.of("COUNT", "", "LIMIT", "  ", "IDS", " ", "TAGS", "")).bind(Numbers.class);
        assertEquals(new Numbers(5, Optional.empty(), List.of(), Set.of("a", "b")), n);
        assertEquals(" 7 ", Env.of(Map.of("NAME", " 7 ")).bind(Strings.class).name());
        assertEquals(7, Env.of(Map.of("COUNT", " 7\t")).bind(Numbers.class).count());
    }

    record Required(int count) {
    }

    @Test
    void anEmptyRequiredValueSaysItCountsAsUnset() {
        ConfigException.Problem p = only(failure(Required.class, Map.of("COUNT", "")));
        assertEquals("COUNT", p.variable());
        assertTrue(p.message().startsWith("is empty, which counts as unset"), p::message);
    }

    record BadDefault(@Default("soon") Duration timeout, @Default("") int count, @Default("x") String ok) {
    }

    @Test
    void aBadDefaultIsAPlanErrorEvenWhenTheVariableIsSet() {
        ConfigException e = failure(BadDefault.class, Map.of("TIMEOUT", "5s", "COUNT", "3"));
        assertEquals(List.of("TIMEOUT", "COUNT"), variables(e));
        assertEquals("@Default of BadDefault.timeout", e.problems().get(0).source());
        assertTrue(e.problems().get(0).message().startsWith("\"soon\" is not a duration; expected"), e::getMessage);
    }

    record Window(ConfigTypes.Range range, String name) {
    }

    @Test
    void aCompactConstructorsIllegalArgumentExceptionBecomesAProblemOfTheComponentItNames() {
        ConfigException e = failure(Window.class, Map.of("RANGE_LOW", "9", "RANGE_HIGH", "1"));
        ConfigException.Problem p = e.problems().get(0);
        assertEquals("NAME", e.problems().get(1).variable());
        assertEquals("RANGE_LOW", p.variable());
        assertEquals("validation by Range", p.source());
        assertEquals("low must not exceed high", p.message());
    }

    record SecretCheck(Secret<String> key) {
        SecretCheck {
            if (key.value().length() < 20) {
                throw new IllegalArgumentException("key " + key.value() + " is shorter than 20 characters");
            }
        }
    }

    @Test
    void validationMessagesNeverShowSecretValues() {
        ConfigException e = failure(SecretCheck.class, Map.of("KEY", "tooShortSecret"));
        assertFalse(e.getMessage().contains("tooShortSecret"), e::getMessage);
        assertTrue(e.getMessage().contains("key [redacted] is shorter than 20 characters"), e::getMessage);
    }

    record Unrelated(String name, int port) {
    }

    @Test
    void problemsQuoteOnlyTheirOwnValueAndTruncateLongOnes() {
        String longName = "n".repeat(500);
        ConfigException e = failure(Unrelated.class, Map.of("NAME", longName, "PORT", "x".repeat(200)));
        assertFalse(e.getMessage().contains(longName.substring(0, 100)), e::getMessage);
        String message = only(e).message();
        assertTrue(message.startsWith("\"" + "x".repeat(Shown.MAX_SHOWN) + "\"… (200 characters) is not a whole number"), message);
    }

    record Servers(List<ConfigTypes.Server> servers, Optional<Inner> proxy) {
    }

    @Test
    void bindsListsOfRecordsFromIndexedNamesAndOptionalRecords() {
        Servers s = Env.of(Map.of("SERVERS_0_HOST", "a", "SERVERS_1_HOST", "b", "SERVERS_1_PORT", "81"))
                .bind(Servers.class);
        assertEquals(List.of(new ConfigTypes.Server("a", 80), new ConfigTypes.Server("b", 81)), s.servers());
        assertEquals(Optional.empty(), s.proxy());
        Servers none = Env.of(Map.of("PROXY_URL", "http://proxy")).bind(Servers.class);
        assertEquals(List.of(), none.servers());
        assertEquals(Optional.of(new Inner("http://proxy")), none.proxy());
    }

    @Test
    void aGapInListIndexesIsAProblemAndElementProblemsNameTheIndexedVariable() {
        assertEquals("SERVERS_2_HOST", only(failure(Servers.class, Map.of("SERVERS_0_HOST", "a", "SERVERS_2_HOST", "c")))
                .variable());
        ConfigException.Problem gap = only(failure(Servers.class, Map.of("SERVERS_0_HOST", "a", "SERVERS_3_HOST", "c",
                "SERVERS_5_PORT", "1")));
        assertEquals("SERVERS_3_HOST", gap.variable());
        assertEquals("SERVERS_3_HOST (environment): is set, but no variable of element 1 (SERVERS_1_*) is;"
                + " expected indexes 0, 1, 2… without gaps", gap.toString());
        assertEquals("SERVERS_9_PORT", only(failure(Servers.class, Map.of("SERVERS_0_HOST", "a", "SERVERS_9_PORT", "1")))
                .variable());
        // 8 indexes past the first unset one are checked; lookups never scan the environment
        assertEquals(List.of(new ConfigTypes.Server("a", 80)),
                Env.of(Map.of("SERVERS_0_HOST", "a", "SERVERS_10_HOST", "c")).bind(Servers.class).servers());
        assertEquals("SERVERS_1_PORT", only(failure(Servers.class,
                Map.of("SERVERS_0_HOST", "a", "SERVERS_1_HOST", "b", "SERVERS_1_PORT", "eighty"))).variable());
    }

    record Cache(String host, int port) {
    }

    record WithCache(Optional<Cache> cache) {
    }

    @Test
    void anOptionalRecordWhoseOnlyVariablesAreEmptyIsAbsent() {
        assertEquals(Optional.empty(), Env.of(Map.of("CACHE_PORT", "")).bind(WithCache.class).cache());
        assertEquals(Optional.empty(), Env.of(Map.of("CACHE_PORT", " ", "CACHE_PORT_FILE", "")).bind(WithCache.class)
                .cache());
        // an empty String is a value, so the record is present and its port required
        ConfigException.Problem p = only(failure(WithCache.class, Map.of("CACHE_HOST", "", "CACHE_PORT", "")));
        assertEquals("CACHE_PORT", p.variable());
        assertEquals(Optional.of(new Cache("h", 1)),
                Env.of(Map.of("CACHE_HOST", "h", "CACHE_PORT", "1")).bind(WithCache.class).cache());
    }

    record Weird(Object thing, Map<Integer, String> byNumber, Optional<List<Object>> others) {
    }

    @Test
    void unbindableTypesArePlanErrorsNamingTheVariable() {
        ConfigException e = failure(Weird.class, Map.of());
        assertEquals(List.of("THING", "BY_NUMBER", "OTHERS"), variables(e));
        assertTrue(e.problems().get(0).message().contains("cannot be bound"), e::getMessage);
    }

    @Test
    void aTypeThatIsNotARecordIsAProgrammerError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Env.of(Map.of()).bind(String.class));
        assertTrue(e.getMessage().contains("java.lang.String is not a record"));
        assertThrows(NullPointerException.class, () -> Env.of(null));
    }

    record Money(ConfigTypes.Dsn dsn, Secret<ConfigTypes.Dsn> secretDsn) {
    }

    @Test
    void aParseMethodsUncheckedExceptionBecomesAProblemWithItsMessageButNoSecret() {
        ConfigException e = failure(Money.class, Map.of("DSN", "mysql://x", "SECRET_DSN", "mysql://user:pa55word@h"));
        ConfigException.Problem plain = e.problems().get(0);
        assertEquals("DSN", plain.variable());
        assertTrue(plain.message().contains("rejected by Dsn.parse(String): unsupported scheme in mysql://x"), plain::message);
        ConfigException.Problem secret = e.problems().get(1);
        assertEquals("SECRET_DSN", secret.variable());
        assertTrue(secret.message().startsWith("the secret value (23 characters) was rejected by Dsn.parse(String):"
                + " unsupported scheme in [redacted]"), secret::message);
        assertFalse(e.getMessage().contains("pa55word"), e::getMessage);
    }

    public static final class Celsius {
        final double degrees;

        Celsius(double degrees) {
            this.degrees = degrees;
        }
    }

    record Weather(Celsius high, List<Celsius> week) {
    }

    @Test
    void customConvertersBindTypesWithoutATextFactory() {
        Env.Source source = Env.builder().variables(Map.of("HIGH", "21C", "WEEK", "1C,2C")).noDotEnv()
                .converter(Celsius.class, text -> {
                    if (!text.endsWith("C")) {
                        throw new IllegalArgumentException("needs a C suffix");
                    }
                    return new Celsius(Double.parseDouble(text.substring(0, text.length() - 1)));
                }).build();
        Weather w = source.bind(Weather.class);
        assertEquals(21.0, w.high().degrees);
        assertEquals(2, w.week().size());
        ConfigException e = assertThrows(ConfigException.class, () -> Env.builder()
                .variables(Map.of("HIGH", "21F")).noDotEnv()
                .converter(Celsius.class, text -> {
                    throw new IllegalArgumentException("needs a C suffix");
                }).build().bind(Weather.class));
        assertTrue(only(e).message().endsWith("was rejected by the converter for " + Celsius.class.getName()
                + ": needs a C suffix; expected a value the converter for " + Celsius.class.getName() + " accepts"),
                e::getMessage);
        assertThrows(ConfigException.class, () -> Env.of(Map.of()).bind(Weather.class));
    }

    @Test
    void secretsAreRedactedInToStringAndCompareByValue() {
        AppConfig config = Env.of(APP).bind(AppConfig.class);
        assertFalse(config.toString().contains("hunter2"), config::toString);
        assertTrue(config.toString().contains("Secret[redacted]"));
        assertEquals(Secret.of("hunter2-very-secret"), config.db().password());
        assertEquals(Secret.of("x").hashCode(), "x".hashCode());
        assertThrows(NullPointerException.class, () -> Secret.of(null));
    }

    static List<String> variables(ConfigException e) {
        List<String> names = new ArrayList<>();
        for (ConfigException.Problem p : e.problems()) {
            names.add(p.variable());
        }
        return names;
    }

    /** A map that records every key looked up and refuses to be iterated. */
    static final class RecordingMap extends AbstractMap<String, String> {
        final Map<String, String> values;
        final List<String> lookedUp = new ArrayList<>();

        RecordingMap(Map<String, String> values) {
            this.values = values;
        }

        @Override
        public String get(Object key) {
            lookedUp.add((String) key);
            return values.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            lookedUp.add((String) key);
            return values.containsKey(key);
        }

        @Override
        public Set<Entry<String, String>> entrySet() {
            throw new AssertionError("the binder must not iterate the environment");
        }
    }
}
