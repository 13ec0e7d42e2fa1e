package io.twelvefactor.logging;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * Writes the parts of an event that come from application objects: the message with its
 * {@code {}} placeholders, argument and key-value values, and stack traces. Every call into
 * application code ({@code toString()}, {@code getMessage()}, ...) is guarded, so a misbehaving
 * object turns into a marker text instead of an exception.
 */
class ValueWriter extends LineBuffer {

    private static final String FAILED = "[FAILED toString()]";
    private static final int MAX_SUPPRESSED_DEPTH = 8;
    private static final StackTraceElement[] NO_FRAMES = new StackTraceElement[0];

    private Throwable[] seen = new Throwable[16];
    private int seenCount;
    private boolean firstLine;

    ValueWriter(boolean json) {
        super(json);
    }

    // Calls into application objects during one event, with their results in call order. An
    // oversized line is written again with limits; that writing takes the results from here, so
    // no toString() runs twice (one that logs would log twice) and both writings see one text.
    private static final int TO_STRING = 0;
    private static final int MESSAGE = 1;
    private static final int FRAMES = 2;
    private static final int SUPPRESSED = 3;
    private static final int CAUSE = 4;
    private static final int MARKER_NAME = 5;
    private static final int RETAINED_CALLS = 256;
    private Object[] calledOn = new Object[8];
    private Object[] results = new Object[8];
    private byte[] kinds = new byte[8];
    private int calls;
    /** -1 while an event is written the first time; then where the next result is looked for. */
    private int replayFrom = -1;

    /**
     * Starts another writing of the same event, which takes the results the first writing
     * recorded (an event's first writing records: {@link #forgetCalls} ends every event).
     */
    final void replayCalls() {
        replayFrom = 0;
    }

    /** Drops the recorded calls and their objects. */
    final void forgetCalls() {
        if (calls > 0) {
            if (calledOn.length > RETAINED_CALLS) {
                calledOn = new Object[8];
                results = new Object[8];
                kinds = new byte[8];
            } else {
                Arrays.fill(calledOn, 0, calls, null);
                Arrays.fill(results, 0, calls, null);
            }
            calls = 0;
        }
        replayFrom = -1;
    }

    /** The result of {@code kind} on {@code on}: recorded by the first writing, or called now. */
    private Object call(int kind, Object on) {
        if (replayFrom >= 0) {
            // A later writing makes the same calls in the same order, skipping some.
            for (int i = replayFrom; i < calls; i++) {
                if (calledOn[i] == on && kinds[i] == kind) {
                    replayFrom = i + 1;
                    return results[i];
                }
            }
        }
        Object result = invoke(kind, on);
        if (replayFrom < 0) {
            if (calls == calledOn.length) {
                calledOn = Arrays.copyOf(calledOn, calls * 2);
                results = Arrays.copyOf(results, calls * 2);
                kinds = Arrays.copyOf(kinds, calls * 2);
            }
            calledOn[calls] = on;
            results[calls] = result;
            kinds[calls] = (byte) kind;
            calls++;
        }
        return result;
    }

    private static Object invoke(int kind, Object on) {
        switch (kind) {
            case TO_STRING: return safeToString(on);
            case MESSAGE: return safeMessage((Throwable) on);
            case FRAMES: return frames((Throwable) on);
            case SUPPRESSED: return suppressed((Throwable) on);
            case CAUSE: return cause((Throwable) on);
            default: return markerName(on);
        }
    }

    /** {@link #safeToString} of an application object, called once per event. */
    final String textOf(Object o) {
        return o == null ? "null" : (String) call(TO_STRING, o);
    }

    /** {@link #safeMessage} of an exception, called once per event. */
    final String messageOf(Throwable t) {
        return (String) call(MESSAGE, t);
    }

    /** A marker's name ("null" for a null marker or name), called once per event. */
    final String nameOf(Object marker) {
        return marker == null ? "null" : (String) call(MARKER_NAME, marker);
    }

    private static String markerName(Object marker) {
        if (!(marker instanceof org.slf4j.Marker)) {
            return safeToString(marker);
        }
        try {
            String name = ((org.slf4j.Marker) marker).getName();
            return name == null ? "null" : name;
        } catch (Throwable t) {
            return "[FAILED getName()]";
        }
    }

    /**
     * Writes {@code pattern} with each {@code {}} replaced by the next argument, following
     * SLF4J's rules: {@code \{}} is a literal {@code {}}, {@code \\{}} a backslash then the argument.
     */
    final void formatted(String pattern, int argCount, Object a0, Object a1, Object[] args, boolean cached) {
        // A surrogate pair split between the pattern and an argument, or two arguments, is one
        // character in the message, as in SLF4J's own formatting.
        joining = true;
        try {
            pieces(pattern, argCount, a0, a1, args, cached);
        } finally {
            flushPending();
            joining = false;
        }
    }

    private void pieces(String pattern, int argCount, Object a0, Object a1, Object[] args, boolean cached) {
        if (pattern == null) {
            text("null");
            return;
        }
        if (cached && argCount > 0) {
            byte[][] pieces = pieces(pattern);
            if (pieces != null) {
                raw(pieces[0]);
                for (int i = 1; i < pieces.length; i++) {
                    if (i <= argCount) {
                        argument(args != null ? args[i - 1] : i == 1 ? a0 : a1);
                    } else {
                        flushPending();
                        raw(PLACEHOLDER);
                    }
                    byte[] piece = pieces[i];
                    if (piece.length > 0) {
                        flushPending();
                        raw(piece);
                    }
                }
                return;
            }
        }
        int from = 0;
        int len = pattern.length();
        int next = 0;
        while (next < argCount && !cut) {
            int j = pattern.indexOf("{}", from);
            if (j < 0) {
                break;
            }
            if (j > 0 && pattern.charAt(j - 1) == '\\') {
                if (j > 1 && pattern.charAt(j - 2) == '\\') {
                    text(pattern, from, j - 1);
                } else {
                    text(pattern, from, j - 1);
                    text("{");
                    from = j + 1;
                    continue;
                }
            } else {
                text(pattern, from, j);
            }
            Object arg = args != null ? args[next] : next == 0 ? a0 : a1;
            next++;
            argument(arg);
            from = j + 2;
        }
        text(pattern, from, len);
    }

    private static final byte[] PLACEHOLDER = {'{', '}'};
    private static final int PATTERN_SLOTS = 64;
    private final String[] patternRefs = new String[PATTERN_SLOTS];
    private final byte[][][] patternPieces = new byte[PATTERN_SLOTS][][];

    /**
     * The escaped text between the {@code {}} of a pattern without backslashes or surrogates,
     * from a small per-thread cache keyed by identity (patterns are mostly constants); null for
     * other patterns.
     */
    private byte[][] pieces(String pattern) {
        int slot = System.identityHashCode(pattern) & (PATTERN_SLOTS - 1);
        if (patternRefs[slot] == pattern) {
            return patternPieces[slot];
        }
        if (pattern.length() > 1024 || pattern.indexOf('\\') >= 0 || hasSurrogate(pattern)) {
            patternRefs[slot] = pattern;
            patternPieces[slot] = null;
            return null;
        }
        int count = 1;
        for (int j = pattern.indexOf("{}"); j >= 0; j = pattern.indexOf("{}", j + 2)) {
            count++;
        }
        byte[][] pieces = new byte[count][];
        int from = 0;
        int start = pos;
        int end = stringEnd;
        stringEnd = Integer.MAX_VALUE - 64;
        for (int i = 0; i < count; i++) {
            int j = i == count - 1 ? pattern.length() : pattern.indexOf("{}", from);
            text(pattern, from, j);
            pieces[i] = Arrays.copyOfRange(buf, start, pos);
            pos = start;
            from = j + 2;
        }
        stringEnd = end;
        patternRefs[slot] = pattern;
        patternPieces[slot] = pieces;
        return pieces;
    }

    private static boolean hasSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** Writes an argument's text inside a string. */
    final void argument(Object arg) {
        if (arg instanceof String) {
            text((String) arg);
        } else if (arg instanceof Integer || arg instanceof Long || arg instanceof Short || arg instanceof Byte) {
            textNumber(((Number) arg).longValue());
        } else {
            text(textOf(arg));
        }
    }

    /** Writes a key-value value as a JSON value: numbers and booleans keep their type. */
    final void jsonValue(Object value, int maxBytes) {
        if (value instanceof String) {
            quoted(value, maxBytes);
        } else if (value == null) {
            raw(NULL);
        } else if (value instanceof Boolean) {
            raw((Boolean) value ? TRUE : FALSE);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte) {
            number(((Number) value).longValue());
        } else if (value.getClass() == BigInteger.class || value.getClass() == BigDecimal.class
                || (value instanceof Double || value instanceof Float)
                && Double.isFinite(((Number) value).doubleValue())) {
            // The JDK's own classes only: a subclass's toString() is application code. A number
            // longer than the value's limit becomes a string, cut like any other.
            String digits = value.toString();
            if (digits.length() <= maxBytes) {
                raw(digits.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            } else {
                quoted(digits, maxBytes);
            }
        } else {
            quoted(value, maxBytes);
        }
    }

    private void quoted(Object value, int maxBytes) {
        ascii('"');
        beginString(maxBytes);
        argument(value);
        endString();
        ascii('"');
    }

    static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

    static String safeToString(Object o) {
        if (o == null) {
            return "null";
        }
        try {
            String s;
            if (o instanceof Object[]) {
                s = Arrays.deepToString((Object[]) o);
            } else if (o.getClass().isArray()) {
                s = primitiveArrayToString(o);
            } else {
                s = o.toString();
            }
            return s == null ? "null" : s;
        } catch (Throwable t) {
            return FAILED;
        }
    }

    private static String primitiveArrayToString(Object a) {
        if (a instanceof int[]) {
            return Arrays.toString((int[]) a);
        } else if (a instanceof long[]) {
            return Arrays.toString((long[]) a);
        } else if (a instanceof byte[]) {
            return Arrays.toString((byte[]) a);
        } else if (a instanceof char[]) {
            return Arrays.toString((char[]) a);
        } else if (a instanceof short[]) {
            return Arrays.toString((short[]) a);
        } else if (a instanceof boolean[]) {
            return Arrays.toString((boolean[]) a);
        } else if (a instanceof float[]) {
            return Arrays.toString((float[]) a);
        }
        return Arrays.toString((double[]) a);
    }

    /** The exception's class name, or a marker when even that fails. */
    static String typeName(Throwable t) {
        return t.getClass().getName();
    }

    /** The exception's message, or null; a throwing {@code getMessage()} yields a marker. */
    static String safeMessage(Throwable t) {
        try {
            return t.getMessage();
        } catch (Throwable e) {
            return "[FAILED getMessage()]";
        }
    }

    /**
     * Writes {@code t} the way {@link Throwable#printStackTrace()} does, without a trailing
     * newline: causes and suppressed exceptions included, frames shared with the enclosing trace
     * folded to "... n more", a cause seen before written as "[CIRCULAR REFERENCE: ...]".
     * Stops early once the string is cut.
     */
    final void stackTrace(Throwable t) {
        seenCount = 0;
        firstLine = true;
        chain(t, NO_FRAMES, "", "", 0);
        Arrays.fill(seen, 0, seenCount, null);
        seenCount = 0;
    }

    private void chain(Throwable t, StackTraceElement[] enclosing, String caption, String prefix, int depth) {
        StackTraceElement[] outer = enclosing;
        String cap = caption;
        while (t != null && !cut) {
            if (isSeen(t)) {
                line(prefix);
                text(cap);
                text("[CIRCULAR REFERENCE: ");
                text(textOf(t));
                text("]");
                return;
            }
            markSeen(t);
            StackTraceElement[] trace = (StackTraceElement[]) call(FRAMES, t);
            int m = trace.length - 1;
            int n = outer.length - 1;
            while (m >= 0 && n >= 0 && java.util.Objects.equals(trace[m], outer[n])) {
                m--;
                n--;
            }
            int common = trace.length - 1 - m;
            line(prefix);
            text(cap);
            text(textOf(t));
            for (int i = 0; i <= m && !cut; i++) {
                line(prefix);
                text("\tat ");
                text(String.valueOf(trace[i]));
            }
            if (common != 0) {
                line(prefix);
                text("\t... ");
                textNumber(common);
                text(" more");
            }
            if (depth < MAX_SUPPRESSED_DEPTH) {
                for (Throwable s : (Throwable[]) call(SUPPRESSED, t)) {
                    chain(s, trace, "Suppressed: ", prefix + "\t", depth + 1);
                }
            }
            outer = trace;
            cap = "Caused by: ";
            t = (Throwable) call(CAUSE, t);
        }
    }

    private void line(String prefix) {
        if (!firstLine) {
            text("\n");
        }
        firstLine = false;
        text(prefix);
    }

    private boolean isSeen(Throwable t) {
        for (int i = 0; i < seenCount; i++) {
            if (seen[i] == t) {
                return true;
            }
        }
        return false;
    }

    private void markSeen(Throwable t) {
        if (seenCount == seen.length) {
            seen = Arrays.copyOf(seen, seenCount * 2);
        }
        seen[seenCount++] = t;
    }

    private static StackTraceElement[] frames(Throwable t) {
        try {
            StackTraceElement[] frames = t.getStackTrace();
            return frames == null ? NO_FRAMES : frames;
        } catch (Throwable e) {
            return NO_FRAMES;
        }
    }

    private static Throwable[] suppressed(Throwable t) {
        try {
            return t.getSuppressed();
        } catch (Throwable e) {
            return new Throwable[0];
        }
    }

    private static Throwable cause(Throwable t) {
        try {
            Throwable c = t.getCause();
            return c == t ? null : c;
        } catch (Throwable e) {
            return null;
        }
    }
}
