package io.twelvefactor.backing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.twelvefactor.testkit.Marker;

/**
 * Coverage-guided fuzzing of {@link BackingService#parse} and
 * {@link BackingService#parseGeneric}. {@code mvn verify} replays the committed inputs in
 * {@code src/test/resources/io/twelvefactor/backing/BackingServiceFuzzTestInputs/}; a campaign
 * searches for new ones ({@code .ci/fuzz backing BackingServiceFuzzTest anyUrl 10}).
 *
 * <p>For every input, with a planted password and without: parsing returns or throws
 * {@link BackingServiceException}; a descriptor round-trips through {@code toUrl()}; its
 * {@code toString()} shows a password as {@code :***} (or libpq's {@code ?password=***}); the planted password appears in no
 * {@code toString()}, message or JDBC URL, and no JDBC URL's authority holds credentials.
 */
class BackingServiceFuzzTest {

    @FuzzTest
    void anyUrl(FuzzedDataProvider data) {
        String url = data.consumeRemainingAsString();
        String marker = Marker.freshIn(url);
        String planted = plant(url, marker);
        for (String u : new String[] {url, planted}) {
            check(u, marker, false);
            check(u, marker, true);
        }
    }

    private static void check(String url, String marker, boolean generic) {
        BackingService d;
        try {
            d = generic ? BackingService.parseGeneric(url) : BackingService.parse(url);
        } catch (BackingServiceException e) {
            assertFalse(e.getMessage().contains(marker), e.getMessage());
            return;
        }
        BackingService again = generic ? BackingService.parseGeneric(d.toUrl())
                : BackingService.parse(d.toUrl());
        assertEquals(d, again, "round trip of " + d.toUrl());
        String shown = d.toString();
        assertFalse(shown.contains(marker), shown);
        if (d.password().isPresent()) {  // in the userinfo, or libpq's ?password= without a user
            assertTrue(shown.contains(d.user().isPresent() ? ":***@" : "password=***"), shown);
        }
        String jdbc;
        try {
            jdbc = d.toJdbcUrl();
            d.jdbcProperties();
        } catch (BackingServiceException e) {
            assertFalse(e.getMessage().contains(marker), e.getMessage());
            return;
        }
        assertFalse(jdbc.contains(marker), jdbc);
        int authority = jdbc.indexOf("//");
        if (d.embedded() == null && authority >= 0) {
            int end = authority + 2;
            while (end < jdbc.length() && "/;?".indexOf(jdbc.charAt(end)) < 0) {
                end++;
            }
            assertFalse(jdbc.substring(authority + 2, end).contains("@"), jdbc);
        }
    }

    /**
     * The URL with {@code marker} as the password of its userinfo: replacing the password
     * written there, or added to the user written there, or as {@code u:marker@} before a
     * host; the URL itself when it does not start with a scheme and {@code ://}.
     */
    static String plant(String url, String marker) {
        int start = url.indexOf("://");
        if (start < 1 || !isScheme(url.substring(0, start))) {
            return url;  // no authority: h2:file:a://u:p@ is a path
        }
        start += 3;
        int end = start;
        while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        int at = url.lastIndexOf('@', end - 1);
        if (at < start) {
            return url.substring(0, start) + "u:" + marker + "@" + url.substring(start);
        }
        int colon = url.indexOf(':', start);
        int userEnd = colon >= 0 && colon < at ? colon : at;
        return url.substring(0, userEnd) + ":" + marker + url.substring(at);
    }

    private static boolean isScheme(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && (c >= '0' && c <= '9'
                    || c == '+' || c == '-' || c == '.'))) {
                return false;
            }
        }
        return true;
    }
}
