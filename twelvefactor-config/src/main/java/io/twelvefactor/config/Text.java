package io.twelvefactor.config;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Text on the binding path: trimming, blanks, ASCII case, and the credentials a value carries.
 * How values appear in problems is {@link Shown}, loaded only when there is a problem.
 */
final class Text {

    private Text() {
    }

    /**
     * The credentials a value given by the user carries, to hide wherever a foreign message
     * repeats them: the password of a URL's userinfo (after its first {@code :}, up to the last
     * {@code @}; the whole userinfo when it has no {@code :}, as {@link Shown#hideUrlPassword} hides
     * it) and the value of each credential query parameter, as written and percent-decoded.
     * Empty when the value holds none.
     */
    static List<String> urlSecrets(String s) {
        List<String> secrets = new ArrayList<>(2);
        int scheme = s.indexOf("://");
        int at = s.lastIndexOf('@');
        if (scheme >= 0 && at > scheme + 3) {
            int colon = s.indexOf(':', scheme + 3);
            int from = colon >= 0 && colon < at ? colon + 1 : scheme + 3;
            if (from < at) {
                addSecret(secrets, s.substring(from, at));
            }
        }
        int query = s.indexOf('?');
        int key = query + 1;
        while (query >= 0 && key < s.length()) {
            int end = s.indexOf('&', key);
            if (end < 0) {
                end = s.length();
            }
            int equals = s.indexOf('=', key);
            if (equals >= 0 && equals + 1 < end && isCredentialKey(s, key, equals)) {
                addSecret(secrets, s.substring(equals + 1, end));
            }
            key = end + 1;
        }
        return secrets;
    }

    private static void addSecret(List<String> secrets, String secret) {
        secrets.add(secret);
        if (secret.indexOf('%') >= 0) {
            String decoded = percentDecoded(secret);
            if (!decoded.equals(secret)) {
                secrets.add(decoded);
            }
        }
    }

    /** Best-effort percent-decoding as UTF-8; malformed escapes are kept as written. */
    private static String percentDecoded(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int hi = i + 2 < s.length() && c == '%' ? Character.digit(s.charAt(i + 1), 16) : -1;
            int lo = hi >= 0 ? Character.digit(s.charAt(i + 2), 16) : -1;
            if (lo >= 0) {
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The parts of a query key that make its value a secret: the one list every module uses. */
    private static final String[] CREDENTIAL_KEY_PARTS = {"pass", "pwd", "secret", "token", "key"};

    static boolean isCredentialKey(String s, int from, int to) {
        for (String part : CREDENTIAL_KEY_PARTS) {
            if (containsAsciiIgnoreCase(s, from, to, part)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code s[from, to)} contains {@code lowerNeedle}, comparing ASCII letters in any case. */
    private static boolean containsAsciiIgnoreCase(String s, int from, int to, String lowerNeedle) {
        for (int i = from; i + lowerNeedle.length() <= to; i++) {
            int j = 0;
            while (j < lowerNeedle.length() && lower(s.charAt(i + j)) == lowerNeedle.charAt(j)) {
                j++;
            }
            if (j == lowerNeedle.length()) {
                return true;
            }
        }
        return false;
    }

    /** ASCII-only case-insensitive comparison (the Turkish dotless i must not match {@code I}). */
    static boolean equalsAsciiIgnoreCase(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y && lower(x) != lower(y)) {
                return false;
            }
        }
        return true;
    }

    static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    static boolean isBlank(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isSpace(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /** Strips ASCII spaces, tabs and line breaks from both ends. */
    static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return start == 0 && end == s.length() ? s : s.substring(start, end);
    }
}
