package io.twelvefactor.backing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorMessagesTest {

    private static BackingServiceException failure(String url) {
        return assertThrows(BackingServiceException.class,
                () -> BackingService.fromEnv("DATABASE_URL", Map.of("DATABASE_URL", url)));
    }

    /** The usual ways a password breaks a URL: each message says how to fix it, none quotes it. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "postgres://app:Zq9#xv@db/app | DATABASE_URL at character 19: '#' ends the host here but an '@' follows: if the URL has credentials, write '/', '?' and '#' in a password as %2F, %3F and %23; anywhere else write '@' as %40",
        "postgres://app:Zq9/xv@db/app | DATABASE_URL at character 19: '/' ends the host here but an '@' follows: if the URL has credentials, write '/', '?' and '#' in a password as %2F, %3F and %23; anywhere else write '@' as %40",
        "postgres://app:Zq9?xv@db/app | DATABASE_URL at character 19: '?' ends the host here but an '@' follows: if the URL has credentials, write '/', '?' and '#' in a password as %2F, %3F and %23; anywhere else write '@' as %40",
        "postgres://app:Zq9%xv@db/app | DATABASE_URL: password at character 19: '%' must start a percent-encoding such as %40; write a literal '%' in the password as %25",
        "postgres://app:Zq9xv/app | DATABASE_URL: port at character 16: is not a number; expected an integer 1-65535 (if this is a password, the URL lacks '@host' after it)",
        "postgres://app:Zq9%\u0664\u0660xv@db/app | DATABASE_URL: password at character 19: '%' must start a percent-encoding such as %40; write a literal '%' in the password as %25",
        "postgres://app:Zq9%\uFF14\uFF10xv@db/app | DATABASE_URL: password at character 19: '%' must start a percent-encoding such as %40; write a literal '%' in the password as %25",
        "postgres://app:Zq9%00xv@db/app | DATABASE_URL: password at character 19: %00 (a NUL byte) is not allowed",
        "postgres://app:Zq9%C3xv@db/app | DATABASE_URL: password at character 19: the percent-encoded bytes are not UTF-8; percent-encode the UTF-8 bytes of the text",
    })
    void passwordMistakesAreExplainedWithoutQuotingThePassword(String url, String message) {
        BackingServiceException e = failure(url);
        assertEquals(message, e.getMessage());
        assertFalse(e.getMessage().contains("Zq9"), e.getMessage());
        assertFalse(e.getMessage().contains("xv"), e.getMessage());
    }

    /** A raw '&' in a query secret splits it; a name made of its tail is not quoted back. */
    @Test
    void aQueryParameterNameThatMayBeASecretsTailIsNotQuoted() {
        BackingServiceException e = failure("postgres://db/app?sslpassword=Zq9&\u00a7xv=%");
        assertEquals("DATABASE_URL: query parameter at character 39: '%' must start a percent-encoding"
                + " such as %40; write a literal '%' in the query parameter as %25", e.getMessage());
        assertFalse(e.getMessage().contains("xv"), e.getMessage());
        assertTrue(failure("postgres://db/app?a=%").getMessage()
                .startsWith("DATABASE_URL: query parameter a at character"));
    }

    @Test
    void aTrailingNewlineIsNamed() {
        BackingServiceException e = failure("postgres://app:pw@db/app\n");
        assertEquals("DATABASE_URL at character 25: ends with a newline, often copied along from a"
                + " secret file; remove it (write the file with printf '%s', not echo)", e.getMessage());
        assertEquals(25, e.position());
        assertEquals("url", e.component());
        assertEquals("ends with whitespace; remove it",
                failure("postgres://db/app ").getMessage().replaceFirst("^[^:]*: ", ""));
    }

    @Test
    void anUnknownSchemeListsTheKnownOnesAndTheNearest() {
        BackingServiceException e = failure("postgress://db/app");
        assertTrue(e.getMessage().startsWith("DATABASE_URL: scheme at character 1: unknown scheme"
                + " 'postgress' (did you mean 'postgres'?); known schemes: postgresql, postgres, pg,"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("(BackingService.parseGeneric accepts any scheme)"));
    }

    @Test
    void aJdbcUrlIsRecognised() {
        assertEquals("DATABASE_URL: scheme at character 1: this is a JDBC URL; write the service URL"
                + " instead, such as postgres://user:password@host:5432/db, and let toJdbcUrl()"
                + " make the JDBC form", failure("jdbc:postgresql://db:5432/app").getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'' | DATABASE_URL: is empty; expected a URL such as postgres://user:password@host:5432/db",
        "db.internal:5432 | DATABASE_URL: scheme at character 12: expected a scheme and '://', such as postgres://user:password@host:5432/db",
        "postgres://a,,b/x | DATABASE_URL: host 2 at character 14: is empty; write a host name such as localhost, or a Unix socket directory as %2Fvar%2Frun%2Fpostgresql",
        "postgres://db:99999/x | DATABASE_URL: port at character 15: is outside 1-65535; write the service's real port",
        "postgres://a,b:0/x | DATABASE_URL: port 2 at character 16: is outside 1-65535; write the service's real port",
        "postgres://db server/x | DATABASE_URL: host at character 12: ' ' cannot appear in a host name (letters, digits, '-', '.', '_'); a Unix socket path starts with %2F",
        "postgres://db/x?sslmode=on | DATABASE_URL: query parameter sslmode at character 17: 'on' is not an sslmode; expected one of: disable, allow, prefer, require, verify-ca, verify-full",
        "postgres://[::\u0661]/x | DATABASE_URL: host at character 15: '\u0661' cannot appear in an IPv6 address; write hex digits, ':' and '.', and a zone as %25, such as [fe80::1%25eth0]",
        "postgres://[::\uFF41]/x | DATABASE_URL: host at character 15: '\uFF41' cannot appear in an IPv6 address; write hex digits, ':' and '.', and a zone as %25, such as [fe80::1%25eth0]",
        "postgres://db/x?password=a&b3cret | DATABASE_URL: query at character 28: a parameter has no '='; write name=value, and '&' in a value as %26",
        "postgres://db/x?=1 | DATABASE_URL: query at character 17: a parameter has no name; write name=value",
        "smtp://relay?from=me@example.com | DATABASE_URL at character 13: '?' ends the host here but an '@' follows: if the URL has credentials, write '/', '?' and '#' in a password as %2F, %3F and %23; anywhere else write '@' as %40",
    })
    void everyOtherMistakeNamesItsComponentAndFix(String url, String message) {
        assertEquals(message, failure(url).getMessage());
    }

    @Test
    void parseWithoutAVariableSaysWhatFailed() {
        BackingServiceException e =
                assertThrows(BackingServiceException.class, () -> BackingService.parse("redis://h:x"));
        assertEquals("backing service URL: port at character 11: is not a number; expected an integer"
                + " 1-65535 (if this is a password, the URL lacks '@host' after it)", e.getMessage());
        assertTrue(e.variable().isEmpty());
        assertThrows(NullPointerException.class, () -> BackingService.parse(null));
    }
}
