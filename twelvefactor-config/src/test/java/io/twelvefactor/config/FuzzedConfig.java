package io.twelvefactor.config;

import java.io.File;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The config record the fuzz targets bind: every supported value type, each wrapper
 * ({@code Optional}, {@code Secret}, {@code List}, {@code Set}, {@code Map}), nested,
 * optional, listed and mapped records, defaults, a range, a rename and a validating record.
 */
@Prefix("APP")
record FuzzedConfig(
        String text, @Default("8080") @Range(min = 1, max = 65535) int port, Integer boxedInt, long l,
        Long boxedLong, short s, byte b, double d, Double boxedDouble, float f, boolean flag,
        Boolean boxedFlag, BigDecimal money, BigInteger big, Level level, Duration timeout,
        URI uri, Path path, DataSize size, UUID uuid, Charset charset, Locale locale,
        Pattern pattern, InetSocketAddress listen, InetAddress ip, ZoneId zone,
        ZoneOffset offset, Instant instant, LocalDate date, LocalTime time,
        LocalDateTime dateTime, OffsetDateTime offsetDateTime, OffsetTime offsetTime,
        ZonedDateTime zoned, Year year, YearMonth yearMonth, MonthDay monthDay, Period period,
        URL url, File file, Version version, Code code, Token token, Chars chars,
        Optional<Duration> maybe, List<Integer> numbers, Set<Level> levels,
        Map<String, Integer> limits, Optional<List<String>> tags, Secret<Integer> pin,
        Secret<List<String>> keys, Optional<Secret<String>> apiKey, Optional<Secret<Version>> release, Db db, Optional<Db> replica,
        List<Server> servers, Map<String, Server> groups, Window window,
        @DeprecatedName("APP_OLD_NAME") Optional<String> newName) {

    enum Level { DEBUG, INFO, WARN, ERROR }

    record Db(URI url, Secret<String> password, @Default("10") int poolSize, Secret<Duration> lease) {
    }

    record Server(String host, @Default("80") int port, Optional<Secret<String>> token) {
    }

    /** Validated in its compact constructor. */
    record Window(@Default("0") int low, @Default("1") int high) {
        Window {
            if (low > high) {
                throw new IllegalArgumentException("low must not exceed high");
            }
        }
    }

    /** Bound through {@code valueOf(String)}. */
    public record Version(String value) {
        public static Version valueOf(String text) {
            if (text.startsWith("v")) {
                throw new IllegalArgumentException("write the version without its v: " + text);
            }
            return new Version(text);
        }
    }

    /** Bound through {@code of(String)}. */
    public record Code(String value) {
        public static Code of(String text) {
            return new Code(text);
        }
    }

    /** Bound through a public String constructor that may throw, quoting its input. */
    public static final class Token {
        final String value;

        public Token(String value) {
            if (value.length() > 8) {
                throw new IllegalStateException("too long: " + value);
            }
            this.value = value;
        }

        @Override
        public String toString() {
            return value;
        }
    }

    /** Bound through {@code parse(CharSequence)}. */
    public record Chars(String value) {
        public static Chars parse(CharSequence text) {
            return new Chars(text.toString());
        }
    }
}
