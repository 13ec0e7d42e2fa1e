package io.twelvefactor.backing;

import java.nio.charset.StandardCharsets;

/** Percent-encoding for rendering URLs: the inverse of the parser's decoding. */
final class Percent {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Percent() {
    }

    /**
     * Appends {@code s}, keeping RFC 3986's unreserved characters and those in {@code keep},
     * and percent-encoding every other UTF-8 byte.
     */
    static void append(StringBuilder b, String s, String keep) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (unreserved(c) || (c < 0x80 && keep.indexOf(c) >= 0)) {
                b.append(c);
            } else if (c < 0x80) {
                appendByte(b, c);
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < s.length() ? i + 2 : i + 1;
                for (byte x : s.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                    appendByte(b, x & 0xFF);
                }
                i = end - 1;
            }
        }
    }

    static String encode(String s, String keep) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        append(b, s, keep);
        return b.toString();
    }

    /** Whether {@code s} is made only of unreserved characters and those in {@code keep}. */
    static boolean plain(String s, String keep) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!unreserved(c) && (c >= 0x80 || keep.indexOf(c) < 0)) {
                return false;
            }
        }
        return true;
    }

    /** Appends a host as an authority writes it: IPv6 bracketed, a socket path encoded. */
    static void appendHost(StringBuilder b, Host h) {
        if (h.isUnixSocket()) {
            append(b, h.name(), "");
        } else if (h.isIpv6()) {
            b.append('[');
            append(b, h.name(), ":.");
            b.append(']');
        } else {
            append(b, h.name(), "");
        }
    }

    static boolean unreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private static void appendByte(StringBuilder b, int x) {
        b.append('%').append(HEX[x >> 4]).append(HEX[x & 0xF]);
    }
}
