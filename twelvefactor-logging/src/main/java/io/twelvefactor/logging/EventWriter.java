package io.twelvefactor.logging;

import java.util.List;
import org.slf4j.event.KeyValuePair;

/**
 * The path every event takes: an entry point fills a {@link LogEvent}, the calling thread's
 * {@link EventEncoder} formats it into the thread's own reused buffer, outside any lock, and the
 * {@link Output} writes the line. Nothing runs application code while holding the output lock, so
 * a {@code toString()} that logs cannot deadlock; a nested event is written with a fresh event and
 * encoder, and events nested deeper than {@link #MAX_NESTING} are dropped to stop runaway
 * recursion. Thread-safe.
 */
final class EventWriter implements EventSink {

    static final int MAX_NESTING = 3;

    private final Layout layout;
    private final LogConfig config;
    private final MdcAdapter mdc;
    private final Output output;
    /** Whether events carry the current span: the format has trace fields and the API is there. */
    private final boolean spans;
    private final ThreadLocal<ThreadState> states = new ThreadLocal<>();
    /**
     * The state of a thread that logged recently, which a thread that does most of the logging
     * finds here without a thread-local lookup. Each state claims this field only its first few
     * times, so that threads taking turns don't keep writing to one shared field.
     */
    private ThreadState recent;

    EventWriter(Layout layout, LogConfig config, MdcAdapter mdc, Output output) {
        this.layout = layout;
        this.config = config;
        this.mdc = mdc;
        this.output = output;
        this.spans = layout.json && CurrentSpan.PRESENT;
    }

    /** Writes one event of the classic API; {@code args} is null unless the call passed an array. */
    void log(LoggerName logger, int level, Object marker, String message, int argCount, Object arg0,
            Object arg1, Object[] args, Throwable thrown) {
        ThreadState s = state();
        LogEvent e = s.busy ? new LogEvent() : s.event;
        e.set(logger, level, marker, message, argCount, arg0, arg1, args, thrown);
        try {
            write(s, e);
        } finally {
            e.reset();
        }
    }

    /** Writes a message formatted elsewhere (JUL, System.Logger); {@code millis} may be NO_TIMESTAMP. */
    void logFormatted(LoggerName logger, int level, String message, Throwable thrown, long millis) {
        ThreadState s = state();
        LogEvent e = s.busy ? new LogEvent() : s.event;
        e.set(logger, level, null, message, 0, null, null, null, thrown);
        e.timestampMillis = millis;
        try {
            write(s, e);
        } finally {
            e.reset();
        }
    }

    /**
     * Writes an event recorded elsewhere (SLF4J's replay of early events, DefaultLoggingEventBuilder,
     * or the application's own {@link org.slf4j.event.LoggingEvent}, whose getters may fail), if
     * its level reaches {@code threshold}.
     */
    void replay(LoggerName logger, int threshold, org.slf4j.event.LoggingEvent event) {
        ThreadState s = state();
        LogEvent e = s.busy ? new LogEvent() : s.event;
        try {
            org.slf4j.event.Level l = event == null ? null : event.getLevel();
            if (l == null || l.toInt() < threshold) {
                return;
            }
            List<KeyValuePair> pairs = event.getKeyValuePairs();
            int n = pairs == null ? 0 : pairs.size();
            String[] keys = new String[n];
            Object[] values = new Object[n];
            for (int i = 0; i < n; i++) {
                KeyValuePair pair = pairs.get(i);
                keys[i] = pair == null ? null : pair.key;
                values[i] = pair == null ? null : pair.value;
            }
            Object[] args = event.getArgumentArray();
            List<?> markers = event.getMarkers();
            e.set(logger, l.toInt(), markers == null || markers.isEmpty() ? null : markers, event.getMessage(),
                    args == null ? 0 : args.length, null, null, args, event.getThrowable());
            e.keys = keys;
            e.values = values;
            e.kvCount = n;
            long time = event.getTimeStamp();
            e.timestampMillis = time > 0 ? time : LogEvent.NO_TIMESTAMP;
            e.threadName = event.getThreadName();
        } catch (Throwable t) {
            e.reset();
            output.dropped(t);
            return;
        }
        try {
            write(s, e);
        } finally {
            e.reset();
        }
    }

    /** A builder for {@code logger.atInfo()} and friends: the thread's own unless it is in use. */
    EventBuilder builder(LoggerName logger, int level) {
        EventBuilder b = state().builder;
        if (b.active) {
            b = new EventBuilder(this);
        }
        b.start(logger, level);
        return b;
    }

    /** Writes the event a fluent builder filled. */
    @Override
    public void write(LogEvent event) {
        write(state(), event);
    }

    private ThreadState state() {
        ThreadState s = recent;
        if (s != null && s.owner == Thread.currentThread()) {
            return s;
        }
        return threadState();
    }

    private ThreadState threadState() {
        ThreadState s = states.get();
        if (s == null) {
            s = new ThreadState(new EventEncoder(layout, config), this);
            states.set(s);
        }
        if (s.claims < 4) {
            s.claims++;
            recent = s;
        }
        return s;
    }

    /** Writes {@code e} with the thread's encoder, or a fresh one while that one is busy. */
    private void write(ThreadState s, LogEvent e) {
        if (!s.busy) {
            s.busy = true;
            try {
                emit(s, s.encoder, s.slot, e);
            } finally {
                s.encoder.forget();
                s.busy = false;
            }
        } else if (s.nesting < MAX_NESTING) {
            s.nesting++;
            try {
                emit(s, new EventEncoder(layout, config), new Output.Slot(), e);
            } finally {
                s.nesting--;
            }
        }
    }

    private void emit(ThreadState s, EventEncoder encoder, Output.Slot slot, LogEvent e) {
        try {
            e.takeTrailingThrowable();
            MdcAdapter.Context context = s.mdcContext;
            if (context == null) {
                context = mdc.current();
                s.mdcContext = context;
            }
            e.mdc = context != null && context.size > 0 ? context : null;
            if (CurrentSpan.PRESENT && spans && e.threadName == null) {
                e.span = CurrentSpan.context();
            }
            encoder.encode(e);
        } catch (Throwable t) {
            output.dropped(t);
            return;
        }
        LineBuffer line = encoder.out;
        output.write(line.buf, line.pos, slot);
    }
}
