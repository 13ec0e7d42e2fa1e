package io.twelvefactor.config;

import static io.twelvefactor.config.EnvTest.failure;
import static io.twelvefactor.config.EnvTest.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twelvefactor.config.ConfigTypes.AllTypes;
import io.twelvefactor.config.ConfigTypes.Level;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValuesTest {
    record OneInt(int value) {
    }

    record OneLong(long value) {
    }

    record OneShort(short value) {
    }

    record OneDouble(double value) {
    }

    record OneFloat(float value) {
    }

    record OneBool(boolean value) {
    }

    record OneLevel(Level value) {
    }

    record OneDuration(Duration value) {
    }

    record Big(BigDecimal decimal, BigInteger integer) {
    }

    record Collections(List<String> list, Map<String, String> map) {
    }

    static <T> T bind(Class<T> type, String value) {
        return Env.of(Map.of("VALUE", value)).bind(type);
    }

    static String problem(Class<?> type, String value) {
        ConfigException.Problem p = only(failure(type, Map.of("VALUE", value)));
        assertEquals("VALUE", p.variable());
        return p.message();
    }

    @Test
    void bindsEverySupportedType() {
        Map<String, String> env = new HashMap<>();
        env.put("TEXT", "hello");
        env.put("I", "-42");
        env.put("BOXED_INT", "7");
        env.put("L", "9223372036854775807");
        env.put("BOXED_LONG", "-9223372036854775808");
        env.put("D", "1.5e3");
        env.put("BOXED_DOUBLE", "-0.25");
        env.put("B", "YES");
        env.put("BOXED_BOOL", "off");
        env.put("MONEY", "12.50");
        env.put("LEVEL", "warn");
        env.put("TIMEOUT", "250ms");
        env.put("URI", "https://example.com/x?y=1");
        env.put("PATH", "/var/lib/app");
        env.put("MAYBE", "PT1M30S");
        env.put("NUMBERS", "1, 2,3");
        env.put("LEVELS", "debug,ERROR,debug");
        env.put("LIMITS", "a=1, b = 2");
        env.put("PIN", "1234");
        env.put("HOST_PORT", "db.internal:5432");
        env.put("VERSION", "2");
        env.put("TOKEN", "t");
        env.put("CODE", "c");
        AllTypes t = Env.of(env).bind(AllTypes.class);
        assertEquals("hello", t.text());
        assertEquals(-42, t.i());
        assertEquals(7, t.boxedInt());
        assertEquals(Long.MAX_VALUE, t.l());
        assertEquals(Long.MIN_VALUE, t.boxedLong());
        assertEquals(1500.0, t.d());
        assertEquals(-0.25, t.boxedDouble());
        assertTrue(t.b());
        assertFalse(t.boxedBool());
        assertEquals(new BigDecimal("12.50"), t.money());
        assertEquals(Level.WARN, t.level());
        assertEquals(Duration.ofMillis(250), t.timeout());
        assertEquals(URI.create("https://example.com/x?y=1"), t.uri());
        assertEquals(Path.of("/var/lib/app"), t.path());
        assertEquals(Optional.of(Duration.ofSeconds(90)), t.maybe());
        assertEquals(List.of(1, 2, 3), t.numbers());
        assertEquals(List.of(Level.DEBUG, Level.ERROR), List.copyOf(t.levels()));
        assertEquals(Map.of("a", 1, "b", 2), t.limits());
        assertEquals(Secret.of(1234), t.pin());
        assertEquals(new ConfigTypes.HostPort("db.internal", 5432), t.hostPort());
        assertEquals("v2", t.version().value);
        assertEquals("t", t.token().value);
        assertEquals("c", t.code().value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x1F", "1_000", "1 000", "+5", "٣", "１２", "1.0", "1e3", "-", "12a", "0012"})
    void integersAreDecimalAsciiDigitsOnly(String value) {
        String message = problem(OneInt.class, value);
        assertTrue(message.contains("; expected an integer from -2147483648 to 2147483647"), message);
        assertTrue(message.contains("whole number") || message.contains("leading zero"), message);
    }

    @Test
    void rangeErrorsStateTheRange() {
        assertEquals("\"2147483648\" is out of range -2147483648 to 2147483647; expected an integer from"
                + " -2147483648 to 2147483647", problem(OneInt.class, "2147483648"));
        assertTrue(problem(OneLong.class, "9223372036854775808").contains("out of range"));
        assertTrue(problem(OneShort.class, "40000").contains("out of range -32768 to 32767"));
        assertEquals(-2147483648, bind(OneInt.class, "-2147483648").value());
        assertEquals(0, bind(OneInt.class, "0").value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "0x1p3", "1.", ".5", "1e", "1,5", "1d", "1e999"})
    void floatsAreFiniteDecimals(String value) {
        assertTrue(problem(OneDouble.class, value).contains("expected a finite decimal number"));
    }

    @Test
    void floatsOutOfFloatRangeAreErrors() {
        assertTrue(problem(OneFloat.class, "1e39").contains("too large"));
        assertEquals(0.5f, bind(OneFloat.class, "0.5").value());
    }

    @ParameterizedTest
    @CsvSource({"true, true", "TRUE, true", "Yes, true", "on, true", "1, true",
        "false, false", "No, false", "OFF, false", "0, false"})
    void booleansComeFromAClosedVocabulary(String value, boolean expected) {
        assertEquals(expected, bind(OneBool.class, value).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"y", "enabled", "2", "truee", "tru", "ınfo"})
    void anythingElseIsABooleanErrorNeverFalse(String value) {
        assertTrue(problem(OneBool.class, value).endsWith("is not a boolean; expected one of: true, false, yes, no,"
                + " on, off, 1, 0 (any case)"));
    }

    @Test
    void enumsMatchInAnyCaseAndErrorsListTheAllowedValues() {
        assertEquals(Level.ERROR, bind(OneLevel.class, "Error").value());
        assertEquals("\"verbose\" is not one of the allowed values; expected one of: debug, info, warn, error (any case)",
                problem(OneLevel.class, "verbose"));
        // The Turkish dotless i is not an ASCII i.
        assertTrue(problem(OneLevel.class, "\u0131nfo").contains("not one of the allowed values"));
    }

    @ParameterizedTest
    @CsvSource({"250ms, PT0.25S", "30s, PT30S", "5m, PT5M", "1h, PT1H", "2d, PT48H", "PT30S, PT30S", "pt1m, PT1M",
        "0s, PT0S"})
    void durationsNeedAnExplicitUnit(String value, String expected) {
        assertEquals(Duration.parse(expected), bind(OneDuration.class, value).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"30", "30sec", "5 m", "1.5h", "-5s", "P", "s", "99999999999999999d"})
    void badDurationsSayWhichUnitsExist(String value) {
        String message = problem(OneDuration.class, value);
        assertTrue(message.endsWith("; expected a duration with a unit: ms, s, m, h or d (250ms, 30s, 5m, 1h, 2d),"
                + " or ISO-8601 such as PT30S"), message);
    }

    @Test
    void aBareNumberIsADurationErrorThatSaysSo() {
        assertTrue(problem(OneDuration.class, "30").startsWith("\"30\" has no unit;"));
    }

    @Test
    void bigNumbersAreStrictToo() {
        Big big = Env.of(Map.of("DECIMAL", "1.10", "INTEGER", "123456789012345678901234567890")).bind(Big.class);
        assertEquals(new BigDecimal("1.10"), big.decimal());
        assertEquals(new BigInteger("123456789012345678901234567890"), big.integer());
        assertEquals(2, failure(Big.class, Map.of("DECIMAL", "1,1", "INTEGER", "0x10")).problems().size());
        assertTrue(only(failure(Big.class, Map.of("DECIMAL", "1e99999999999", "INTEGER", "1"))).message()
                .contains("exponent out of range"));
    }

    @Test
    void listsAndMapsSplitOnUnescapedSeparators() {
        Collections c = Env.of(Map.of("LIST", "a\\,b, c\\\\,d", "MAP", "k\\=1=v\\,2, x=y=z")).bind(Collections.class);
        assertEquals(List.of("a,b", "c\\", "d"), c.list());
        assertEquals(Map.of("k=1", "v,2", "x", "y=z"), c.map());
    }

    @Test
    void malformedCollectionsAreProblems() {
        assertTrue(only(failure(Collections.class, Map.of("LIST", "a,,b"))).message()
                .contains("has an empty element at position 2"));
        assertTrue(only(failure(Collections.class, Map.of("MAP", "a=1,b"))).message()
                .contains("has an entry that is not key=value at position 2"));
        assertTrue(only(failure(Collections.class, Map.of("MAP", "a=1,a=2"))).message()
                .contains("has the key \"a\" twice"));
        record Ints(Set<Integer> ids) {
        }
        assertTrue(only(failure(Ints.class, Map.of("IDS", "1,x"))).message()
                .startsWith("\"1,x\" has an element at position 2 that is not a whole number"));
    }

    @Test
    void secretValuesAreNeverQuotedEvenWhenTheyFailToConvert() {
        record Pin(Secret<Integer> pin) {
        }
        ConfigException e = failure(Pin.class, Map.of("PIN", "12x4"));
        assertEquals("the secret value (4 characters) is not a whole number of decimal digits 0-9; expected an"
                + " integer from -2147483648 to 2147483647", only(e).message());
        assertFalse(e.getMessage().contains("12x4"));
    }

    record Services(ConfigTypes.Endpoint databaseUrl, Optional<ConfigTypes.Endpoint> redisUrl) {
    }

    @Test
    void interfacesWithAStaticParseMethodBindFromOneVariable() {
        Services s = Env.of(Map.of("DATABASE_URL", "postgres://h/db")).bind(Services.class);
        assertEquals("postgres", s.databaseUrl().scheme());
        assertEquals(Optional.empty(), s.redisUrl());
        ConfigException.Problem p = only(failure(Services.class, Map.of("DATABASE_URL", "nope")));
        assertEquals("DATABASE_URL", p.variable());
        assertTrue(p.message().contains("was rejected by Endpoint.parse(String): no scheme"), p::message);
    }

    @Test
    void controlCharactersInValuesAreEscaped() {
        assertTrue(problem(OneInt.class, "1\n2\u0007").startsWith("\"1\\n2\\u0007\" is not"));
    }

    record Urls(URL homepage, Secret<URL> webhook) {
    }

    @Test
    void aMalformedUrlIsAProblemAndHidesASecret() throws Exception {
        Urls ok = Env.of(Map.of("HOMEPAGE", "https://example.com/a", "WEBHOOK", "https://hooks.example/x"))
                .bind(Urls.class);
        assertEquals(new URI("https://example.com/a").toURL(), ok.homepage());
        assertEquals(new URI("https://hooks.example/x").toURL(), ok.webhook().value());
        String secret = "notaurl-s3cr3t-hook-value";
        ConfigException e = failure(Urls.class, Map.of("HOMEPAGE", "no-scheme-here", "WEBHOOK", secret));
        assertEquals(List.of("HOMEPAGE", "WEBHOOK"), e.problems().stream().map(ConfigException.Problem::variable).toList());
        assertTrue(e.problems().get(0).message().startsWith("\"no-scheme-here\" is not a URL: "),
                e::getMessage);
        assertTrue(e.problems().get(1).message().startsWith("the secret value (25 characters) is not a URL"),
                e::getMessage);
        assertFalse(e.getMessage().contains("s3cr3t"), e::getMessage);
        assertFalse(e.problems().toString().contains("s3cr3t"));
        assertFalse(e.toString().contains("s3cr3t"));
    }

    @Test
    void credentialsInAUrlQueryAreHiddenAndOtherParametersKept() {
        assertTrue(problem(OneInt.class, "postgres://u:pw1234@h:99999/db?sslmode=require&SSLPassword=hunter2&x=1")
                .startsWith("\"postgres://u:***@h:99999/db?sslmode=require&SSLPassword=***&x=1\" is not"));
        assertTrue(problem(OneInt.class, "https://h/?api_key=k1&Token=t2&client_secret=s3&keep=v")
                .startsWith("\"https://h/?api_key=***&Token=***&client_secret=***&keep=v\" is not"));
    }

    /** Like twelvefactor-backing's descriptor: its message shows an example URL with a placeholder password. */
    public static final class Url {
        public static Url parse(String text) {
            throw new IllegalArgumentException("scheme must be followed by //, such as postgres://user:password@host:5432/db"
                    + " (was " + text + ")");
        }
    }

    record OneUrl(Url value) {
    }

    @Test
    void aParseMethodsExampleUrlIsShownAsWritten() {
        String p = problem(OneUrl.class, "postgresql:/127.0.0.1:5432/test");
        assertTrue(p.contains("such as postgres://user:password@host:5432/db (was postgresql:/127.0.0.1:5432/test)"), p);
    }

    @Test
    void theUsersPasswordIsHiddenWhereAParseMethodRepeatsIt() {
        String p = problem(OneUrl.class, "postgresql://app:hunter2-pw@db/test?sslpassword=k3y-s3cr3t");
        assertFalse(p.contains("hunter2-pw"), p);
        assertFalse(p.contains("k3y-s3cr3t"), p);
        assertTrue(p.contains("such as postgres://user:password@host:5432/db"), p);
        String encoded = problem(OneUrl.class, "postgresql://app:p%40ssword1@db/test");
        assertFalse(encoded.contains("p%40ssword1"), encoded);
    }
}
