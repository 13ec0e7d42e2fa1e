package io.twelvefactor.logging;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

/**
 * The member writer: an event's markers ({@code tags}), MDC entries and key-values, with the
 * key precedence of {@link Layout} (no key twice in one line). Keeps small per-thread caches of
 * the bytes of recent keys and MDC entries. One instance per encoder.
 */
final class MemberWriter {

    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final int KEY_SLOTS = 64;
    /** The last event's key-value keys by position: a call site logs the same keys each time. */
    private static final int KV_POSITIONS = 8;

    private final LineBuffer out;
    private final CallRecorder calls;
    private final MessageFormatter formatter;
    private final Layout layout;
    private final boolean json;

    /** Whether a key written in this writing had a lone surrogate, written as U+FFFD. */
    boolean lossyKeys;
    /** Whether keys are told apart as written (lone surrogates as U+FFFD) rather than as strings. */
    boolean normalizeKeys;

    private final String[] kvKeyRefs = new String[KV_POSITIONS];
    private final byte[][] kvKeyBytes = new byte[KV_POSITIONS][];
    private final String[] keyRefs = new String[KEY_SLOTS];
    private final byte[][] keyBytes = new byte[KEY_SLOTS][];

    MemberWriter(LineBuffer out, CallRecorder calls, MessageFormatter formatter, Layout layout) {
        this.out = out;
        this.calls = calls;
        this.formatter = formatter;
        this.layout = layout;
        this.json = layout.json;
    }

    /** The markers' names, as many as start before {@code until}. */
    void tags(Object markers, int max, int until) {
        LineBuffer b = out;
        b.raw(layout.tagsKey);
        if (markers instanceof org.slf4j.Marker) {
            tag(markers, true, max);
        } else {
            List<?> list = (List<?>) markers;
            for (int i = 0; i < list.size() && b.pos < until; i++) {
                tag(list.get(i), i == 0, max);
            }
        }
        b.ascii(']');
    }

    private void tag(Object marker, boolean first, int max) {
        LineBuffer b = out;
        if (!first) {
            b.ascii(json ? ',' : ' ');
        }
        if (json) {
            b.ascii('"');
        }
        string(calls.nameOf(marker), max);
        if (json) {
            b.ascii('"');
        }
    }

    /** The MDC entries, except those a key-value or the format itself overrides. */
    void mdc(LogEvent e, MdcAdapter.Context c, int max, int until, boolean fast) {
        LineBuffer b = out;
        if (fast && c.encodedFor != layout) {
            Arrays.fill(c.encoded, null);
            c.encodedFor = layout;
        }
        for (int i = 0; i < c.size && b.pos < until; i++) {
            String key = c.keys[i];
            if (e.kvCount > 0 && isKeyValue(e, key, 0) || normalizeKeys && isLaterMdcKey(c, i)) {
                continue;
            }
            byte[] cached = fast ? c.encoded[i] : null;
            if (cached != null) {
                b.raw(cached);
                continue;
            }
            int start = b.pos;
            boolean lossy = false;
            if (!layout.isTraceKey(key) && !layout.isReserved(key) && key(key, max)) {
                lossy = b.replaced;
                String value = c.values[i];
                if (value == null && json) {
                    b.raw(NULL);
                } else {
                    quotedString(value == null ? "null" : value, max);
                }
            }
            if (fast && !lossy && b.pos - start < max) {
                c.encoded[i] = Arrays.copyOfRange(b.buf, start, b.pos);
            }
        }
    }

    /** The event's key-values; of two with one key the last wins, keys the format writes are left out. */
    void keyValues(LogEvent e, int max, int until, boolean fast) {
        LineBuffer b = out;
        String[] keys = e.keys;
        for (int i = 0; i < e.kvCount && b.pos < until; i++) {
            String key = keys[i] == null ? "null" : keys[i];
            if (isKeyValue(e, key, i + 1)) {
                continue;
            }
            if (fast) {
                byte[] k;
                if (i < KV_POSITIONS && kvKeyRefs[i] == key) {
                    k = kvKeyBytes[i];
                } else {
                    k = cachedKey(key, max);
                    if (i < KV_POSITIONS && key.length() <= 256 && !b.replaced) {
                        kvKeyRefs[i] = key;
                        kvKeyBytes[i] = k;
                    }
                }
                if (k.length == 0) {
                    continue;
                }
                b.raw(k);
            } else if (layout.isReserved(key) || !key(key, max)) {
                continue;
            }
            if (json) {
                jsonValue(e.values[i], max);
            } else {
                string(calls.textOf(e.values[i]), max);
            }
        }
    }

    /**
     * The bytes that introduce a member named {@code key} (empty for a key the format writes
     * itself), from a small per-thread cache keyed by identity: keys are mostly constants.
     */
    private byte[] cachedKey(String key, int max) {
        LineBuffer b = out;
        int slot = System.identityHashCode(key) & (KEY_SLOTS - 1);
        b.replaced = false;
        if (keyRefs[slot] == key) {
            return keyBytes[slot];
        }
        byte[] bytes;
        if (layout.isReserved(key)) {
            bytes = new byte[0];
        } else {
            int start = b.pos;
            key(key, max);
            bytes = Arrays.copyOfRange(b.buf, start, b.pos);
            b.pos = start;
        }
        // A key with a lone surrogate is not kept: each event must see it to compare keys as written.
        if (key.length() <= 256 && !b.replaced) {
            keyRefs[slot] = key;
            keyBytes[slot] = bytes;
        }
        return bytes;
    }

    private boolean isKeyValue(LogEvent e, String key, int from) {
        String[] keys = e.keys;
        int n = e.kvCount;
        if (normalizeKeys) {
            String written = asWritten(key);
            for (int i = from; i < n; i++) {
                if (asWritten(keys[i] == null ? "null" : keys[i]).equals(written)) {
                    return true;
                }
            }
            return false;
        }
        int length = key.length();
        for (int i = from; i < n; i++) {
            String k = keys[i];
            if (k == key || (k == null ? key.equals("null") : k.length() == length && k.equals(key))) {
                return true;
            }
        }
        return false;
    }

    /** Whether an MDC entry after the {@code i}th has a key written the same. */
    private static boolean isLaterMdcKey(MdcAdapter.Context c, int i) {
        String written = asWritten(c.keys[i]);
        for (int j = i + 1; j < c.size; j++) {
            if (asWritten(c.keys[j]).equals(written)) {
                return true;
            }
        }
        return false;
    }

    /** {@code key} with each lone surrogate replaced by U+FFFD, as it is written. */
    private static String asWritten(String key) {
        StringBuilder b = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); ) {
            int cp = key.codePointAt(i);
            b.appendCodePoint(Character.isSurrogate((char) cp) && cp <= 0xFFFF ? 0xFFFD : cp);
            i += Character.charCount(cp);
        }
        return b.toString();
    }

    /**
     * Writes what introduces a member named {@code key}; writes nothing and returns false if the
     * key is longer than {@code max}, since two keys cut to one length could come out the same.
     * Afterwards the buffer's {@code replaced} tells whether the key had a lone surrogate.
     */
    private boolean key(String key, int max) {
        LineBuffer b = out;
        int start = b.pos;
        b.ascii(json ? ',' : ' ');
        if (json) {
            b.ascii('"');
        }
        b.beginString(max);
        b.replaced = false;
        b.text(key);
        lossyKeys |= b.replaced;
        boolean whole = !b.cut;
        b.cut = false;
        b.endString();
        if (!whole) {
            b.pos = start;
            return false;
        }
        if (json) {
            b.ascii('"');
        }
        b.ascii(json ? ':' : '=');
        return true;
    }

    private void quotedString(String value, int max) {
        if (json) {
            out.ascii('"');
            string(value, max);
            out.ascii('"');
        } else {
            string(value, max);
        }
    }

    private void string(String s, int max) {
        out.beginString(max);
        out.text(s);
        out.endString();
    }

    /** Writes a key-value value as a JSON value: numbers and booleans keep their type. */
    private void jsonValue(Object value, int maxBytes) {
        LineBuffer b = out;
        if (value instanceof String) {
            quoted(value, maxBytes);
        } else if (value == null) {
            b.raw(NULL);
        } else if (value instanceof Boolean) {
            b.raw((Boolean) value ? TRUE : FALSE);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte) {
            b.number(((Number) value).longValue());
        } else if (value.getClass() == BigInteger.class || value.getClass() == BigDecimal.class
                || (value instanceof Double || value instanceof Float)
                && Double.isFinite(((Number) value).doubleValue())) {
            // The JDK's own classes only: a subclass's toString() is application code. A number
            // longer than the value's limit becomes a string, cut like any other.
            String digits = value.toString();
            if (digits.length() <= maxBytes) {
                b.raw(digits.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            } else {
                quoted(digits, maxBytes);
            }
        } else {
            quoted(value, maxBytes);
        }
    }

    private void quoted(Object value, int maxBytes) {
        out.ascii('"');
        out.beginString(maxBytes);
        formatter.argument(value);
        out.endString();
        out.ascii('"');
    }
}
