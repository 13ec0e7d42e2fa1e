package io.twelvefactor.backing;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Percent-encoding both ways: decoding for the parser, encoding for rendering. */
final class Percent {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Percent() {
    }

    /**
     * Decodes {@code s[a, b)}: percent-encoded UTF-8, '+' kept as '+'. An error names the
     * component and position, never the text.
     */
    static String decode(String s, int a, int b, String component, String variable) {
        int pct = s.indexOf('%', a);
        if (pct < 0 || pct >= b) {
            return s.substring(a, b);
        }
        StringBuilder out = new StringBuilder(b - a);
        byte[] bytes = new byte[(b - a) / 3 + 1];
        int i = a;
        while (i < b) {
            char c = s.charAt(i);
            if (c != '%') {
                out.append(c);
                i++;
                continue;
            }
            int run = i;
            int count = 0;
            boolean ascii = true;
            while (i < b && s.charAt(i) == '%') {
                int hi = i + 2 < b ? hex(s.charAt(i + 1)) : -1;
                int lo = hi >= 0 ? hex(s.charAt(i + 2)) : -1;
                if (lo < 0) {
                    throw new BackingServiceException(variable, component, i + 1, "'%' must start a percent-encoding such as %40;"
                            + " write a literal '%' in the " + component + " as %25");
                }
                int x = hi * 16 + lo;
                if (x == 0) {
                    throw new BackingServiceException(variable, component, i + 1, "%00 (a NUL byte) is not allowed");
                }
                bytes[count++] = (byte) x;
                ascii &= x < 0x80;
                i += 3;
            }
            if (ascii) {
                for (int k = 0; k < count; k++) {
                    out.append((char) bytes[k]);
                }
                continue;
            }
            try {
                out.append(StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes, 0, count)));
            } catch (CharacterCodingException e) {
                throw new BackingServiceException(variable, component, run + 1, "the percent-encoded bytes are not UTF-8;"
                        + " percent-encode the UTF-8 bytes of the text");
            }
        }
        return out.toString();
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

    /**
     * The value of an ASCII hex digit, or -1: unlike {@link Character#digit(char, int)}, it
     * refuses other scripts' digits, such as Arabic-Indic or full-width ones.
     */
    static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    static boolean unreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private static void appendByte(StringBuilder b, int x) {
        b.append('%').append(HEX[x >> 4]).append(HEX[x & 0xF]);
    }
}
