package io.twelvefactor.config;

import java.io.File;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.time.DateTimeException;
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
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The table of types bound by their own parser: JDK ({@code java.*}, {@code javax.*}) types and
 * {@link DataSize}. A JDK type binds
 * only from this table, never through the generic rule (a public static {@code valueOf},
 * {@code of} or {@code parse}, or a {@code String} constructor), because some JDK types do
 * things when constructed: {@code new PrintWriter(String)} truncates a file, {@code new
 * Thread(String)} creates a thread. Every parser here only computes a value: no file, socket,
 * thread or DNS lookup. Each constant carries its grammar, its expected form and its name in
 * the variable table.
 */
enum Builtin {
    LOCALE(Locale.class, "locale",
            "a BCP 47 language tag such as en, de-DE or zh-Hant-TW (de_DE is read as de-DE)") {
        @Override
        Object parse(String text) throws Invalid {
            return locale(text);
        }
    },
    UUID_(UUID.class, "UUID", "a UUID of 32 hex digits as 8-4-4-4-12, such as 123e4567-e89b-12d3-a456-426614174000") {
        @Override
        Object parse(String text) throws Invalid {
            return uuid(text);
        }
    },
    CHARSET(Charset.class, "charset", "a charset name this JVM supports, such as UTF-8 or ISO-8859-1") {
        @Override
        Object parse(String text) throws Invalid {
            try {
                return Charset.forName(text);
            } catch (IllegalCharsetNameException e) {
                throw new Invalid("is not a legal charset name");
            } catch (UnsupportedCharsetException e) {
                throw new Invalid("is not a charset this JVM supports");
            }
        }
    },
    PATTERN(Pattern.class, "regex", "a java.util.regex pattern (leading and trailing whitespace is trimmed)") {
        @Override
        Object parse(String text) throws Invalid {
            try {
                return Pattern.compile(text);
            } catch (PatternSyntaxException e) {
                throw new Invalid("is not a regular expression: " + e.getDescription()
                        + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
            }
        }
    },
    INET_SOCKET_ADDRESS(InetSocketAddress.class, "host:port",
            "host:port with a port 0-65535, such as db.internal:5432, 10.0.0.1:80 or [::1]:8080 (never resolved)") {
        @Override
        Object parse(String text) throws Invalid {
            return Addresses.socketAddress(text);
        }
    },
    INET_ADDRESS(InetAddress.class, "IP address",
            "an IP address literal such as 10.0.0.1 or 2001:db8::1 (host names are not resolved)") {
        @Override
        Object parse(String text) throws Invalid {
            return Addresses.address(text);
        }
    },
    DATA_SIZE(DataSize.class, "byte size", DataSize.EXPECTED) {
        @Override
        Object parse(String text) throws Invalid {
            return new DataSize(DataSize.bytes(text));
        }
    },
    ZONE_ID(ZoneId.class, "time zone", "a time zone such as Europe/Berlin, UTC or +01:00") {
        @Override
        Object parse(String text) throws Invalid {
            try {
                return ZoneId.of(text);
            } catch (DateTimeException e) {
                throw new Invalid("is not a time zone: " + e.getMessage(), true);
            }
        }
    },
    ZONE_OFFSET(ZoneOffset.class, "zone offset", "a zone offset such as Z, +01:00 or -05:30") {
        @Override
        Object parse(String text) throws Invalid {
            try {
                return ZoneOffset.of(text);
            } catch (DateTimeException e) {
                throw new Invalid("is not a zone offset: " + e.getMessage(), true);
            }
        }
    },
    INSTANT(Instant.class, "instant", "an ISO-8601 instant such as 2024-05-01T12:00:00Z") {
        @Override
        Object parse(String text) throws Invalid {
            try {
                return Instant.parse(text);
            } catch (DateTimeException e) {
                throw time(e);
            }
        }
    },
    LOCAL_DATE(LocalDate.class, "date", "an ISO-8601 date such as 2024-05-01") {
        @Override
        Object parse(String text) throws Invalid {
            try {
                return LocalDate.parse(text);
            } catch (DateTimeException e) {
                throw time(e);
            }
        }
    },
    LOCAL_TIME(LocalTime.class, "time", "an ISO-8601 time such as 09:30 or 09:30:15") {
        @Override
        Object parse(String text) throws Invalid {
            try {
                return LocalTime.parse(text);
            } catch (DateTimeException e) {
                throw time(e);
            }
        }
    },
    LOCAL_DATE_TIME(LocalDateTime.class, "date-time", "an ISO-8601 date-time such as 2024-05-01T09:30") {
        @Override
        Object parse(String text) throws Invalid {
            try {
                return LocalDateTime.parse(text);
            } catch (DateTimeException e) {
                throw time(e);
            }
        }
    },
    OFFSET_DATE_TIME(OffsetDateTime.class, "date-time with offset",
            "an ISO-8601 date-time with offset such as 2024-05-01T09:30+02:00") {
        @Override
        Object parse(String text) throws Invalid {
            try {
                return OffsetDateTime.parse(text);
            } catch (DateTimeException e) {
                throw time(e);
            }
        }
    },
    OFFSET_TIME(OffsetTime.class, "time with offset", "an ISO-8601 time with offset such as 09:30+02:00") {
        @Override
        Object parse(String text) throws Invalid {
            try {
                return OffsetTime.parse(text);
            } catch (DateTimeException e) {
                throw time(e);
            }
        }
    },
    ZONED_DATE_TIME(ZonedDateTime.class, "zoned date-time",
            "an ISO-8601 date-time with zone such as 2024-05-01T09:30+02:00[Europe/Berlin]") {
        @Override
        Object parse(String text) throws Invalid {
            try {
                return ZonedDateTime.parse(text);
            } catch (DateTimeException e) {
                throw time(e);
            }
        }
    },
    YEAR(Year.class, "year", "a year such as 2024") {
        @Override
        Object parse(String text) throws Invalid {
            try {
                return Year.parse(text);
            } catch (DateTimeException e) {
                throw time(e);
            }
        }
    },
    YEAR_MONTH(YearMonth.class, "year-month", "a year and month such as 2024-05") {
        @Override
        Object parse(String text) throws Invalid {
            try {
                return YearMonth.parse(text);
            } catch (DateTimeException e) {
                throw time(e);
            }
        }
    },
    MONTH_DAY(MonthDay.class, "month-day", "a month and day such as --12-25") {
        @Override
        Object parse(String text) throws Invalid {
            try {
                return MonthDay.parse(text);
            } catch (DateTimeException e) {
                throw time(e);
            }
        }
    },
    PERIOD(Period.class, "period", "an ISO-8601 period such as P1Y2M3D or P2W") {
        @Override
        Object parse(String text) throws Invalid {
            try {
                return Period.parse(text);
            } catch (DateTimeException e) {
                throw time(e);
            }
        }
    },
    URL_(URL.class, "URL", "an absolute URL with a scheme the JDK knows, such as https://example.com/") {
        @Override
        Object parse(String text) throws Invalid {
            try {
                // the URL constructor looks up a protocol handler; it opens no connection and does no DNS
                return new URL(text);
            } catch (MalformedURLException e) {
                throw new Invalid("is not a URL: " + e.getMessage(), true);
            }
        }
    },
    FILE(File.class, "path", "a file system path") {
        @Override
        Object parse(String text) {
            return new File(text);
        }
    };

    final Class<?> type;
    final String typeName;
    final String expected;

    Builtin(Class<?> type, String typeName, String expected) {
        this.type = type;
        this.typeName = typeName;
        this.expected = expected;
    }

    /** Converts trimmed, non-empty text; the message of {@link Invalid} does not quote the text unless foreign. */
    abstract Object parse(String text) throws Invalid;

    /** The table entry for {@code type}, or null. */
    static Builtin of(Class<?> type) {
        for (Builtin b : values()) {
            if (b.type == type) {
                return b;
            }
        }
        return null;
    }

    /** The JDK types of the table, for a plan error. */
    static String names() {
        StringBuilder b = new StringBuilder();
        for (Builtin t : values()) {
            if (!Scalar.isJdk(t.type)) {
                continue;
            }
            b.append(b.length() == 0 ? "" : ", ").append(t.type.getSimpleName());
        }
        return b.toString();
    }

    /** Exactly 8-4-4-4-12 hex digits: {@code UUID.fromString} alone also takes {@code 1-2-3-4-5}. */
    static UUID uuid(String text) throws Invalid {
        if (text.length() != 36) {
            throw new Invalid("is not 36 characters long");
        }
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                throw new Invalid("has " + (dash ? "no '-'" : "a character that is not a hex digit") + " at position " + (i + 1));
            }
        }
        return UUID.fromString(text);
    }

    private static Invalid time(DateTimeException e) {
        // the JDK's message quotes the text; marked foreign, a secret's value is cut out of it
        return new Invalid("is not valid: " + e.getMessage(), true);
    }

    /** A language tag; {@code _} separates subtags as {@code -} does, so {@code de_DE} is {@code de-DE}. */
    static Locale locale(String text) throws Invalid {
        try {
            return new Locale.Builder().setLanguageTag(text.replace('_', '-')).build();
        } catch (IllformedLocaleException e) {
            String hint = text.indexOf('.') >= 0 || text.indexOf('@') >= 0
                    ? " (a POSIX locale such as de_DE.UTF-8 is not a language tag: write de-DE)" : "";
            throw new Invalid("is not a language tag: " + e.getMessage() + hint, true);
        }
    }
}
