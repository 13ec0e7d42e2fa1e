package io.twelvefactor.logging;

import java.util.Arrays;

/**
 * The message formatter: writes a pattern with each {@code {}} replaced by the next argument,
 * following SLF4J's rules ({@code \{}} is a literal {@code {}}, {@code \\{}} a backslash then the
 * argument), into the current string of a {@link LineBuffer}. Keeps a small per-thread cache of
 * the escaped pieces of recent patterns. One instance per encoder.
 */
final class MessageFormatter {

    private static final byte[] PLACEHOLDER = {'{', '}'};
    private static final int PATTERN_SLOTS = 64;

    private final LineBuffer out;
    private final CallRecorder calls;
    private final String[] patternRefs = new String[PATTERN_SLOTS];
    private final byte[][][] patternPieces = new byte[PATTERN_SLOTS][][];
    /**
     * Per pattern slot: the bytes that lead its message (the format's level bytes) with its first
     * piece after them, so that the two are one copy; built for the first lead the pattern is
     * written with (a call site keeps its level), and only used with that same lead.
     */
    private final byte[][] headLeads = new byte[PATTERN_SLOTS][];
    private final byte[][] heads = new byte[PATTERN_SLOTS][];

    MessageFormatter(LineBuffer out, CallRecorder calls) {
        this.out = out;
        this.calls = calls;
    }

    /**
     * Writes {@code lead} (fixed bytes of the format, outside the message), then {@code pattern}
     * with its first {@code argCount} placeholders replaced: by {@code args[i]} when {@code args}
     * is not null, else by {@code a0} and {@code a1}. {@code cached} allows the pattern cache
     * (the first, unlimited writing of an event).
     */
    void format(byte[] lead, String pattern, int argCount, Object a0, Object a1, Object[] args, boolean cached) {
        // A surrogate pair split between the pattern and an argument, or two arguments, is one
        // character in the message, as in SLF4J's own formatting.
        LineBuffer b = out;
        b.joining = true;
        try {
            pieces(lead, pattern, argCount, a0, a1, args, cached);
        } finally {
            b.flushPending();
            b.joining = false;
        }
    }

    private void pieces(byte[] lead, String pattern, int argCount, Object a0, Object a1, Object[] args,
            boolean cached) {
        LineBuffer b = out;
        if (cached && argCount > 0 && pattern != null) {
            int slot = System.identityHashCode(pattern) & (PATTERN_SLOTS - 1);
            byte[][] pieces = pieces(pattern, slot);
            if (pieces != null) {
                b.raw(head(slot, lead, pieces[0]));
                for (int i = 1; i < pieces.length; i++) {
                    if (i <= argCount) {
                        argument(args != null ? args[i - 1] : i == 1 ? a0 : a1);
                    } else {
                        b.flushPending();
                        b.raw(PLACEHOLDER);
                    }
                    byte[] piece = pieces[i];
                    if (piece.length > 0) {
                        b.flushPending();
                        b.raw(piece);
                    }
                }
                return;
            }
        }
        b.raw(lead);
        if (pattern == null) {
            b.text("null");
            return;
        }
        int from = 0;
        int len = pattern.length();
        int next = 0;
        while (next < argCount && !b.cut) {
            int j = pattern.indexOf("{}", from);
            if (j < 0) {
                break;
            }
            if (j > 0 && pattern.charAt(j - 1) == '\\') {
                if (j > 1 && pattern.charAt(j - 2) == '\\') {
                    b.text(pattern, from, j - 1);
                } else {
                    b.text(pattern, from, j - 1);
                    b.text("{");
                    from = j + 1;
                    continue;
                }
            } else {
                b.text(pattern, from, j);
            }
            Object arg = args != null ? args[next] : next == 0 ? a0 : a1;
            next++;
            argument(arg);
            from = j + 2;
        }
        b.text(pattern, from, len);
    }

    /**
     * The escaped text between the {@code {}} of a pattern without backslashes or surrogates,
     * from a small per-thread cache keyed by identity (patterns are mostly constants); null for
     * other patterns.
     */
    private byte[][] pieces(String pattern, int slot) {
        if (patternRefs[slot] == pattern) {
            return patternPieces[slot];
        }
        headLeads[slot] = null;
        heads[slot] = null;
        if (pattern.length() > 1024 || pattern.indexOf('\\') >= 0 || hasSurrogate(pattern)) {
            patternRefs[slot] = pattern;
            patternPieces[slot] = null;
            return null;
        }
        int count = 1;
        for (int j = pattern.indexOf("{}"); j >= 0; j = pattern.indexOf("{}", j + 2)) {
            count++;
        }
        LineBuffer b = out;
        byte[][] pieces = new byte[count][];
        int from = 0;
        int start = b.pos;
        int end = b.stringEnd;
        b.stringEnd = Integer.MAX_VALUE - 64;
        for (int i = 0; i < count; i++) {
            int j = i == count - 1 ? pattern.length() : pattern.indexOf("{}", from);
            b.text(pattern, from, j);
            pieces[i] = Arrays.copyOfRange(b.buf, start, b.pos);
            b.pos = start;
            from = j + 2;
        }
        b.stringEnd = end;
        patternRefs[slot] = pattern;
        patternPieces[slot] = pieces;
        return pieces;
    }

    /** {@code lead} then {@code first}, as one array when the slot's head was built for this lead. */
    private byte[] head(int slot, byte[] lead, byte[] first) {
        byte[] head = heads[slot];
        if (head != null && headLeads[slot] == lead) {
            return head;
        }
        if (head != null) {
            out.raw(lead); // another level than the one the head was built for: two copies
            return first;
        }
        head = Arrays.copyOf(lead, lead.length + first.length);
        System.arraycopy(first, 0, head, lead.length, first.length);
        headLeads[slot] = lead;
        heads[slot] = head;
        return head;
    }

    private static boolean hasSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** Writes an argument's text inside a string: strings and integers as they are, else {@code toString()}. */
    void argument(Object arg) {
        LineBuffer b = out;
        if (arg instanceof String) {
            b.text((String) arg);
        } else if (arg instanceof Integer || arg instanceof Long || arg instanceof Short || arg instanceof Byte) {
            b.textNumber(((Number) arg).longValue());
        } else {
            b.text(calls.textOf(arg));
        }
    }
}
