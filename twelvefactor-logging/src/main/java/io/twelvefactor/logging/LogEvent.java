package io.twelvefactor.logging;

import java.util.Arrays;

/**
 * One logging event: the one data model every entry point fills (the classic and fluent SLF4J
 * APIs, SLF4J's replay of recorded events, {@code java.util.logging}, {@link System.Logger}) and
 * the {@link EventEncoder} reads. Reused: {@link #reset()} drops every reference to application
 * objects after the event is written. An instance belongs to one thread at a time.
 */
final class LogEvent {

    /** {@link #timestampMillis} when the event is timestamped as it is written. */
    static final long NO_TIMESTAMP = Long.MIN_VALUE;

    LoggerName logger;
    int level;
    /** The message or its {@code {}} pattern; null is written as "null". */
    String message;
    /** How many placeholders are filled: from {@link #args} when it is not null, else arg0 and arg1. */
    int argCount;
    Object arg0;
    Object arg1;
    Object[] args;
    Throwable thrown;
    /** The key-values, in {@code keys[0, kvCount)} and {@code values[0, kvCount)}. */
    String[] keys;
    Object[] values;
    int kvCount;
    /** A {@link org.slf4j.Marker}, a {@code List<Marker>}, or null. */
    Object markers;
    long timestampMillis = NO_TIMESTAMP;
    /** The thread name recorded with the event, or null for the current thread's. */
    String threadName;
    /** The thread's MDC when it has entries, else null; set when the event is written. */
    MdcAdapter.Context mdc;
    /** The current OpenTelemetry span's context when it is valid, else null; set when the event is written. */
    Object span;

    /**
     * Whether {@link #args}, {@link #keys} and {@link #values} are this event's own arrays, kept
     * and emptied by {@link #reset()} (a fluent builder's event); otherwise they are the caller's
     * and only the references are dropped.
     */
    private final boolean ownsArrays;

    /** An event that takes the caller's arrays. */
    LogEvent() {
        this.ownsArrays = false;
    }

    /** An event with arrays of its own, grown by {@link #addArgument} and {@link #addKeyValue}. */
    static LogEvent withArrays() {
        return new LogEvent(4);
    }

    private LogEvent(int capacity) {
        this.ownsArrays = true;
        this.args = new Object[capacity];
        this.keys = new String[capacity];
        this.values = new Object[capacity];
    }

    /** Fills the event of a classic call; {@code args} is null unless the call passed an array. */
    void set(LoggerName logger, int level, Object marker, String message, int argCount, Object arg0,
            Object arg1, Object[] args, Throwable thrown) {
        this.logger = logger;
        this.level = level;
        this.markers = marker;
        this.message = message;
        this.argCount = argCount;
        this.arg0 = arg0;
        this.arg1 = arg1;
        this.args = args;
        this.thrown = thrown;
    }

    /** Adds an argument to an event with its own arrays. */
    void addArgument(Object arg) {
        if (argCount == args.length) {
            args = Arrays.copyOf(args, argCount * 2);
        }
        args[argCount++] = arg;
    }

    /** Adds a key-value to an event with its own arrays. */
    void addKeyValue(String key, Object value) {
        if (kvCount == keys.length) {
            keys = Arrays.copyOf(keys, kvCount * 2);
            values = Arrays.copyOf(values, kvCount * 2);
        }
        keys[kvCount] = key;
        values[kvCount] = value;
        kvCount++;
    }

    /**
     * Makes a last argument that is a {@link Throwable}, with no exception given otherwise, the
     * event's exception, as SLF4J does.
     */
    void takeTrailingThrowable() {
        int n = argCount;
        if (thrown == null && n > 0) {
            Object last = args != null ? args[n - 1] : n == 1 ? arg0 : arg1;
            if (last instanceof Throwable) {
                thrown = (Throwable) last;
                argCount = n - 1;
            }
        }
    }

    /** Forgets the event, dropping every reference to application objects. */
    void reset() {
        if (ownsArrays) {
            Arrays.fill(args, null); // a trailing throwable may sit past argCount
            Arrays.fill(keys, 0, kvCount, null);
            Arrays.fill(values, 0, kvCount, null);
        } else {
            args = null;
            keys = null;
            values = null;
        }
        logger = null;
        message = null;
        argCount = 0;
        arg0 = null;
        arg1 = null;
        thrown = null;
        kvCount = 0;
        markers = null;
        timestampMillis = NO_TIMESTAMP;
        threadName = null;
        mdc = null;
        span = null;
    }
}
