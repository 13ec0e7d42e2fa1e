package io.twelvefactor.config;

import static io.twelvefactor.config.EnvTest.failure;
import static io.twelvefactor.config.EnvTest.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.FileOutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BuiltinTest {
    record OneLocale(Locale value) {
    }

    @ParameterizedTest
    @CsvSource({"de-DE, de, DE", "de_DE, de, DE", "DE_de, de, DE", "en, en, ''", "pt-BR, pt, BR", "zh-Hant-TW, zh, TW"})
    void aLocaleIsALanguageTagAndAcceptsUnderscores(String text, String language, String country) {
        Locale locale = Env.of(Map.of("VALUE", text)).bind(OneLocale.class).value();
        assertEquals(language, locale.getLanguage());
        assertEquals(country, locale.getCountry());
    }

    @Test
    void aPosixLocaleIsRefusedWithTheTagToWrite() {
        ConfigException.Problem p = only(failure(OneLocale.class, Map.of("VALUE", "de_DE.UTF-8")));
        assertTrue(p.message().startsWith("\"de_DE.UTF-8\" is not a language tag: "), p::message);
        assertTrue(p.message().contains("write de-DE"), p::message);
        assertTrue(p.message().endsWith("expected a BCP 47 language tag such as en, de-DE or zh-Hant-TW (de_DE is read as de-DE)"),
                p::message);
    }

    record Log(PrintWriter log, int port) {
    }

    @Test
    void aPrintWriterComponentIsAPlanErrorAndNeverTruncatesTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("precious.txt");
        Files.writeString(file, "keep me", StandardCharsets.UTF_8);
        ConfigException e = failure(Log.class, Map.of("LOG", file.toString(), "PORT", "not-a-port"));
        ConfigException.Problem p = only(e);
        assertEquals("LOG", p.variable());
        assertEquals("config type Log", p.source());
        assertTrue(p.message().contains("java.io.PrintWriter, which cannot be bound: a JDK type binds only from the table"),
                p::message);
        assertTrue(p.message().contains("register a converter"), p::message);
        assertEquals("keep me", Files.readString(file, StandardCharsets.UTF_8));
    }

    record Hazards(Thread worker, FileOutputStream out, StringBuilder text) {
    }

    @Test
    void noOtherJdkTypeBindsThroughItsStringConstructor() {
        ConfigException e = failure(Hazards.class, Map.of("WORKER", "w", "OUT", "/tmp/never", "TEXT", "t"));
        assertEquals(List.of("WORKER", "OUT", "TEXT"), EnvTest.variables(e));
        for (ConfigException.Problem p : e.problems()) {
            assertTrue(p.message().contains("a JDK type binds only from the table"), p::message);
        }
        assertFalse(Files.exists(Path.of("/tmp/never")));
    }

    record Safe(ZoneId zone, LocalDate date, Instant at, Period period, URL homepage, File dir) {
    }

    @Test
    void theJdkTypesThatAreSafeStillBind() throws Exception {
        Safe s = Env.of(Map.of("ZONE", "Europe/Berlin", "DATE", "2024-05-01", "AT", "2024-05-01T12:00:00Z",
                "PERIOD", "P1Y2M", "HOMEPAGE", "https://example.com/", "DIR", "/var/data")).bind(Safe.class);
        assertEquals(ZoneId.of("Europe/Berlin"), s.zone());
        assertEquals(LocalDate.of(2024, 5, 1), s.date());
        assertEquals(Instant.parse("2024-05-01T12:00:00Z"), s.at());
        assertEquals(Period.of(1, 2, 0), s.period());
        assertEquals(new URI("https://example.com/").toURL(), s.homepage());
        assertEquals(new File("/var/data"), s.dir());
    }

    @Test
    void aMalformedDateNamesTheExpectedForm() {
        ConfigException.Problem p = only(failure(Safe.class, Map.of("ZONE", "UTC", "DATE", "2024-13-01",
                "AT", "2024-05-01T12:00:00Z", "PERIOD", "P1D", "HOMEPAGE", "https://example.com/", "DIR", "/")));
        assertEquals("DATE", p.variable());
        assertTrue(p.message().endsWith("expected an ISO-8601 date such as 2024-05-01"), p::message);
    }

    /**
     * The shape of the backing module's {@code BackingService} (config may not depend on it): a
     * final class outside the JDK, a private constructor, and public static {@code parse(String)}
     * and {@code parseGeneric(String)}. Types outside the JDK keep binding through their factory.
     */
    public static final class BackingServiceShape {
        final String url;

        private BackingServiceShape(String url) {
            this.url = url;
        }

        public static BackingServiceShape parse(String url) {
            if (!url.contains("://")) {
                throw new IllegalArgumentException("DATABASE_URL has no scheme; expected scheme://host");
            }
            return new BackingServiceShape(url);
        }

        public static BackingServiceShape parseGeneric(String url) {
            return new BackingServiceShape(Objects.requireNonNull(url));
        }
    }

    record Services(BackingServiceShape database) {
    }

    @Test
    void aBackingServiceBindsThroughItsStaticParse() {
        assertEquals("postgres://db/app",
                Env.of(Map.of("DATABASE", "postgres://db/app")).bind(Services.class).database().url);
        ConfigException.Problem p = only(failure(Services.class, Map.of("DATABASE", "db")));
        assertTrue(p.message().contains("was rejected by BackingServiceShape.parse(String): DATABASE_URL has no scheme"),
                p::message);
    }

    record Network(java.net.InetSocketAddress db, java.net.InetAddress bind, java.util.UUID id,
                   java.nio.charset.Charset charset, java.util.regex.Pattern allowed, DataSize maxBody) {
    }

    static final Map<String, String> NETWORK = Map.of("DB", "db.internal:5432", "BIND", "10.0.0.1",
            "ID", "123e4567-e89b-12d3-a456-426614174000", "CHARSET", "utf-8", "ALLOWED", "^[a-z]+$",
            "MAX_BODY", "1.5Mi");

    @Test
    void typesBoundByTheirOwnParser() throws Exception {
        Network n = Env.of(NETWORK).bind(Network.class);
        assertTrue(n.db().isUnresolved());
        assertEquals("db.internal", n.db().getHostString());
        assertEquals(5432, n.db().getPort());
        assertEquals(java.net.InetAddress.getByAddress(new byte[] {10, 0, 0, 1}), n.bind());
        assertEquals(java.util.UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), n.id());
        assertEquals(StandardCharsets.UTF_8, n.charset());
        assertTrue(n.allowed().matcher("abc").matches());
        assertEquals(1536 * 1024, n.maxBody().bytes());
    }

    static ConfigException.Problem problemOf(String variable, String value) {
        java.util.HashMap<String, String> env = new java.util.HashMap<>(NETWORK);
        env.put(variable, value);
        return only(failure(Network.class, env));
    }

    @Test
    void eachGrammarNamesItsExpectedForm() {
        assertEquals("\"db.internal\" has no :port; expected host:port with a port 0-65535, such as db.internal:5432,"
                + " 10.0.0.1:80 or [::1]:8080 (never resolved)", problemOf("DB", "db.internal").message());
        assertTrue(problemOf("DB", "fe80::1:5432").message().contains("write an IPv6 address in brackets: [::1]:8080"));
        assertTrue(problemOf("DB", "300.1.1.1:80").message().contains("neither a valid IPv4 address nor a host name"));
        assertTrue(problemOf("BIND", "localhost").message().startsWith(
                "\"localhost\" is not an IP address literal (host names are not resolved); expected an IP address literal"));
        assertTrue(problemOf("BIND", "fe80::1%eth0").message().contains("has a zone index"));
        assertTrue(problemOf("ID", "1-2-3-4-5").message().startsWith("\"1-2-3-4-5\" is not 36 characters long; expected a UUID"));
        assertTrue(problemOf("CHARSET", "utf-9").message().startsWith("\"utf-9\" is not a charset this JVM supports"));
        assertEquals("\"[a-z\" is not a regular expression: Unclosed character class near index 3; expected a"
                + " java.util.regex pattern (leading and trailing whitespace is trimmed)", problemOf("ALLOWED", "[a-z").message());
        String mb = problemOf("MAX_BODY", "512MB").message();
        assertTrue(mb.startsWith("\"512MB\" has the unit MB, which is ambiguous (1000 or 1024 to the power 2);"
                + " write Mi for 1024^2 bytes or M for 1000^2 bytes; expected a byte size"), mb);
        assertTrue(problemOf("MAX_BODY", "512K").message().contains("write k (1000 bytes) or Ki (1024 bytes)"));
        assertTrue(problemOf("MAX_BODY", "512 Mi").message().contains("has a space before the unit"));
        assertTrue(problemOf("MAX_BODY", "-1Mi").message().contains("does not start with a number"));
        assertTrue(problemOf("MAX_BODY", "99999999Ei").message().contains("is larger than 9223372036854775807 bytes"));
    }

    @Test
    void describeNamesEachType() {
        List<String> types = Env.describe(Network.class).variables().stream().map(ConfigDescription.Variable::type).toList();
        assertEquals(List.of("host:port", "IP address", "UUID", "charset", "regex", "byte size"), types);
        assertEquals("locale", Env.describe(OneLocale.class).variables().get(0).type());
    }

    @Test
    void aDataSizeParsesAndPrintsInTheLargestExactUnit() {
        assertEquals("512Mi", DataSize.parse("512Mi").toString());
        assertEquals("512Mi", DataSize.parse("536870912").toString());
        assertEquals("1500k", DataSize.parse("1.5M").toString());
        assertEquals("0", new DataSize(0).toString());
        assertEquals("1001", new DataSize(1001).toString());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> DataSize.parse("1GB"));
        assertTrue(e.getMessage().startsWith("\"1GB\" has the unit GB, which is ambiguous"), e::getMessage);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new DataSize(-1));
    }
}
