package io.twelvefactor.logging;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.event.KeyValuePair;

/**
 * The loggers of one configuration and one output, and the path every event takes: the calling
 * thread formats the event into its own reused buffer, outside any lock, then hands the line to
 * the {@link Output}. Nothing runs application code while holding the output lock, so a
 * {@code toString()} that logs cannot deadlock; a nested event is written by a fresh encoder, and
 * events nested deeper than {@link #MAX_NESTING} are dropped to stop runaway recursion.
 */
final class StdoutLoggerFactory implements ILoggerFactory {

    static final int MAX_NESTING = 3;

    final LogConfig config;
    final MdcAdapter mdc;
    private final Layout layout;
    private final Output output;
    private final ConcurrentMap<String, StdoutLogger> loggers = new ConcurrentHashMap<>();
    private final ThreadLocal<EventEncoder> encoders = new ThreadLocal<>();

    StdoutLoggerFactory(LogConfig config, MdcAdapter mdc, OutputStream out, LogConfig.Problems problems) {
        this.config = config;
        this.mdc = mdc;
        this.layout = new Layout(config.format, config.gcpProject);
        this.output = new Output(out, problems);
    }

    /** The MDC of the process-wide factory; SLF4J may ask for it before the factory exists. */
    static final MdcAdapter SYSTEM_MDC = new MdcAdapter();

    /** The process-wide factory: the process environment, the stdout file descriptor, stderr. */
    static StdoutLoggerFactory system() {
        return SystemHolder.INSTANCE;
    }

    private static final class SystemHolder {
        static final StdoutLoggerFactory INSTANCE = create();

        private static StdoutLoggerFactory create() {
            LogConfig.Problems stderr = StdoutLoggerFactory::reportOnStderr;
            LogConfig config = new LogConfig(System.getenv(), stderr);
            return new StdoutLoggerFactory(config, SYSTEM_MDC,
                    new FileOutputStream(FileDescriptor.out), stderr);
        }
    }

    static void reportOnStderr(String line) {
        byte[] bytes = ("twelvefactor-logging: " + line + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            FileOutputStream err = new FileOutputStream(FileDescriptor.err);
            err.write(bytes);
        } catch (java.io.IOException e) {
            // stderr is gone too: nothing left to tell.
        }
    }

    @Override
    public Logger getLogger(String name) {
        return logger(name);
    }

    StdoutLogger logger(String name) {
        String key = name == null ? "" : name;
        StdoutLogger logger = loggers.get(key);
        if (logger == null) {
            logger = loggers.computeIfAbsent(key,
                    n -> new StdoutLogger(n, config.levelOf(n), layout.loggerPart(n), this));
        }
        return logger;
    }

    /**
     * The encoder of a thread that logged recently, which a thread that does most of the logging
     * finds here without a thread-local lookup. Each encoder claims this field only its first few
     * times, so that threads taking turns don't keep writing to one shared field.
     */
    private EventEncoder recent;

    private EventEncoder encoder() {
        EventEncoder e = recent;
        if (e != null && e.owner == Thread.currentThread()) {
            return e;
        }
        return threadEncoder();
    }

    private EventEncoder threadEncoder() {
        EventEncoder e = encoders.get();
        if (e == null) {
            e = newEncoder();
            encoders.set(e);
        }
        if (e.claims < 4) {
            e.claims++;
            recent = e;
        }
        return e;
    }

    private EventEncoder newEncoder() {
        return new EventEncoder(layout, config.maxLineBytes, this);
    }

    /** Writes one event from the classic API; {@code args} is null unless the call passed an array. */
    void log(StdoutLogger logger, int level, Object marker, String message, int argCount,
            Object arg0, Object arg1, Object[] args, Throwable thrown) {
        EventEncoder e = acquire(encoder());
        if (e == null) {
            return;
        }
        try {
            e.logger = logger;
            e.level = level;
            e.markers = marker;
            e.message = message;
            e.argCount = argCount;
            e.arg0 = arg0;
            e.arg1 = arg1;
            e.args = args;
            e.thrown = thrown;
            emit(e);
        } finally {
            release(e);
        }
    }

    /** Writes the event a fluent builder collected. */
    void log(EventBuilder b) {
        EventEncoder own = b.encoder;
        EventEncoder e = acquire(own != null && own.owner == Thread.currentThread() ? own : encoder());
        if (e == null) {
            return;
        }
        try {
            e.logger = b.logger;
            e.level = b.level;
            e.markers = b.markers;
            e.message = b.message;
            e.argCount = b.argCount;
            e.args = b.args;
            e.thrown = b.thrown;
            e.kvKeys = b.keys;
            e.kvValues = b.values;
            e.kvCount = b.kvCount;
            emit(e);
        } finally {
            release(e);
        }
    }

    /**
     * Writes an event recorded elsewhere (SLF4J's replay of early events, DefaultLoggingEventBuilder,
     * or the application's own {@link org.slf4j.event.LoggingEvent}, whose getters may fail).
     */
    void log(StdoutLogger logger, org.slf4j.event.LoggingEvent event) {
        int level;
        String[] keys;
        Object[] values;
        Object[] args;
        List<?> markers;
        String message;
        Throwable thrown;
        long time;
        String threadName;
        try {
            org.slf4j.event.Level l = event == null ? null : event.getLevel();
            if (l == null || l.toInt() < logger.threshold) {
                return;
            }
            level = l.toInt();
            List<KeyValuePair> pairs = event.getKeyValuePairs();
            int n = pairs == null ? 0 : pairs.size();
            keys = new String[n];
            values = new Object[n];
            for (int i = 0; i < n; i++) {
                KeyValuePair pair = pairs.get(i);
                keys[i] = pair == null ? null : pair.key;
                values[i] = pair == null ? null : pair.value;
            }
            args = event.getArgumentArray();
            markers = event.getMarkers();
            message = event.getMessage();
            thrown = event.getThrowable();
            time = event.getTimeStamp();
            threadName = event.getThreadName();
        } catch (Throwable t) {
            output.dropped(t);
            return;
        }
        EventEncoder e = acquire(encoder());
        if (e == null) {
            return;
        }
        try {
            e.logger = logger;
            e.level = level;
            e.markers = markers == null || markers.isEmpty() ? null : markers;
            e.message = message;
            e.args = args;
            e.argCount = args == null ? 0 : args.length;
            e.thrown = thrown;
            e.kvKeys = keys;
            e.kvValues = values;
            e.kvCount = keys.length;
            e.timestampMillis = time > 0 ? time : EventEncoder.NO_TIMESTAMP;
            e.threadName = threadName;
            emit(e);
        } finally {
            release(e);
        }
    }

    /** Writes an already formatted message (JUL, System.Logger); {@code millis} may be NO_TIMESTAMP. */
    void logFormatted(StdoutLogger logger, int level, String message, Throwable thrown, long millis) {
        EventEncoder e = acquire(encoder());
        if (e == null) {
            return;
        }
        try {
            e.logger = logger;
            e.level = level;
            e.message = message;
            e.thrown = thrown;
            e.timestampMillis = millis;
            emit(e);
        } finally {
            release(e);
        }
    }

    /** A builder for {@code logger.atInfo()} and friends: the thread's own unless it is in use. */
    EventBuilder builder(StdoutLogger logger, int level) {
        EventBuilder b = encoder().builder;
        if (b.active) {
            b = new EventBuilder(this, null);
        }
        b.start(logger, level);
        return b;
    }

    /**
     * The thread's encoder, or a fresh one for an event logged while the thread's is busy (a
     * {@code toString()} that logs), or null when such nesting is too deep. {@code own} is the
     * calling thread's encoder.
     */
    private EventEncoder acquire(EventEncoder own) {
        if (!own.busy) {
            own.busy = true;
            return own;
        }
        if (own.nesting >= MAX_NESTING) {
            return null;
        }
        own.nesting++;
        EventEncoder nested = newEncoder();
        nested.nested = true;
        nested.busy = true;
        return nested;
    }

    private void release(EventEncoder e) {
        e.clearEvent();
        e.busy = false;
        if (e.nested) {
            encoder().nesting--;
        }
    }

    private void emit(EventEncoder e) {
        try {
            Throwable thrown = e.thrown;
            int argCount = e.argCount;
            if (thrown == null && argCount > 0) {
                Object last = e.args != null ? e.args[argCount - 1] : argCount == 1 ? e.arg0 : e.arg1;
                if (last instanceof Throwable) {
                    e.thrown = (Throwable) last;
                    e.argCount = argCount - 1;
                }
            }
            MdcAdapter.Context context = e.mdcContext;
            if (context == null) {
                context = mdc.current();
                e.mdcContext = context;
            }
            e.mdc = context != null && context.size > 0 ? context : null;
            e.encode();
        } catch (Throwable t) {
            output.dropped(t);
            return;
        }
        output.write(e.buf, e.pos, e.slot);
    }

    /** The configuration's variables, for tests: {@code env} instead of the process environment. */
    static StdoutLoggerFactory create(Map<String, String> env, OutputStream out, LogConfig.Problems problems) {
        return new StdoutLoggerFactory(new LogConfig(env, problems), new MdcAdapter(), out, problems);
    }
}
