package io.twelvefactor.logging;

import java.util.Arrays;

/**
 * Turns one {@link LogEvent} into one line of bytes in its {@link LineBuffer}: one instance per
 * thread, reusing its buffers. It writes the fixed fields itself and hands the message to the
 * {@link MessageFormatter}, markers, MDC entries and key-values to the {@link MemberWriter}, and
 * the exception to the {@link StackTraceWriter}; all of them write into the one buffer and call
 * application code through the one {@link CallRecorder}.
 *
 * <p>Lines longer than {@code maxLine} bytes are written again with limits: first the message
 * and the stack trace share what the other fields leave (the message first, the stack trace keeps
 * at least a quarter, and is shortened by {@link StackTraceWriter#writeWithin}); if the other
 * fields alone are too long, every value is cut to 1/32 of the line, message and stack trace to
 * 1/8, and markers, MDC entries and key-values stop at half the line. A member whose key would be
 * cut is left out. Each writing after the first takes the results of application calls
 * ({@code toString()}, ...) from the first, which made them.
 */
final class EventEncoder {

    private static final int LOGGER_SLOTS = 16;
    private static final byte[] NOTHING = new byte[0];

    /** The line, from 0 to {@code out.pos} once {@link #encode} returns. */
    final LineBuffer out;
    private final Layout layout;
    private final int maxLine;
    private final CallRecorder calls = new CallRecorder();
    private final MessageFormatter formatter;
    private final MemberWriter members;
    private final StackTraceWriter stack;
    private final UtcTimestamp clock;

    // The event being written, and what its first writing measured.
    private LogEvent event;
    /** The event's time: from the clock, or (recorded timestamps) as second and nanoseconds. */
    private long now;
    private long second;
    private int nanos;
    private String thread;
    private int msgBytes;
    private int stackBytes;
    private int firstStackBytes;

    private final LoggerName[] loggerRefs = new LoggerName[LOGGER_SLOTS];
    private final byte[][] loggerBytes = new byte[LOGGER_SLOTS][];
    /** The thread name the logger bytes were made with. */
    private String loggerThread;
    private String cachedThread;
    private byte[] threadBytes = new byte[32];
    private int threadLength;
    /**
     * Per logger slot, for events that end with the trace fields (nothing of their own after the
     * message but the logger, thread and span): the bytes from the message's end to the closing
     * brace, for this thread's name and the span in {@link #tailSpans}; so those events end with one
     * copy. Valid where {@code tailRefs[i]} is the logger; reused buffers, so a new span costs no
     * allocation.
     */
    private final LoggerName[] tailRefs = new LoggerName[LOGGER_SLOTS];
    private final Object[] tailSpans = new Object[LOGGER_SLOTS];
    private final byte[][] tailBytes = new byte[LOGGER_SLOTS][];
    private final int[] tailLengths = new int[LOGGER_SLOTS];
    /** The span context whose trace fields {@link #spanBytes} holds (immutable, not the application's). */
    private Object lastSpan;
    private byte[] spanBytes = new byte[128];
    private int spanLength;

    EventEncoder(Layout layout, LogConfig config) {
        this.layout = layout;
        this.maxLine = config.maxLineBytes;
        this.out = new LineBuffer(layout.json);
        this.formatter = new MessageFormatter(out, calls);
        this.members = new MemberWriter(out, calls, formatter, layout);
        this.stack = new StackTraceWriter(out, calls, config.stackMaxFrames, config.stackFold);
        this.clock = new UtcTimestamp(layout.open);
    }

    /**
     * Writes {@code e} into {@link #out}, from 0 to its {@code pos}, ending with a newline. The
     * event is only read; {@link #forget} drops what the encoder kept of it.
     */
    void encode(LogEvent e) {
        event = e;
        if (e.timestampMillis == LogEvent.NO_TIMESTAMP) {
            now = clock.now();
        } else {
            second = Math.floorDiv(e.timestampMillis, 1000L);
            nanos = (int) Math.floorMod(e.timestampMillis, 1000L) * 1_000_000;
        }
        thread = e.threadName != null ? e.threadName : Thread.currentThread().getName();
        int max = maxLine;
        LineBuffer b = out;
        members.lossyKeys = false;
        write(max, max, max, Integer.MAX_VALUE, true);
        firstStackBytes = stackBytes;
        if (members.lossyKeys) {
            // Two keys that differ only in lone surrogates are written the same: tell them apart
            // as written, so that the precedence rules still leave one member per key.
            members.normalizeKeys = true;
            calls.replay();
            write(max, max, max, Integer.MAX_VALUE, false);
        }
        if (b.pos >= max) {
            int others = b.pos - msgBytes - stackBytes;
            int avail = max - 1 - others - 2 * LineBuffer.CUT_MARK.length;
            if (avail >= 64) {
                int msg = Math.min(msgBytes, avail - Math.min(stackBytes, avail / 4));
                calls.replay();
                write(max, msg, avail - msg, Integer.MAX_VALUE, false);
            }
            if (b.pos >= max) {
                calls.replay();
                write(max / 32, max / 8, max / 8, max / 2, false);
            }
        }
        members.normalizeKeys = false;
        b.ascii('\n');
    }

    /** Drops the references to the last event's objects. */
    void forget() {
        event = null;
        thread = null;
        calls.forget();
    }

    private void write(int valueMax, int messageMax, int stackMax, int membersUntil, boolean fast) {
        LogEvent e = event;
        LineBuffer b = out;
        Layout l = layout;
        b.reset();
        b.ensure(clock.length());
        b.pos = e.timestampMillis == LogEvent.NO_TIMESTAMP
                ? clock.write(b.buf, b.pos, now)
                : clock.write(b.buf, b.pos, second, nanos);
        stackBytes = 0;
        byte[] level = l.levels[e.level / 10];
        if (l.json) {
            message(level, messageMax, fast);
            if (fast && e.markers == null && e.mdc == null && e.kvCount == 0 && e.thrown == null) {
                tail(valueMax);
                return;
            }
            if (fast) {
                loggerAndThread(valueMax);
            } else {
                b.raw(l.loggerKey);
                string(e.logger.name, valueMax);
                b.raw(l.threadKey);
                string(thread, valueMax);
                b.ascii('"');
            }
            if (e.mdc != null || e.span != null) {
                traceFields(e, valueMax, fast);
            }
        } else {
            b.raw(level);
            threadName(valueMax);
            if (fast) {
                b.raw(e.logger.part);
            } else {
                b.raw(l.loggerKey);
                string(e.logger.name, valueMax);
                b.raw(Layout.TEXT_LOGGER_END);
            }
            message(NOTHING, messageMax, fast);
        }
        if (e.markers != null) {
            members.tags(e.markers, valueMax, membersUntil);
        }
        if (e.mdc != null) {
            members.mdc(e, e.mdc, valueMax, membersUntil, fast);
        }
        if (e.kvCount > 0) {
            members.keyValues(e, valueMax, membersUntil, fast);
        }
        if (e.thrown != null) {
            error(e.thrown, valueMax, stackMax, fast);
        }
        if (l.json) {
            b.ascii('}');
        }
    }

    /** The message, after {@code lead}: the format's bytes before it, written with its first piece. */
    private void message(byte[] lead, int max, boolean fast) {
        LogEvent e = event;
        int start = out.pos + lead.length;
        out.beginString(lead.length, max);
        formatter.format(lead, e.message, e.argCount, e.arg0, e.arg1, e.args, fast);
        out.endString();
        msgBytes = out.pos - start;
    }

    private void string(String s, int max) {
        out.beginString(max);
        out.text(s);
        out.endString();
    }

    /**
     * The logger's part, the thread name and its closing quote (JSON formats), from a small cache
     * of the bytes per logger for this thread's name.
     */
    private void loggerAndThread(int max) {
        LineBuffer b = out;
        LoggerName l = event.logger;
        int i = l.slot & (LOGGER_SLOTS - 1);
        if (loggerRefs[i] == l && loggerThread == thread) {
            b.raw(loggerBytes[i]);
            return;
        }
        int start = b.pos;
        b.raw(l.part);
        threadName(max);
        b.ascii('"');
        if (thread == cachedThread) {
            if (loggerThread != thread) {
                Arrays.fill(loggerRefs, null);
                Arrays.fill(tailRefs, null);
                loggerThread = thread;
            }
            loggerRefs[i] = l;
            loggerBytes[i] = Arrays.copyOfRange(b.buf, start, b.pos);
        }
    }

    /**
     * The end of a JSON event that has nothing after its trace fields: the logger's part, the
     * thread name, the trace fields and the closing brace, from the slot's tail when it was made for
     * this logger, thread name and span.
     */
    private void tail(int max) {
        LineBuffer b = out;
        LogEvent e = event;
        LoggerName l = e.logger;
        Object span = e.span;
        int i = l.slot & (LOGGER_SLOTS - 1);
        if (tailRefs[i] == l && tailSpans[i] == span && loggerThread == thread) {
            b.raw(tailBytes[i], tailLengths[i]);
            return;
        }
        int start = b.pos;
        loggerAndThread(max);
        if (span != null) {
            traceFields(e, max, true);
        }
        b.ascii('}');
        if (loggerRefs[i] == l && loggerThread == thread) {
            // The logger's bytes were kept for this thread name: keep the whole tail with them.
            int length = b.pos - start;
            byte[] bytes = tailBytes[i];
            if (bytes == null || bytes.length < length) {
                bytes = new byte[length];
                tailBytes[i] = bytes;
            }
            System.arraycopy(b.buf, start, bytes, 0, length);
            tailLengths[i] = length;
            tailSpans[i] = span;
            tailRefs[i] = l;
        }
    }

    private void threadName(int max) {
        LineBuffer b = out;
        String t = thread;
        if (t == cachedThread && threadLength <= max) {
            b.raw(threadBytes, threadLength);
            return;
        }
        int start = b.pos;
        string(t, max);
        int length = b.pos - start;
        if (max != maxLine) {
            return;
        }
        if (threadBytes.length < length) {
            threadBytes = new byte[length];
        }
        System.arraycopy(b.buf, start, threadBytes, 0, length);
        threadLength = length;
        cachedThread = t;
    }

    /**
     * The trace fields: from the MDC's {@code trace_id} and {@code span_id} when it has a
     * {@code trace_id} (what the application put there wins), else from the current span, with
     * its sampled flag where the format has one.
     */
    private void traceFields(LogEvent e, int max, boolean fast) {
        LineBuffer b = out;
        Layout l = layout;
        String traceId = null;
        String spanId = null;
        MdcAdapter.Context c = e.mdc;
        if (c != null) {
            for (int i = 0; i < c.size; i++) {
                String key = c.keys[i];
                String value = c.values[i];
                if (value != null && l.isTraceKey(key)) {
                    if (key.length() == 8) {
                        traceId = value;
                    } else {
                        spanId = value;
                    }
                }
            }
        }
        Object span = traceId == null ? e.span : null;
        int start = b.pos;
        if (span != null) {
            if (span == lastSpan && fast) {
                b.raw(spanBytes, spanLength);
                return;
            }
            traceId = CurrentSpan.traceId(span);
            spanId = CurrentSpan.spanId(span);
        }
        if (traceId != null) {
            b.raw(l.traceKey);
            string(traceId, max);
            b.ascii('"');
        }
        if (spanId != null) {
            b.raw(l.spanKey);
            string(spanId, max);
            b.ascii('"');
        }
        if (span != null && l.sampledKey != null) {
            b.raw(CurrentSpan.isSampled(span) ? l.sampledKey : l.notSampledKey);
        }
        if (span != null && fast) {
            // A span usually sees several events: keep its fields' bytes for the next one.
            int length = b.pos - start;
            if (spanBytes.length < length) {
                spanBytes = new byte[length];
            }
            System.arraycopy(b.buf, start, spanBytes, 0, length);
            spanLength = length;
            lastSpan = span;
        }
    }

    private void error(Throwable t, int max, int stackMax, boolean fast) {
        LineBuffer b = out;
        Layout l = layout;
        if (l.errorTypeKey != null) {
            b.raw(l.errorTypeKey);
            string(t.getClass().getName(), max);
            b.ascii('"');
            String text = calls.messageOf(t);
            if (text != null) {
                b.raw(l.errorMessageKey);
                string(text, max);
                b.ascii('"');
            }
        }
        if (l.json) {
            b.raw(l.stackTraceKey);
        } else {
            b.ascii('\n');
        }
        int start = b.pos;
        b.beginString(stackMax);
        if (fast || firstStackBytes <= stackMax) {
            stack.write(t);
        } else {
            stack.writeWithin(t, stackMax);
        }
        b.endString();
        stackBytes = b.pos - start;
        if (l.json) {
            b.ascii('"');
        }
    }
}
