package io.twelvefactor.logging;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Marker;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The fluent API's builder ({@code logger.atInfo().addKeyValue("k", 1).log("msg")}). Each thread
 * reuses one, so a fluent call allocates nothing; a builder is valid from {@code atXxx()} until its
 * {@code log(...)} call, on the thread that created it, as SLF4J's own builder is meant to be used.
 * Key-values keep their Java type: numbers and booleans are written as JSON numbers and booleans.
 */
final class EventBuilder implements LoggingEventBuilder {

    private final StdoutLoggerFactory factory;
    /** The encoder this builder belongs to, or null for a builder made while that one was busy. */
    final EventEncoder encoder;
    boolean active;
    StdoutLogger logger;
    int level;
    String message;
    Object[] args = new Object[4];
    int argCount;
    String[] keys = new String[4];
    Object[] values = new Object[4];
    int kvCount;
    Throwable thrown;
    /** Null, one {@link Marker}, or a {@code List<Marker>}. */
    Object markers;

    EventBuilder(StdoutLoggerFactory factory, EventEncoder encoder) {
        this.factory = factory;
        this.encoder = encoder;
    }

    void start(StdoutLogger logger, int level) {
        this.active = true;
        this.logger = logger;
        this.level = level;
    }

    @Override
    public LoggingEventBuilder setCause(Throwable cause) {
        thrown = cause;
        return this;
    }

    @Override
    public LoggingEventBuilder addMarker(Marker marker) {
        if (markers == null) {
            markers = marker;
        } else if (markers instanceof Marker) {
            List<Marker> list = new ArrayList<>(2);
            list.add((Marker) markers);
            list.add(marker);
            markers = list;
        } else {
            @SuppressWarnings("unchecked")
            List<Marker> list = (List<Marker>) markers;
            list.add(marker);
        }
        return this;
    }

    @Override
    public LoggingEventBuilder addArgument(Object arg) {
        if (argCount == args.length) {
            args = Arrays.copyOf(args, argCount * 2);
        }
        args[argCount++] = arg;
        return this;
    }

    @Override
    public LoggingEventBuilder addArgument(Supplier<?> supplier) {
        return addArgument(get(supplier));
    }

    @Override
    public LoggingEventBuilder addKeyValue(String key, Object value) {
        if (kvCount == keys.length) {
            keys = Arrays.copyOf(keys, kvCount * 2);
            values = Arrays.copyOf(values, kvCount * 2);
        }
        keys[kvCount] = key;
        values[kvCount] = value;
        kvCount++;
        return this;
    }

    @Override
    public LoggingEventBuilder addKeyValue(String key, Supplier<Object> supplier) {
        return addKeyValue(key, get(supplier));
    }

    @Override
    public LoggingEventBuilder setMessage(String message) {
        this.message = message;
        return this;
    }

    @Override
    public LoggingEventBuilder setMessage(Supplier<String> supplier) {
        Object m = get(supplier);
        this.message = m == null ? null : ValueWriter.safeToString(m);
        return this;
    }

    @Override
    public void log() {
        try {
            factory.log(this);
        } finally {
            reset();
        }
    }

    @Override
    public void log(String message) {
        this.message = message;
        log();
    }

    @Override
    public void log(String message, Object arg) {
        this.message = message;
        addArgument(arg);
        log();
    }

    @Override
    public void log(String message, Object arg0, Object arg1) {
        this.message = message;
        addArgument(arg0);
        addArgument(arg1);
        log();
    }

    @Override
    public void log(String message, Object... args) {
        this.message = message;
        if (args != null) {
            for (Object arg : args) {
                addArgument(arg);
            }
        }
        log();
    }

    @Override
    public void log(Supplier<String> messageSupplier) {
        setMessage(messageSupplier);
        log();
    }

    private static Object get(Supplier<?> supplier) {
        try {
            return supplier == null ? null : supplier.get();
        } catch (RuntimeException e) {
            return "[FAILED Supplier.get(): " + e.getClass().getName() + "]";
        }
    }

    private void reset() {
        for (int i = 0; i < argCount; i++) {
            args[i] = null;
        }
        for (int i = 0; i < kvCount; i++) {
            keys[i] = null;
            values[i] = null;
        }
        argCount = 0;
        kvCount = 0;
        message = null;
        thrown = null;
        markers = null;
        logger = null;
        active = false;
    }
}
