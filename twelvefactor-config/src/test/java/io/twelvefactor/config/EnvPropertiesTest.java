package io.twelvefactor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.twelvefactor.config.ConfigTypes.Dsn;
import io.twelvefactor.config.ConfigTypes.HostPort;
import io.twelvefactor.config.ConfigTypes.Level;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class EnvPropertiesTest {
    record Int(int value) {
    }

    record Long1(long value) {
    }

    record Time(Duration value) {
    }

    @Property(tries = 500)
    void canonicalIntsBindBackToThemselves(@ForAll int value) {
        assertEquals(value, Env.of(Map.of("VALUE", Integer.toString(value))).bind(Int.class).value());
    }

    @Property(tries = 500)
    void canonicalLongsBindBackToThemselves(@ForAll long value) {
        assertEquals(value, Env.of(Map.of("VALUE", Long.toString(value))).bind(Long1.class).value());
    }

    @Property(tries = 500)
    void isoDurationsBindBackToThemselves(@ForAll @LongRange(min = 0, max = 1_000_000_000_000L) long seconds,
                                          @ForAll @IntRange(min = 0, max = 999_999_999) int nanos) {
        Duration d = Duration.ofSeconds(seconds, nanos);
        assertEquals(d, Env.of(Map.of("VALUE", d.toString())).bind(Time.class).value());
    }

    @Property(tries = 300)
    void negativeDurationsAreRefusedAsEveryModuleRefusesThem(
            @ForAll @LongRange(min = -1_000_000_000_000L, max = -1) long seconds,
            @ForAll @IntRange(min = 0, max = 999_999_999) int nanos) {
        String text = Duration.ofSeconds(seconds, nanos).toString();
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> Env.of(Map.of("VALUE", text)).bind(Time.class));
        assertEquals("VALUE (environment): \"" + text + "\" is negative; expected a duration with a unit: ms, s, m,"
                + " h or d (250ms, 30s, 5m, 1h, 2d), or ISO-8601 such as PT30S", e.problems().get(0).toString());
    }

    @Property(tries = 500)
    void durationsWithAUnitBindBackToThemselves(@ForAll @LongRange(min = 0, max = 100_000_000_000L) long amount,
                                                @ForAll("units") String unit) {
        ChronoUnit chrono = switch (unit) {
            case "ms" -> ChronoUnit.MILLIS;
            case "s" -> ChronoUnit.SECONDS;
            case "m" -> ChronoUnit.MINUTES;
            case "h" -> ChronoUnit.HOURS;
            default -> ChronoUnit.DAYS;
        };
        assertEquals(Duration.of(amount, chrono), Env.of(Map.of("VALUE", amount + unit)).bind(Time.class).value());
    }

    /**
     * One deliberate difference: Duration.parse rejects {@code P1DT} (a time designator with no
     * time part) but, comparing case-sensitively, accepts {@code P1Dt}; both are rejected here.
     */
    @Property(tries = 1000)
    void isoDurationsAreReadExactlyAsDurationParseReadsThem(@ForAll("isoish") String text) {
        Duration expected;
        try {
            expected = text.endsWith("Dt") || text.endsWith("dt") ? null : Duration.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            expected = null;
        }
        Duration actual;
        try {
            actual = Numbers.iso(text);
        } catch (Invalid e) {
            actual = null;
        }
        assertEquals(expected, actual, text);
    }

    @Provide
    Arbitrary<String> isoish() {
        Arbitrary<String> tail = Arbitraries.strings().withChars("PTDHMSptdhms0123456789-+.,").ofMaxLength(14);
        Arbitrary<String> shaped = Arbitraries.strings().withChars("0123456789").ofMinLength(1).ofMaxLength(20)
                .list().ofSize(5).map(p -> "P" + p.get(0) + "DT" + p.get(1) + "H" + p.get(2) + "M" + p.get(3) + "."
                        + p.get(4).substring(0, Math.min(9, p.get(4).length())) + "S");
        return Arbitraries.oneOf(tail.map(t -> "P" + t), tail.map(t -> "-P" + t), tail.map(t -> "PT" + t), shaped);
    }

    @Property(tries = 1000)
    void integersAreExactlyTheCanonicalDecimalFormsLongParseLongAccepts(@ForAll("numberish") String text) {
        Long expected = null;
        if (text.matches("0|-?[1-9][0-9]*")) { // -0 is refused: "is a negative zero; write 0"
            try {
                expected = Long.parseLong(text);
            } catch (NumberFormatException e) {
                expected = null;
            }
        }
        Long actual;
        try {
            actual = Numbers.integer(text, Long.MIN_VALUE, Long.MAX_VALUE);
        } catch (Invalid e) {
            actual = null;
        }
        assertEquals(expected, actual, text);
    }

    @Provide
    Arbitrary<String> numberish() {
        return Arbitraries.strings().withChars("0123456789-+_ x.\u0663").ofMinLength(1).ofMaxLength(21);
    }

    @Property(tries = 500)
    void derivedNamesOfIdentifiersAreUpperSnakeCase(@ForAll("identifiers") String component) {
        String name = Names.derive(component);
        assertEquals(true, name.matches("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*"), component + " -> " + name);
        assertEquals(component.length(), name.replace("_", "").length());
    }

    @Provide
    Arbitrary<String> identifiers() {
        return Arbitraries.strings().withCharRange('a', 'z').ofLength(1)
                .flatMap(first -> Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z')
                        .withCharRange('0', '9').ofMaxLength(20).map(rest -> first + rest));
    }

    @Provide
    Arbitrary<String> units() {
        return Arbitraries.of("ms", "s", "m", "h", "d");
    }

    record NonStrings(int i, long l, double d, float f, boolean b, Duration duration, Level level, BigDecimal money,
                      URI uri, Path path, List<Integer> ids, Set<Duration> timeouts, Map<String, Integer> limits,
                      HostPort hostPort, Dsn dsn, Secret<Integer> pin) {
    }

    static final List<String> NON_STRING_VARIABLES = List.of("I", "L", "D", "F", "B", "DURATION", "LEVEL", "MONEY",
            "URI", "PATH", "IDS", "TIMEOUTS", "LIMITS", "HOST_PORT", "DSN", "PIN");

    @Property(tries = 1000)
    void arbitraryTextInANonStringFieldFailsOnlyWithAConfigExceptionNamingTheVariable(
            @ForAll("variables") String variable, @ForAll("text") String text) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("I", "1", "L", "1", "D", "1", "F", "1", "B", "true",
                "DURATION", "1s", "LEVEL", "info", "MONEY", "1", "URI", "x:y", "PATH", "p"));
        env.putAll(Map.of("HOST_PORT", "h:1", "DSN", "postgres://h", "PIN", "1"));
        env.put(variable, text);
        try {
            Env.of(env).bind(NonStrings.class);
        } catch (ConfigException e) {
            for (ConfigException.Problem p : e.problems()) {
                assertEquals(variable, p.variable(), e::getMessage);
            }
        }
    }

    @Provide
    Arbitrary<String> variables() {
        return Arbitraries.of(NON_STRING_VARIABLES);
    }

    @Provide
    Arbitrary<String> text() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings().withChars("0123456789-+.eE,=:/ \tPTSMHDmshdx\\").ofMaxLength(25));
    }

    record Secrets(Secret<Integer> pin, Secret<Duration> ttl, Secret<Dsn> dsn, Secret<List<Integer>> codes,
                   Secret<Map<String, Integer>> quotas, Guarded guarded) {
    }

    record Guarded(Secret<String> key) {
        Guarded {
            if (!key.value().startsWith("ok")) {
                throw new IllegalArgumentException("key " + key.value() + " must start with ok");
            }
        }
    }

    @Property(tries = 500)
    void noProblemMessageOrToStringEverContainsASecretValue(@ForAll("secrets") String secret,
                                                            @ForAll("secretVariables") String variable) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("PIN", "1", "TTL", "1s", "DSN", "postgres://h",
                "CODES", "1", "QUOTAS", "a=1", "GUARDED_KEY", "ok"));
        env.put(variable, secret);
        try {
            Secrets bound = Env.of(env).bind(Secrets.class);
            assertFalse(bound.toString().contains(secret), bound::toString);
        } catch (ConfigException e) {
            assertFalse(e.getMessage().contains(secret), e::getMessage);
            for (ConfigException.Problem p : e.problems()) {
                assertFalse((p.variable() + p.source() + p.message() + p).contains(secret), p::toString);
            }
        }
    }

    @Provide
    Arbitrary<String> secrets() {
        return Arbitraries.oneOf(
                Arbitraries.strings().alpha().numeric().withChars(":/@=,").ofMinLength(6).ofMaxLength(40),
                Arbitraries.strings().numeric().ofMinLength(6).ofMaxLength(30),
                Arbitraries.strings().alpha().ofMinLength(6).ofMaxLength(12).map(s -> "postgres://u:" + s + "@h"));
    }

    @Provide
    Arbitrary<String> secretVariables() {
        return Arbitraries.of("PIN", "TTL", "DSN", "CODES", "QUOTAS", "GUARDED_KEY");
    }

    record Endpoints(int port, URI endpoint, Dsn dsn) {
    }

    /**
     * A URL's password (in its userinfo or its query) is not declared {@link Secret} when the component is an {@code int}, a
     * {@code URI} or a type with {@code parse(String)}, yet no problem may show it: neither the
     * quoted value nor the message of the type's own parser.
     */
    @Property(tries = 500)
    void aPasswordInAUrlNeverAppearsInAProblem(
            @ForAll("passwords") String generated, @ForAll("urlShapes") String shape) {
        // without a user, a ':' would start the password: what precedes it is the user name
        String password = shape.contains("//PASSWORD") ? generated.replace(":", "") : generated;
        net.jqwik.api.Assume.that(password.length() >= 6);
        String url = shape.replace("PASSWORD", password);
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> Env.of(Map.of("PORT", url, "ENDPOINT", url + " x", "DSN", url + "%zz")).bind(Endpoints.class));
        for (ConfigException.Problem p : e.problems()) {
            assertFalse(p.toString().contains(password), () -> "password shown: " + p);
        }
        assertFalse(e.getMessage().contains(password), e::getMessage);
    }

    @Provide
    Arbitrary<String> passwords() {
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@:%+!$-_.~")
                .ofMinLength(8).ofMaxLength(40);
    }

    @Provide
    Arbitrary<String> urlShapes() {
        return Arbitraries.of("postgres://app:PASSWORD@db.internal:5432/orders",
                "redis://PASSWORD@cache:6379/0", "amqp://user:PASSWORD@mq/%2F",
                "mysql://root:PASSWORD@127.0.0.1/test?ssl=true&x=a@b",
                "postgres://h:99999/db?password=PASSWORD", "postgres://app@h/db?sslmode=require&SSLPassword=PASSWORD",
                "https://api.example/v1?token=PASSWORD&x=1", "s3://bucket/path?Secret=PASSWORD",
                "http://maps.example/?API_KEY=PASSWORD#top");
    }
}
