package io.twelvefactor.config;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** How values and foreign messages appear in problems: quoted, escaped, truncated, redacted. */
final class Text {
    /** Values longer than this are cut in messages. */
    static final int MAX_SHOWN = 64;
    /** Runs of this many characters shared with a secret are hidden in foreign messages. */
    private static final int MIN_SECRET_RUN = 6;
    static final String REDACTED = "[redacted]";

    private Text() {
    }

    /**
     * The value in double quotes, control characters escaped, a URL's password hidden, cut
     * after {@link #MAX_SHOWN}.
     */
    static String quote(String raw) {
        String value = hideUrlPassword(raw);
        StringBuilder b = new StringBuilder(Math.min(value.length(), MAX_SHOWN) + 24).append('"');
        int end = Math.min(value.length(), MAX_SHOWN);
        for (int i = 0; i < end; i++) {
            escape(b, value.charAt(i));
        }
        b.append('"');
        if (end < value.length()) {
            b.append("… (").append(value.length()).append(" characters)");
        }
        return b.toString();
    }

    /**
     * A foreign message (from a parse method or a validation) made safe to show: every part of
     * each secret hidden, then cut after {@code 4 * MAX_SHOWN} characters. Only the secrets
     * are hidden, not whatever looks like a URL: a parse method's example such as
     * {@code postgres://user:password@host/db} stays as it was written.
     */
    static String foreign(String message, List<String> secrets) {
        String m = message == null ? "no message" : message;
        int limit = 4 * MAX_SHOWN;
        if (m.length() > 2 * limit) {
            m = m.substring(0, 2 * limit); // bounds the redaction work; the cut below drops any tail
        }
        for (String secret : secrets) {
            m = redact(m, secret);
        }
        return m.length() > limit ? m.substring(0, limit) + "…" : m;
    }

    /**
     * Hides the credentials a URL carries: the password in its userinfo, as
     * {@code scheme://user:***@host}, or the whole userinfo when it has no {@code :} (Redis
     * clients read {@code redis://password@host}); and the value of each query parameter whose
     * key contains {@code pass}, {@code pwd}, {@code secret}, {@code token} or {@code key}
     * (ASCII, any case; the list {@code twelvefactor-backing} uses too, see
     * {@code conformance/grammar.txt}),
     * as {@code ?sslpassword=***}. A component such as a database URL is not declared
     * {@link Secret}, yet its value carries one: neither a quoted value nor a parse method's
     * message may show it. The userinfo ends at the last {@code @}, as URL parsers split it, so
     * a password holding {@code @} is hidden whole; a query value ends at the next {@code &} or
     * the end of the text. Hiding too much is the safe side.
     */
    static String hideUrlPassword(String s) {
        String q = hideQueryCredentials(s);
        int scheme = q.indexOf("://");
        if (scheme < 0) {
            return q;
        }
        int start = scheme + 3;
        int at = q.lastIndexOf('@');
        if (at < start) {
            return q;
        }
        int colon = q.indexOf(':', start);
        int from = colon >= 0 && colon < at ? colon + 1 : start;
        return q.substring(0, from) + "***" + q.substring(at);
    }

    /**
     * The credentials a value given by the user carries, to hide wherever a foreign message
     * repeats them: the password of a URL's userinfo (after its first {@code :}, up to the last
     * {@code @}; the whole userinfo when it has no {@code :}, as {@link #hideUrlPassword} hides
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

    /** Hides the values of credential parameters in the query after the first {@code ?}. */
    private static String hideQueryCredentials(String s) {
        int query = s.indexOf('?');
        if (query < 0) {
            return s;
        }
        StringBuilder b = null;
        int copied = 0;
        int key = query + 1;
        while (key < s.length()) {
            int end = s.indexOf('&', key);
            if (end < 0) {
                end = s.length();
            }
            int equals = s.indexOf('=', key);
            if (equals >= 0 && equals < end && isCredentialKey(s, key, equals)) {
                if (b == null) {
                    b = new StringBuilder(s.length());
                }
                b.append(s, copied, equals + 1).append("***");
                copied = end;
            }
            key = end + 1;
        }
        return b == null ? s : b.append(s, copied, s.length()).toString();
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

    /**
     * Replaces every part of {@code message} that the secret contains (runs of at least six
     * characters, or the whole secret when it is shorter) with {@link #REDACTED}.
     */
    static String redact(String message, String secret) {
        if (secret.isEmpty()) {
            return message;
        }
        int min = Math.min(MIN_SECRET_RUN, secret.length());
        StringBuilder b = new StringBuilder(message.length());
        int i = 0;
        while (i < message.length()) {
            int run = longestRunAt(message, i, secret, min);
            if (run > 0) {
                b.append(REDACTED);
                i += run;
            } else {
                b.append(message.charAt(i++));
            }
        }
        return b.toString();
    }

    /** The longest run at {@code start} that occurs in the secret (checking its first 16 occurrences), or 0. */
    private static int longestRunAt(String message, int start, String secret, int min) {
        if (start + min > message.length()) {
            return 0;
        }
        String seed = message.substring(start, start + min);
        int best = 0;
        int at = secret.indexOf(seed);
        for (int tries = 0; at >= 0 && tries < 16; tries++) {
            int length = min;
            while (start + length < message.length() && at + length < secret.length()
                    && message.charAt(start + length) == secret.charAt(at + length)) {
                length++;
            }
            best = Math.max(best, length);
            at = secret.indexOf(seed, at + 1);
        }
        return best;
    }

    private static void escape(StringBuilder b, char c) {
        switch (c) {
            case '\n': b.append("\\n"); break;
            case '\r': b.append("\\r"); break;
            case '\t': b.append("\\t"); break;
            case '"': b.append("\\\""); break;
            case '\\': b.append("\\\\"); break;
            default:
                if (c < 0x20 || c == 0x7f) {
                    b.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
                } else {
                    b.append(c);
                }
        }
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
