package io.twelvefactor.config;

import java.util.List;

/**
 * How values and foreign messages appear in problems: quoted, escaped, truncated, redacted.
 * Apart from {@link Text}, so that a bind without problems never loads it.
 */
final class Shown {
    /** Values longer than this are cut in messages. */
    static final int MAX_SHOWN = 64;
    /** Runs of this many characters shared with a secret are hidden in foreign messages. */
    private static final int MIN_SECRET_RUN = 6;
    static final String REDACTED = "[redacted]";

    private Shown() {
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
            if (equals >= 0 && equals < end && Text.isCredentialKey(s, key, equals)) {
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
}
