package io.twelvefactor.logging;

import java.util.List;
import org.slf4j.Marker;

/**
 * Turns one event into one line of bytes, reusing its buffers: one instance per thread.
 *
 * <p>Lines longer than {@code maxLine} bytes are written again with limits: first the message
 * and the stack trace share what the other fields leave (the message first, the stack trace keeps
 * at least a quarter); if the other fields alone are too long, every value is cut to 1/32 of the
 * line, message and stack trace to 1/8, and markers, MDC entries and key-values stop at half the
 * line. A member whose key would be cut is left out. Each writing after the first takes the
 * results of application calls ({@code toString()}, ...) from the first, which made them.
 */
final class EventEncoder extends ValueWriter {

    static final long NO_TIMESTAMP = Long.MIN_VALUE;

    private final Layout layout;
    private final int maxLine;
    final EventBuilder builder;
    /** The thread this encoder was made for; only that thread may use it. */
    final Thread owner = Thread.currentThread();
    /** Set while this encoder writes an event; a nested event then uses a fresh encoder. */
    boolean busy;
    /** How many nested events are being written on this thread. */
    int nesting;
    /** Whether this is a fresh encoder for a nested event. */
    boolean nested;
    /** Where this encoder's line waits when the output is busy. */
    final Output.Slot slot = new Output.Slot();
    /** How often this encoder took the factory's recent-encoder field. */
    int claims;
    /** The owner's MDC once it has one: a thread keeps its context object for life. */
    MdcAdapter.Context mdcContext;

    // The event. Cleared after each line so no application object stays reachable.
    int level;
    StdoutLogger logger;
    String message;
    int argCount;
    Object arg0;
    Object arg1;
    Object[] args;
    Throwable thrown;
    String[] kvKeys;
    Object[] kvValues;
    int kvCount;
    /** A {@link Marker}, a {@code List<Marker>}, or null. */
    Object markers;
    long timestampMillis = NO_TIMESTAMP;
    String threadName;
    MdcAdapter.Context mdc;

    private long second;
    private int nanos;
    private String thread;
    private int msgBytes;
    private int stackBytes;
    /** Whether a key written in this writing had a lone surrogate, written as U+FFFD. */
    private boolean lossyKeys;
    /** Whether keys are told apart as written (lone surrogates as U+FFFD) rather than as strings. */
    private boolean normalizeKeys;

    private final UtcTimestamp clock;
    private static final int KEY_SLOTS = 64;
    private static final int LOGGER_SLOTS = 16;
    private final StdoutLogger[] loggerRefs = new StdoutLogger[LOGGER_SLOTS];
    private final byte[][] loggerBytes = new byte[LOGGER_SLOTS][];
    /** The thread name the logger bytes were made with. */
    private String loggerThread;
    /** The last event's key-value keys by position: a call site logs the same keys each time. */
    private static final int KV_POSITIONS = 8;
    private final String[] kvKeyRefs = new String[KV_POSITIONS];
    private final byte[][] kvKeyBytes = new byte[KV_POSITIONS][];
    private final String[] keyRefs = new String[KEY_SLOTS];
    private final byte[][] keyBytes = new byte[KEY_SLOTS][];
    private String cachedThread;
    private byte[] threadBytes = new byte[32];
    private int threadLength;

    EventEncoder(Layout layout, int maxLine, StdoutLoggerFactory factory) {
        super(layout.json);
        this.layout = layout;
        this.maxLine = maxLine;
        this.builder = new EventBuilder(factory, this);
        this.clock = new UtcTimestamp(layout.open);
    }

    /** Drops the references to the last event's objects. */
    void clearEvent() {
        logger = null;
        message = null;
        argCount = 0;
        arg0 = null;
        arg1 = null;
        args = null;
        thrown = null;
        kvKeys = null;
        kvValues = null;
        kvCount = 0;
        markers = null;
        timestampMillis = NO_TIMESTAMP;
        threadName = null;
        mdc = null;
        forgetCalls();
    }

    /** Writes the event into {@link #buf}, from 0 to {@link #pos}, ending with a newline. */
    void encode() {
        if (timestampMillis == NO_TIMESTAMP) {
            long now = clock.now();
            second = Math.floorDiv(now, 1_000_000_000L);
            nanos = (int) (now - second * 1_000_000_000L);
        } else {
            second = Math.floorDiv(timestampMillis, 1000L);
            nanos = (int) Math.floorMod(timestampMillis, 1000L) * 1_000_000;
        }
        thread = threadName != null ? threadName : Thread.currentThread().getName();
        int max = maxLine;
        lossyKeys = false;
        write(max, max, max, Integer.MAX_VALUE, true);
        if (lossyKeys) {
            // Two keys that differ only in lone surrogates are written the same: tell them apart
            // as written, so that the precedence rules still leave one member per key.
            normalizeKeys = true;
            replayCalls();
            write(max, max, max, Integer.MAX_VALUE, false);
        }
        if (pos >= max) {
            int others = pos - msgBytes - stackBytes;
            int avail = max - 1 - others - 2 * CUT_MARK.length;
            if (avail >= 64) {
                int msg = Math.min(msgBytes, avail - Math.min(stackBytes, avail / 4));
                replayCalls();
                write(max, msg, avail - msg, Integer.MAX_VALUE, false);
            }
            if (pos >= max) {
                replayCalls();
                write(max / 32, max / 8, max / 8, max / 2, false);
            }
        }
        normalizeKeys = false;
        ascii('\n');
    }

    private void write(int valueMax, int messageMax, int stackMax, int membersUntil, boolean fast) {
        reset();
        timestamp();
        raw(layout.levels[level / 10]);
        if (layout.json) {
            message(messageMax, fast);
            if (fast) {
                loggerAndThread(valueMax);
            } else {
                raw(layout.loggerKey);
                string(logger.name, valueMax);
                raw(layout.threadKey);
                string(thread, valueMax);
                ascii('"');
            }
            if (mdc != null) {
                traceFields(valueMax);
            }
        } else {
            threadName(valueMax);
            if (fast) {
                raw(logger.part);
            } else {
                raw(layout.loggerKey);
                string(logger.name, valueMax);
                raw(Layout.bytes(" - "));
            }
            message(messageMax, fast);
        }
        if (markers != null) {
            tags(valueMax, membersUntil);
        }
        if (mdc != null) {
            mdcMembers(mdc, valueMax, membersUntil, fast);
        }
        if (kvCount > 0) {
            keyValues(valueMax, membersUntil, fast);
        }
        stackBytes = 0;
        if (thrown != null) {
            error(valueMax, stackMax);
        }
        if (layout.json) {
            ascii('}');
        }
    }

    private void message(int max, boolean fast) {
        int start = pos;
        beginString(max);
        formatted(message, argCount, arg0, arg1, args, fast);
        endString();
        msgBytes = pos - start;
    }

    private void string(String s, int max) {
        beginString(max);
        text(s);
        endString();
    }

    /**
     * The logger's part, the thread name and its closing quote (JSON formats), from a small cache
     * of the bytes per logger for this thread's name.
     */
    private void loggerAndThread(int max) {
        StdoutLogger l = logger;
        int i = l.slot & (LOGGER_SLOTS - 1);
        if (loggerRefs[i] == l && loggerThread == thread) {
            raw(loggerBytes[i]);
            return;
        }
        int start = pos;
        raw(l.part);
        threadName(max);
        ascii('"');
        if (thread == cachedThread) {
            if (loggerThread != thread) {
                java.util.Arrays.fill(loggerRefs, null);
                loggerThread = thread;
            }
            loggerRefs[i] = l;
            loggerBytes[i] = java.util.Arrays.copyOfRange(buf, start, pos);
        }
    }

    private void threadName(int max) {
        String t = thread;
        if (t == cachedThread && threadLength <= max) {
            raw(threadBytes, threadLength);
            return;
        }
        int start = pos;
        string(t, max);
        int length = pos - start;
        if (max != maxLine) {
            return;
        }
        if (threadBytes.length < length) {
            threadBytes = new byte[length];
        }
        System.arraycopy(buf, start, threadBytes, 0, length);
        threadLength = length;
        cachedThread = t;
    }

    private void traceFields(int max) {
        MdcAdapter.Context c = mdc;
        for (int i = 0; i < c.size; i++) {
            String key = c.keys[i];
            String value = c.values[i];
            if (value != null && isTraceKey(key)) {
                raw(key.equals("trace_id") ? layout.traceKey : layout.spanKey);
                string(value, max);
                ascii('"');
            }
        }
    }

    private boolean isTraceKey(String key) {
        int len = key.length();
        return layout.json && (len == 8 && key.equals("trace_id") || len == 7 && key.equals("span_id"));
    }

    /** The markers' names, as many as start before {@code until}. */
    private void tags(int max, int until) {
        Object m = markers;
        raw(layout.tagsKey);
        if (m instanceof Marker) {
            tag(m, true, max);
        } else {
            List<?> list = (List<?>) m;
            for (int i = 0; i < list.size() && pos < until; i++) {
                tag(list.get(i), i == 0, max);
            }
        }
        ascii(']');
    }

    private void tag(Object marker, boolean first, int max) {
        if (!first) {
            ascii(layout.json ? ',' : ' ');
        }
        if (layout.json) {
            ascii('"');
        }
        string(nameOf(marker), max);
        if (layout.json) {
            ascii('"');
        }
    }

    /** The MDC entries, except those a key-value or the format itself overrides. */
    private void mdcMembers(MdcAdapter.Context c, int max, int until, boolean fast) {
        if (fast && c.encodedFor != layout) {
            java.util.Arrays.fill(c.encoded, null);
            c.encodedFor = layout;
        }
        for (int i = 0; i < c.size && pos < until; i++) {
            String key = c.keys[i];
            if (kvCount > 0 && isKeyValue(key, 0) || normalizeKeys && isLaterMdcKey(c, i)) {
                continue;
            }
            byte[] cached = fast ? c.encoded[i] : null;
            if (cached != null) {
                raw(cached);
                continue;
            }
            int start = pos;
            boolean lossy = false;
            if (!isTraceKey(key) && !layout.isReserved(key) && key(key, max)) {
                lossy = replaced;
                String value = c.values[i];
                if (value == null && layout.json) {
                    raw(NULL);
                } else {
                    quotedString(value == null ? "null" : value, max);
                }
            }
            if (fast && !lossy && pos - start < max) {
                c.encoded[i] = java.util.Arrays.copyOfRange(buf, start, pos);
            }
        }
    }

    /** The event's key-values; of two with one key the last wins, keys the format writes are left out. */
    private void keyValues(int max, int until, boolean fast) {
        for (int i = 0; i < kvCount && pos < until; i++) {
            String key = kvKeys[i] == null ? "null" : kvKeys[i];
            if (isKeyValue(key, i + 1)) {
                continue;
            }
            if (fast) {
                byte[] k;
                if (i < KV_POSITIONS && kvKeyRefs[i] == key) {
                    k = kvKeyBytes[i];
                } else {
                    k = cachedKey(key, max);
                    if (i < KV_POSITIONS && key.length() <= 256 && !replaced) {
                        kvKeyRefs[i] = key;
                        kvKeyBytes[i] = k;
                    }
                }
                if (k.length == 0) {
                    continue;
                }
                raw(k);
            } else {
                if (layout.isReserved(key) || !key(key, max)) {
                    continue;
                }
            }
            if (layout.json) {
                jsonValue(kvValues[i], max);
            } else {
                string(textOf(kvValues[i]), max);
            }
        }
    }

    /**
     * The bytes that introduce a member named {@code key} (empty for a key the format writes
     * itself), from a small per-thread cache keyed by identity: keys are mostly constants.
     */
    private byte[] cachedKey(String key, int max) {
        int slot = System.identityHashCode(key) & (KEY_SLOTS - 1);
        replaced = false;
        if (keyRefs[slot] == key) {
            return keyBytes[slot];
        }
        byte[] bytes;
        if (layout.isReserved(key)) {
            bytes = new byte[0];
        } else {
            int start = pos;
            key(key, max);
            bytes = java.util.Arrays.copyOfRange(buf, start, pos);
            pos = start;
        }
        // A key with a lone surrogate is not kept: each event must see it to compare keys as written.
        if (key.length() <= 256 && !replaced) {
            keyRefs[slot] = key;
            keyBytes[slot] = bytes;
        }
        return bytes;
    }

    private boolean isKeyValue(String key, int from) {
        if (normalizeKeys) {
            String written = asWritten(key);
            for (int i = from; i < kvCount; i++) {
                if (asWritten(kvKeys[i] == null ? "null" : kvKeys[i]).equals(written)) {
                    return true;
                }
            }
            return false;
        }
        int length = key.length();
        for (int i = from; i < kvCount; i++) {
            String k = kvKeys[i];
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
        key.codePoints().forEach(cp -> b.appendCodePoint(Character.isSurrogate((char) cp) && cp <= 0xFFFF
                ? 0xFFFD : cp));
        return b.toString();
    }

    /**
     * Writes what introduces a member named {@code key}; writes nothing and returns false if the
     * key is longer than {@code max}, since two keys cut to one length could come out the same.
     * Afterwards {@link #replaced} tells whether the key had a lone surrogate.
     */
    private boolean key(String key, int max) {
        int start = pos;
        ascii(layout.json ? ',' : ' ');
        if (layout.json) {
            ascii('"');
        }
        beginString(max);
        replaced = false;
        text(key);
        lossyKeys |= replaced;
        boolean whole = !cut;
        cut = false;
        endString();
        if (!whole) {
            pos = start;
            return false;
        }
        if (layout.json) {
            ascii('"');
        }
        ascii(layout.json ? ':' : '=');
        return true;
    }

    private void quotedString(String value, int max) {
        if (layout.json) {
            ascii('"');
            string(value, max);
            ascii('"');
        } else {
            string(value, max);
        }
    }

    private void error(int max, int stackMax) {
        Throwable t = thrown;
        if (layout.errorTypeKey != null) {
            raw(layout.errorTypeKey);
            string(typeName(t), max);
            ascii('"');
            String text = messageOf(t);
            if (text != null) {
                raw(layout.errorMessageKey);
                string(text, max);
                ascii('"');
            }
        }
        if (layout.json) {
            raw(layout.stackTraceKey);
        } else {
            ascii('\n');
        }
        int start = pos;
        beginString(stackMax);
        stackTrace(t);
        endString();
        stackBytes = pos - start;
        if (layout.json) {
            ascii('"');
        }
    }

    /** Writes the format's opening, then the UTC time as {@code 2026-11-22T02:49:49.123456Z}. */
    private void timestamp() {
        ensure(clock.length());
        pos = clock.write(buf, pos, second, nanos);
    }
}
