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
}
