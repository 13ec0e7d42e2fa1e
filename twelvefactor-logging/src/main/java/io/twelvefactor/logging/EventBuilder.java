package io.twelvefactor.logging;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Marker;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The fluent API's builder ({@code logger.atInfo().addKeyValue("k", 1).log("msg")}): fills its
 * own {@link LogEvent} and hands it to an {@link EventSink}. Each thread reuses one, so a fluent
 * call allocates nothing; a builder is valid from {@code atXxx()} until its {@code log(...)} call,
 * on the thread that created it, as SLF4J's own builder is meant to be used. Key-values keep their
 * Java type: numbers and booleans are written as JSON numbers and booleans.
 */
final class EventBuilder implements LoggingEventBuilder {

    private final EventSink sink;
    /** The thread that made this builder: only that thread may use it. */
    final Thread owner = Thread.currentThread();
    private final LogEvent event = LogEvent.withArrays();
    /** From {@link #start} until the event is written: a second fluent call meanwhile needs another builder. */
    boolean active;

    EventBuilder(EventSink sink) {
        this.sink = sink;
    }

    void start(LoggerName logger, int level) {
        active = true;
        event.logger = logger;
        event.level = level;
    }

    @Override
    public LoggingEventBuilder setCause(Throwable cause) {
        event.thrown = cause;
        return this;
    }

    @Override
    public LoggingEventBuilder addMarker(Marker marker) {
        Object markers = event.markers;
        if (markers == null) {
            event.markers = marker;
        } else if (markers instanceof Marker) {
            List<Marker> list = new ArrayList<>(2);
            list.add((Marker) markers);
            list.add(marker);
            event.markers = list;
        } else {
            @SuppressWarnings("unchecked")
            List<Marker> list = (List<Marker>) markers;
            list.add(marker);
        }
        return this;
    }

    @Override
    public LoggingEventBuilder addArgument(Object arg) {
        event.addArgument(arg);
        return this;
    }

    @Override
    public LoggingEventBuilder addArgument(Supplier<?> supplier) {
        return addArgument(get(supplier));
    }

    @Override
    public LoggingEventBuilder addKeyValue(String key, Object value) {
        event.addKeyValue(key, value);
        return this;
    }

    @Override
    public LoggingEventBuilder addKeyValue(String key, Supplier<Object> supplier) {
        return addKeyValue(key, get(supplier));
    }

    @Override
    public LoggingEventBuilder setMessage(String message) {
        event.message = message;
        return this;
    }

    @Override
    public LoggingEventBuilder setMessage(Supplier<String> supplier) {
        Object m = get(supplier);
        event.message = m == null ? null : CallRecorder.safeToString(m);
        return this;
    }

    @Override
    public void log() {
        try {
            sink.write(event);
        } finally {
            event.reset();
            active = false;
        }
    }

    @Override
    public void log(String message) {
        event.message = message;
        log();
    }

    @Override
    public void log(String message, Object arg) {
        event.message = message;
        event.addArgument(arg);
        log();
    }

    @Override
    public void log(String message, Object arg0, Object arg1) {
        event.message = message;
        event.addArgument(arg0);
        event.addArgument(arg1);
        log();
    }

    @Override
    public void log(String message, Object... args) {
        event.message = message;
        if (args != null) {
            for (Object arg : args) {
                event.addArgument(arg);
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
}
