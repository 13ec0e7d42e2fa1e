package io.twelvefactor.logging;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The byte writer: a growable byte buffer that encodes UTF-8 by hand, JSON-escapes strings and
 * stops a string at a byte limit without splitting a character or an escape sequence. One
 * instance belongs to one thread at a time; it is reused from event to event, so the hot path
 * allocates nothing. The writers of an event's parts share one and own nothing of its state.
 */
final class LineBuffer {

    /** Appended where a string was cut: "…[truncated]". */
    static final byte[] CUT_MARK = "\u2026[truncated]".getBytes(StandardCharsets.UTF_8);
    /** Retained capacity; a buffer that grew past it for one large event is dropped after it. */
    private static int RETAINED = 64 * 1024;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** For chars below 128: 0 = copy as is, otherwise the escape's second byte ('u' = \\u00XX). */
    private static final byte[] JSON_ESCAPES = new byte[128];
    /** The text format escapes only line breaks, so that an event stays on its own line. */
    private static final byte[] TEXT_ESCAPES = new byte[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            JSON_ESCAPES[c] = 'u';
        }
        JSON_ESCAPES['"'] = '"';
        JSON_ESCAPES['\\'] = '\\';
        JSON_ESCAPES['\n'] = 'n';
        JSON_ESCAPES['\r'] = 'r';
        JSON_ESCAPES['\t'] = 't';
        JSON_ESCAPES['\b'] = 'b';
        JSON_ESCAPES['\f'] = 'f';
        TEXT_ESCAPES['\n'] = 'n';
        TEXT_ESCAPES['\r'] = 'r';
    }

    byte[] buf = new byte[1024];
    int pos;
    /** Position a string's content may not pass; -1 within a string means no limit. */
    int stringEnd = Integer.MAX_VALUE;
    /** Whether the current string was cut. */
    boolean cut;
    /** Set when a lone surrogate was written as U+FFFD; cleared by whoever wants to know. */
    boolean replaced;
    /**
     * Whether a high surrogate that ends a piece of text waits for the next piece, which may
     * start with its low surrogate: set while a message is put together from pattern and arguments.
     */
    boolean joining;
    /** The high surrogate waiting for the next piece of the message, or 0; written by its end. */
    private char pendingHigh;
    private final boolean json;
    private final byte[] escapes;

    LineBuffer(boolean json) {
        this.json = json;
        this.escapes = json ? JSON_ESCAPES : TEXT_ESCAPES;
    }

    /** Forgets the previous line, and a buffer that grew unusually large for it. */
    void reset() {
        if (buf.length > RETAINED) {
            buf = new byte[1024];
        }
        pos = 0;
    }

    void ensure(int extra) {
        int needed = pos + extra;
        if (needed > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(needed, buf.length * 2));
        }
    }

    void raw(byte[] bytes) {
        raw(bytes, bytes.length);
    }

    void raw(byte[] bytes, int length) {
        ensure(length);
        System.arraycopy(bytes, 0, buf, pos, length);
        pos += length;
    }

    void ascii(char c) {
        ensure(1);
        buf[pos++] = (byte) c;
    }

    /** Starts string content that may take at most {@code maxBytes} bytes before its cut mark. */
    void beginString(int maxBytes) {
        beginString(0, maxBytes);
    }

    /** Starts string content that begins {@code skip} bytes from here, after bytes not yet written. */
    void beginString(int skip, int maxBytes) {
        cut = false;
        long end = (long) pos + skip + maxBytes;
        stringEnd = end > Integer.MAX_VALUE - 64 ? Integer.MAX_VALUE - 64 : (int) end;
    }

    /** Ends string content, appending the cut mark if it was cut. */
    void endString() {
        if (cut) {
            raw(CUT_MARK);
            cut = false;
        }
        stringEnd = Integer.MAX_VALUE;
    }

    /**
     * Narrows the current string's limit to {@code maxBytes} more bytes (never widening it) and
     * returns the limit to give back to {@link #widen}; for a part of a string with its own cap.
     */
    int narrow(int maxBytes) {
        int saved = stringEnd;
        long end = (long) pos + maxBytes;
        if (end < stringEnd) {
            stringEnd = (int) end;
        }
        return saved;
    }

    /**
     * Ends a part opened by {@link #narrow}: marks it if it was cut, then restores the enclosing
     * limit. Returns whether the part was cut; the enclosing string goes on uncut.
     */
    boolean widen(int saved) {
        boolean wasCut = cut;
        stringEnd = saved;
        if (wasCut) {
            cut = false;
            if (pos + CUT_MARK.length <= saved) {
                raw(CUT_MARK);
            } else {
                cut = true;
            }
        }
        return wasCut;
    }

    /** Appends {@code s} escaped, unless the current string was already cut. */
    void text(String s) {
        text(s, 0, s.length());
    }

    /**
     * A line break of the encoder's own inside string content (between a stack trace's lines):
     * {@code \n} in JSON, a real line break in the text format, whose {@link #text} escapes the
     * application's line breaks. Respects the cut as {@link #text} does.
     */
    void lineBreak() {
        if (json) {
            text("\n");
        } else if (!cut) {
            if (pos + 1 > stringEnd) {
                cut = true;
            } else {
                ascii('\n');
            }
        }
    }

    /** Appends {@code s[from, to)} escaped, unless the current string was already cut. */
    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): exact for chars below 0x80
    void text(String s, int from, int to) {
        if (pendingHigh != 0) {
            from = joinPending(s, from, to);
        }
        if (cut) {
            return;
        }
        int len = to - from;
        int room = stringEnd - pos;
        ensure(len <= room / 6 ? len * 6 : room + 6);
        byte[] b = buf;
        byte[] esc = escapes;
        int p = pos;
        int end = stringEnd;
        // Fast path: find how much is plain ASCII (and fits), one compare and one table read per
        // char, then copy it in one go; every char of it is below 0x80, so its low byte is all of it.
        int n = Math.min(len, end - p);
        int k = 0;
        for (; k < n; k++) {
            char c = s.charAt(from + k);
            if (c >= 0x80 || esc[c] != 0) {
                break;
            }
        }
        if (k > 0) {
            s.getBytes(from, from + k, b, p);
            p += k;
        }
        if (k < len) {
            p = textSlow(s, from + k, to, p);
        }
        pos = p;
    }

    /** Writes the waiting high surrogate with the low one that starts {@code s[from, to)}, if it does. */
    private int joinPending(String s, int from, int to) {
        if (from == to) {
            return from; // an empty piece: keep waiting
        }
        char high = pendingHigh;
        char low = s.charAt(from);
        if (!Character.isLowSurrogate(low)) {
            flushPending();
            return from;
        }
        pendingHigh = 0;
        if (!cut) {
            ensure(4);
            if (pos + 4 > stringEnd) {
                cut = true;
            } else {
                int cp = Character.toCodePoint(high, low);
                buf[pos] = (byte) (0xF0 | (cp >> 18));
                buf[pos + 1] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                buf[pos + 2] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                buf[pos + 3] = (byte) (0x80 | (cp & 0x3F));
                pos += 4;
            }
        }
        return from + 1;
    }

    /** Writes a waiting high surrogate as what it is: lone, so U+FFFD. */
    void flushPending() {
        char high = pendingHigh;
        if (high == 0) {
            return; // the usual case: no store, which the message's every piece would otherwise pay
        }
        pendingHigh = 0;
        if (!cut) {
            ensure(3);
            int q = encodeSlow(buf, pos, stringEnd, "", 0, 0, high);
            if (q < 0) {
                cut = true;
            } else {
                pos = q;
            }
        }
    }

    private int textSlow(String s, int from, int to, int p) {
        byte[] b = buf;
        byte[] esc = escapes;
        int end = stringEnd;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 0x80 && esc[c] == 0) {
                if (p >= end) {
                    cut = true;
                    break;
                }
                b[p++] = (byte) c;
            } else {
                if (joining && i + 1 == to && Character.isHighSurrogate(c)) {
                    pendingHigh = c;
                    break;
                }
                int q = encodeSlow(b, p, end, s, i, to, c);
                if (q < 0) {
                    cut = true;
                    break;
                }
                if (c >= 0xD800 && c <= 0xDBFF && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                }
                p = q;
            }
        }
        return p;
    }

    /** Encodes one non-trivial char at {@code p}; returns the new position, or -1 if it does not fit. */
    private int encodeSlow(byte[] b, int p, int end, String s, int i, int to, char c) {
        if (c < 0x80) {
            byte e = escapes[c];
            if (e == 'u') {
                if (p + 6 > end) {
                    return -1;
                }
                b[p] = '\\';
                b[p + 1] = 'u';
                b[p + 2] = '0';
                b[p + 3] = '0';
                b[p + 4] = HEX[c >> 4];
                b[p + 5] = HEX[c & 0xF];
                return p + 6;
            }
            if (p + 2 > end) {
                return -1;
            }
            b[p] = '\\';
            b[p + 1] = e;
            return p + 2;
        }
        if (c < 0x800) {
            if (p + 2 > end) {
                return -1;
            }
            b[p] = (byte) (0xC0 | (c >> 6));
            b[p + 1] = (byte) (0x80 | (c & 0x3F));
            return p + 2;
        }
        if (Character.isSurrogate(c)) {
            if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
                if (p + 4 > end) {
                    return -1;
                }
                int cp = Character.toCodePoint(c, s.charAt(i + 1));
                b[p] = (byte) (0xF0 | (cp >> 18));
                b[p + 1] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                b[p + 2] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                b[p + 3] = (byte) (0x80 | (cp & 0x3F));
                return p + 4;
            }
            c = '\uFFFD';
            replaced = true;
        } else if (json && (c == '\u2028' || c == '\u2029')) {
            if (p + 6 > end) {
                return -1;
            }
            b[p] = '\\';
            b[p + 1] = 'u';
            b[p + 2] = '2';
            b[p + 3] = '0';
            b[p + 4] = '2';
            b[p + 5] = c == '\u2028' ? (byte) '8' : (byte) '9';
            return p + 6;
        }
        if (p + 3 > end) {
            return -1;
        }
        b[p] = (byte) (0xE0 | (c >> 12));
        b[p + 1] = (byte) (0x80 | ((c >> 6) & 0x3F));
        b[p + 2] = (byte) (0x80 | (c & 0x3F));
        return p + 3;
    }

    /** Appends a decimal number inside string content (respecting the cut). */
    void textNumber(long v) {
        if (pendingHigh != 0) {
            flushPending();
        }
        if (cut) {
            return;
        }
        ensure(20);
        if (pos + 20 > stringEnd) {
            text(Long.toString(v));
            return;
        }
        number(v);
    }

    /** Appends a decimal number outside strings. */
    void number(long v) {
        ensure(20);
        if (v >= 0 && v < 10_000) {
            byte[] b = buf;
            int p = pos;
            if (v >= 100) {
                if (v >= 1000) {
                    b[p++] = (byte) ('0' + v / 1000);
                }
                b[p++] = (byte) ('0' + v / 100 % 10);
            }
            if (v >= 10) {
                b[p++] = (byte) ('0' + v / 10 % 10);
            }
            b[p++] = (byte) ('0' + v % 10);
            pos = p;
            return;
        }
        if (v == Long.MIN_VALUE) {
            raw("-9223372036854775808".getBytes(StandardCharsets.US_ASCII));
            return;
        }
        if (v < 0) {
            buf[pos++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) {
            digits++;
        }
        int p = pos + digits;
        pos = p;
        do {
            buf[--p] = (byte) ('0' + (int) (v % 10));
            v /= 10;
        } while (v != 0);
    }
}
