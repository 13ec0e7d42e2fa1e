package io.twelvefactor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamesTest {
    @ParameterizedTest
    @CsvSource({
        "port, PORT",
        "maxThreads, MAX_THREADS",
        "oauth2ClientId, OAUTH2_CLIENT_ID",
        "s3Bucket, S3_BUCKET",
        "httpURL, HTTP_URL",
        "httpURLPath, HTTP_URL_PATH",
        "URL, URL",
        "ipv4Address, IPV4_ADDRESS",
        "retry3times, RETRY3TIMES",
        "already_snake, ALREADY_SNAKE",
        "a_B, A_B",
        "title, TITLE",
        "x, X",
    })
    void derivesUpperSnakeCaseWithTheDocumentedAcronymAndDigitRule(String component, String expected) {
        assertEquals(expected, Names.derive(component));
    }

    @ParameterizedTest
    @CsvSource({"APP_PORT, true", "_X, true", "a1, true", "1A, false", "A-B, false", "'', false", "GRÖSSE, false"})
    void acceptsOnlyPortableShellNames(String name, boolean valid) {
        assertEquals(valid, Names.isValid(name));
    }

    @org.junit.jupiter.api.Test
    void upperCasesIndependentlyOfTheDefaultLocale() {
        // "title" under a Turkish default locale would give "TİTLE" with String.toUpperCase().
        assertEquals("TITLE_ID", Names.derive("titleId"));
        assertTrue(Names.isValid(Names.derive("titleId")));
        assertFalse(Names.derive("titleId").contains("\u0130"));
    }
}
