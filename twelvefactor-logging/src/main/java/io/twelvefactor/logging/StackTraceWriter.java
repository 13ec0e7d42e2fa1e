package io.twelvefactor.logging;

import java.util.Arrays;

/**
 * The stack-trace writer: writes an exception into the current string of a {@link LineBuffer},
 * the way {@link Throwable#printStackTrace()} does (causes and suppressed exceptions, frames shared
 * with the enclosing trace folded to "... n more", a cause seen before written as
 * "[CIRCULAR REFERENCE: ...]"), with the operator's settings applied: at most
 * {@code LOG_STACK_MAX_FRAMES} frames per exception, runs of frames from the packages of
 * {@code LOG_STACK_FOLD} folded to one line (an exception's first frame always shows).
 *
 * <p>When the trace must fit fewer bytes than it takes ({@link #writeWithin}), what survives is,
 * in this order: the outermost exception's type, message and top frames; the root cause's type,
 * message and top frames; then the causes in between with their top frames, outermost first.
 * What is cut is counted where it was ("... 42 frames omitted", "... 997 causes omitted"), so a
 * 1000-deep chain still shows both ends. Suppressed exceptions are left out of such a trace.
 *
 * <p>One instance per encoder; every call into the exceptions goes through its
 * {@link CallRecorder}.
 */
final class StackTraceWriter {

    private static final int MAX_SUPPRESSED_DEPTH = 8;
    /** Room kept for one "... n frames omitted" line. */
    private static final int OMISSION_BYTES = 40;
    private static final String CAUSED_BY = "Caused by: ";

    private final LineBuffer out;
    private final CallRecorder calls;
    private final int maxFrames;
    /** Package prefixes whose frames are folded, each ending with '.'. */
    private final String[] fold;

    private static final int FRAME_SLOTS = 256;
    private static final int MAX_FRAME_BYTES = 512;
    private final StackTraceElement[] frameKeys = new StackTraceElement[FRAME_SLOTS];
    private final byte[][] frameBytes = new byte[FRAME_SLOTS][];

    private Throwable[] seen = new Throwable[16];
    private int seenCount;
    private boolean firstLine;
    private Throwable[] chain = new Throwable[16];
    private StackTraceElement[][] traces = new StackTraceElement[16][];

    StackTraceWriter(LineBuffer out, CallRecorder calls, int maxFrames, String[] fold) {
        this.out = out;
        this.calls = calls;
        this.maxFrames = maxFrames;
        this.fold = fold;
    }

    /**
     * Writes the whole trace of {@code t}, without a trailing newline; stops early once the
     * current string is cut.
     */
    void write(Throwable t) {
        seenCount = 0;
        firstLine = true;
        try {
            chain(t, CallRecorder.NO_FRAMES, "", "", 0);
        } finally {
            Arrays.fill(seen, 0, seenCount, null);
            seenCount = 0;
        }
    }

    private void chain(Throwable t, StackTraceElement[] enclosing, String caption, String prefix, int depth) {
        LineBuffer b = out;
        StackTraceElement[] outer = enclosing;
        String cap = caption;
        while (t != null && !b.cut) {
            if (isSeen(t)) {
                line(prefix);
                b.text(cap);
                b.text("[CIRCULAR REFERENCE: ");
                calls.writeText(t, b);
                b.text("]");
                return;
            }
            markSeen(t);
            StackTraceElement[] trace = calls.framesOf(t);
            int unique = unique(trace, outer);
            line(prefix);
            b.text(cap);
            calls.writeText(t, b);
            frames(trace, unique, prefix, Integer.MAX_VALUE);
            if (depth < MAX_SUPPRESSED_DEPTH) {
                for (Throwable s : calls.suppressedOf(t)) {
                    chain(s, trace, "Suppressed: ", prefix + "\t", depth + 1);
                }
            }
            outer = trace;
            cap = CAUSED_BY;
            t = calls.causeOf(t);
        }
    }

    /**
     * Writes the trace of {@code t} in at most {@code budget} bytes of the current string,
     * keeping the parts that matter most (see the class comment).
     */
    void writeWithin(Throwable t, int budget) {
        int n = collect(t);
        try {
            LineBuffer b = out;
            int start = b.pos;
            int room = Math.max(0, budget - 2 * OMISSION_BYTES - LineBuffer.CUT_MARK.length);
            firstLine = true;
            String outerText = calls.throwableText(chain[0]);
            if (n == 1) {
                part(0, "", outerText, room / 4, room);
                return;
            }
            String rootText = calls.throwableText(chain[n - 1]);
            // The root's part is measured where it would go, then rolled back, so that the outer
            // exception and the causes in between leave room for it.
            int mark = b.pos;
            firstLine = false;
            part(n - 1, CAUSED_BY, rootText, room / 4, room / 2);
            int rootSize = b.pos - mark;
            b.pos = mark;
            b.cut = false;
            firstLine = true;
            part(0, "", outerText, room / 4, room - rootSize);
            int shown = 0;
            for (int i = 1; i < n - 1; i++) {
                int left = room - rootSize - (b.pos - start);
                if (left < OMISSION_BYTES) {
                    break;
                }
                int before = b.pos;
                String text = calls.throwableText(chain[i]);
                boolean whole = part(i, CAUSED_BY, text, left / 2, left);
                if (!whole || b.pos - start + rootSize > room) {
                    b.pos = before;
                    b.cut = false;
                    break;
                }
                shown++;
            }
            if (shown < n - 2) {
                line("");
                b.text("\t... ");
                b.textNumber(n - 2 - shown);
                b.text(" causes omitted");
            }
            part(n - 1, CAUSED_BY, rootText, room / 4, room / 2);
        } finally {
            Arrays.fill(chain, 0, n, null);
            Arrays.fill(traces, 0, n, null);
        }
    }

    /** Puts the distinct exceptions of {@code t}'s cause chain in {@link #chain}; returns how many. */
    private int collect(Throwable t) {
        int n = 0;
        seenCount = 0;
        try {
            while (t != null && !isSeen(t)) {
                markSeen(t);
                if (n == chain.length) {
                    chain = Arrays.copyOf(chain, n * 2);
                    traces = Arrays.copyOf(traces, n * 2);
                }
                chain[n] = t;
                traces[n] = calls.framesOf(t);
                n++;
                t = calls.causeOf(t);
            }
        } finally {
            Arrays.fill(seen, 0, seenCount, null);
            seenCount = 0;
        }
        return n;
    }

    /**
     * One exception of the chain: its line ({@code caption} and {@code text}, cut to
     * {@code headerMax} bytes), then its top frames, all within {@code allowance} bytes.
     * Returns whether the line was written whole.
     */
    private boolean part(int i, String caption, String text, int headerMax, int allowance) {
        LineBuffer b = out;
        int start = b.pos;
        line("");
        int saved = b.narrow(Math.max(headerMax, 1));
        b.text(caption);
        b.text(text);
        boolean whole = !b.widen(saved);
        StackTraceElement[] trace = traces[i];
        int unique = unique(trace, i == 0 ? CallRecorder.NO_FRAMES : traces[i - 1]);
        frames(trace, unique, "", start + allowance);
        return whole;
    }

    /** How many of {@code trace}'s frames, from the top, are not shared with {@code outer}'s last ones. */
    private static int unique(StackTraceElement[] trace, StackTraceElement[] outer) {
        int m = trace.length - 1;
        int n = outer.length - 1;
        while (m >= 0 && n >= 0 && java.util.Objects.equals(trace[m], outer[n])) {
            m--;
            n--;
        }
        return m + 1;
    }

    /**
     * Writes {@code trace}'s first {@code unique} frames, folded and capped by the settings, then
     * "... n more" for the rest; a frame line that would end past {@code end} (less the room for
     * the omission lines) is not written, and the frames left are counted as omitted.
     */
    private void frames(StackTraceElement[] trace, int unique, String prefix, int end) {
        LineBuffer b = out;
        int limit = end == Integer.MAX_VALUE ? Integer.MAX_VALUE : end - 2 * OMISSION_BYTES;
        int shown = 0;
        int i = 0;
        while (i < unique && !b.cut) {
            if (shown >= maxFrames) {
                break;
            }
            int before = b.pos;
            int run = i == 0 ? 0 : folded(trace, i, unique);
            if (run > 0) {
                line(prefix);
                b.text("\t... ");
                b.textNumber(run);
                b.text(" frames folded");
            } else {
                frameLine(prefix, trace[i]);
            }
            if (b.pos > limit) {
                b.pos = before;
                b.cut = false;
                break;
            }
            if (run > 0) {
                i += run;
            } else {
                i++;
                shown++;
            }
        }
        if (i < unique) {
            line(prefix);
            b.text("\t... ");
            b.textNumber(unique - i);
            b.text(" frames omitted");
        }
        int common = trace.length - unique;
        if (common != 0) {
            line(prefix);
            b.text("\t... ");
            b.textNumber(common);
            b.text(" more");
        }
    }

    /**
     * Writes a frame's line: "\tat " and the frame as {@link StackTraceElement#toString()} does.
     * An exception logged again and again (a failing dependency) repeats its frames, and
     * {@code toString()} is most of what a trace costs: so the bytes of each frame's line, with
     * the line break before it, are kept in a small per-thread table keyed by the frame's value,
     * and copied when an equal frame comes again (the frames of a cause chain; a suppressed
     * exception's lines carry a prefix and are written each time).
     */
    private void frameLine(String prefix, StackTraceElement f) {
        LineBuffer b = out;
        if (firstLine || !prefix.isEmpty() || f == null) {
            line(prefix);
            b.text("\tat ");
            b.text(String.valueOf(f));
            return;
        }
        int slot = f.hashCode() & (FRAME_SLOTS - 1);
        StackTraceElement known = frameKeys[slot];
        if (known != null && (known == f || known.equals(f))) {
            byte[] bytes = frameBytes[slot];
            if (b.pos + bytes.length <= b.stringEnd) {
                b.raw(bytes);
                return;
            }
        }
        int start = b.pos;
        b.replaced = false;
        b.lineBreak();
        b.text("\tat ");
        b.text(f.toString());
        if (!b.cut && !b.replaced && b.pos - start <= MAX_FRAME_BYTES) {
            frameKeys[slot] = f;
            frameBytes[slot] = Arrays.copyOfRange(b.buf, start, b.pos);
        }
    }

    /** The length of the run of folded frames from {@code i}, 0 if frame {@code i} is not folded. */
    private int folded(StackTraceElement[] trace, int i, int end) {
        if (fold.length == 0) {
            return 0;
        }
        int j = i;
        while (j < end && isFolded(trace[j])) {
            j++;
        }
        return j - i;
    }

    private boolean isFolded(StackTraceElement frame) {
        String className = frame == null ? null : frame.getClassName();
        if (className == null) {
            return false;
        }
        for (String p : fold) {
            if (className.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    private void line(String prefix) {
        if (!firstLine) {
            out.lineBreak();
        }
        firstLine = false;
        out.text(prefix);
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
}
