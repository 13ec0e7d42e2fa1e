package io.twelvefactor.logging;

import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.spi.LoggingEventAware;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The SLF4J logger of this provider; obtain it through {@code LoggerFactory.getLogger}, never
 * directly. Its level is fixed when it is created (levels come from the environment only), so a
 * disabled call costs one field read and a compare; enabled calls format and write the event
 * before they return, without allocating.
 *
 * <p>The class is public only because SLF4J replays the events logged while it initialises by
 * calling {@link #log(LoggingEvent)} reflectively, which requires a public class.
 *
 * <p>Thread-safe.
 */
public final class StdoutLogger implements Logger, LoggingEventAware {

    final String name;
    /** Events below this level are dropped; {@link LogConfig#OFF} drops all. */
    final int threshold;
    /** The name as events carry it. */
    private final LoggerName id;
    private final EventWriter writer;

    StdoutLogger(LoggerName id, int threshold, EventWriter writer) {
        this.name = id.name;
        this.id = id;
        this.threshold = threshold;
        this.writer = writer;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public boolean isEnabledForLevel(Level level) {
        return level != null && level.toInt() >= threshold;
    }

    @Override
    public LoggingEventBuilder makeLoggingEventBuilder(Level level) {
        return writer.builder(id, level.toInt());
    }

    @Override
    public void log(LoggingEvent event) {
        writer.replay(id, threshold, event);
    }

    /** Logs a record from another API (JUL, System.Logger) whose message is already formatted. */
    void logFormatted(int level, String message, Throwable thrown, long millis) {
        if (level >= threshold) {
            writer.logFormatted(id, level, message, thrown, millis);
        }
    }

    @Override
    public String toString() {
        return "StdoutLogger[" + name + "]";
    }

    @Override
    public boolean isTraceEnabled() {
        return LogConfig.TRACE >= threshold;
    }

    @Override
    public boolean isTraceEnabled(Marker marker) {
        return LogConfig.TRACE >= threshold;
    }

    @Override
    public void trace(String msg) {
        log(LogConfig.TRACE, null, msg, 0, null, null, null);
    }

    @Override
    public void trace(String format, Object arg) {
        log(LogConfig.TRACE, null, format, 1, arg, null, null);
    }

    @Override
    public void trace(String format, Object arg1, Object arg2) {
        log(LogConfig.TRACE, null, format, 2, arg1, arg2, null);
    }

    @Override
    public void trace(String format, Object... arguments) {
        logArray(LogConfig.TRACE, null, format, arguments);
    }

    @Override
    public void trace(String msg, Throwable t) {
        log(LogConfig.TRACE, null, msg, 0, null, null, t);
    }

    @Override
    public void trace(Marker marker, String msg) {
        log(LogConfig.TRACE, marker, msg, 0, null, null, null);
    }

    @Override
    public void trace(Marker marker, String format, Object arg) {
        log(LogConfig.TRACE, marker, format, 1, arg, null, null);
    }

    @Override
    public void trace(Marker marker, String format, Object arg1, Object arg2) {
        log(LogConfig.TRACE, marker, format, 2, arg1, arg2, null);
    }

    @Override
    public void trace(Marker marker, String format, Object... arguments) {
        logArray(LogConfig.TRACE, marker, format, arguments);
    }

    @Override
    public void trace(Marker marker, String msg, Throwable t) {
        log(LogConfig.TRACE, marker, msg, 0, null, null, t);
    }

    @Override
    public boolean isDebugEnabled() {
        return LogConfig.DEBUG >= threshold;
    }

    @Override
    public boolean isDebugEnabled(Marker marker) {
        return LogConfig.DEBUG >= threshold;
    }

    @Override
    public void debug(String msg) {
        log(LogConfig.DEBUG, null, msg, 0, null, null, null);
    }

    @Override
    public void debug(String format, Object arg) {
        log(LogConfig.DEBUG, null, format, 1, arg, null, null);
    }

    @Override
    public void debug(String format, Object arg1, Object arg2) {
        log(LogConfig.DEBUG, null, format, 2, arg1, arg2, null);
    }

    @Override
    public void debug(String format, Object... arguments) {
        logArray(LogConfig.DEBUG, null, format, arguments);
    }

    @Override
    public void debug(String msg, Throwable t) {
        log(LogConfig.DEBUG, null, msg, 0, null, null, t);
    }

    @Override
    public void debug(Marker marker, String msg) {
        log(LogConfig.DEBUG, marker, msg, 0, null, null, null);
    }

    @Override
    public void debug(Marker marker, String format, Object arg) {
        log(LogConfig.DEBUG, marker, format, 1, arg, null, null);
    }

    @Override
    public void debug(Marker marker, String format, Object arg1, Object arg2) {
        log(LogConfig.DEBUG, marker, format, 2, arg1, arg2, null);
    }

    @Override
    public void debug(Marker marker, String format, Object... arguments) {
        logArray(LogConfig.DEBUG, marker, format, arguments);
    }

    @Override
    public void debug(Marker marker, String msg, Throwable t) {
        log(LogConfig.DEBUG, marker, msg, 0, null, null, t);
    }

    @Override
    public boolean isInfoEnabled() {
        return LogConfig.INFO >= threshold;
    }

    @Override
    public boolean isInfoEnabled(Marker marker) {
        return LogConfig.INFO >= threshold;
    }

    @Override
    public void info(String msg) {
        log(LogConfig.INFO, null, msg, 0, null, null, null);
    }

    @Override
    public void info(String format, Object arg) {
        log(LogConfig.INFO, null, format, 1, arg, null, null);
    }

    @Override
    public void info(String format, Object arg1, Object arg2) {
        log(LogConfig.INFO, null, format, 2, arg1, arg2, null);
    }

    @Override
    public void info(String format, Object... arguments) {
        logArray(LogConfig.INFO, null, format, arguments);
    }

    @Override
    public void info(String msg, Throwable t) {
        log(LogConfig.INFO, null, msg, 0, null, null, t);
    }

    @Override
    public void info(Marker marker, String msg) {
        log(LogConfig.INFO, marker, msg, 0, null, null, null);
    }

    @Override
    public void info(Marker marker, String format, Object arg) {
        log(LogConfig.INFO, marker, format, 1, arg, null, null);
    }

    @Override
    public void info(Marker marker, String format, Object arg1, Object arg2) {
        log(LogConfig.INFO, marker, format, 2, arg1, arg2, null);
    }

    @Override
    public void info(Marker marker, String format, Object... arguments) {
        logArray(LogConfig.INFO, marker, format, arguments);
    }

    @Override
    public void info(Marker marker, String msg, Throwable t) {
        log(LogConfig.INFO, marker, msg, 0, null, null, t);
    }

    @Override
    public boolean isWarnEnabled() {
        return LogConfig.WARN >= threshold;
    }

    @Override
    public boolean isWarnEnabled(Marker marker) {
        return LogConfig.WARN >= threshold;
    }

    @Override
    public void warn(String msg) {
        log(LogConfig.WARN, null, msg, 0, null, null, null);
    }

    @Override
    public void warn(String format, Object arg) {
        log(LogConfig.WARN, null, format, 1, arg, null, null);
    }

    @Override
    public void warn(String format, Object arg1, Object arg2) {
        log(LogConfig.WARN, null, format, 2, arg1, arg2, null);
    }

    @Override
    public void warn(String format, Object... arguments) {
        logArray(LogConfig.WARN, null, format, arguments);
    }

    @Override
    public void warn(String msg, Throwable t) {
        log(LogConfig.WARN, null, msg, 0, null, null, t);
    }

    @Override
    public void warn(Marker marker, String msg) {
        log(LogConfig.WARN, marker, msg, 0, null, null, null);
    }

    @Override
    public void warn(Marker marker, String format, Object arg) {
        log(LogConfig.WARN, marker, format, 1, arg, null, null);
    }

    @Override
    public void warn(Marker marker, String format, Object arg1, Object arg2) {
        log(LogConfig.WARN, marker, format, 2, arg1, arg2, null);
    }

    @Override
    public void warn(Marker marker, String format, Object... arguments) {
        logArray(LogConfig.WARN, marker, format, arguments);
    }

    @Override
    public void warn(Marker marker, String msg, Throwable t) {
        log(LogConfig.WARN, marker, msg, 0, null, null, t);
    }

    @Override
    public boolean isErrorEnabled() {
        return LogConfig.ERROR >= threshold;
    }

    @Override
    public boolean isErrorEnabled(Marker marker) {
        return LogConfig.ERROR >= threshold;
    }

    @Override
    public void error(String msg) {
        log(LogConfig.ERROR, null, msg, 0, null, null, null);
    }

    @Override
    public void error(String format, Object arg) {
        log(LogConfig.ERROR, null, format, 1, arg, null, null);
    }

    @Override
    public void error(String format, Object arg1, Object arg2) {
        log(LogConfig.ERROR, null, format, 2, arg1, arg2, null);
    }

    @Override
    public void error(String format, Object... arguments) {
        logArray(LogConfig.ERROR, null, format, arguments);
    }

    @Override
    public void error(String msg, Throwable t) {
        log(LogConfig.ERROR, null, msg, 0, null, null, t);
    }

    @Override
    public void error(Marker marker, String msg) {
        log(LogConfig.ERROR, marker, msg, 0, null, null, null);
    }

    @Override
    public void error(Marker marker, String format, Object arg) {
        log(LogConfig.ERROR, marker, format, 1, arg, null, null);
    }

    @Override
    public void error(Marker marker, String format, Object arg1, Object arg2) {
        log(LogConfig.ERROR, marker, format, 2, arg1, arg2, null);
    }

    @Override
    public void error(Marker marker, String format, Object... arguments) {
        logArray(LogConfig.ERROR, marker, format, arguments);
    }

    @Override
    public void error(Marker marker, String msg, Throwable t) {
        log(LogConfig.ERROR, marker, msg, 0, null, null, t);
    }

    private void log(int level, Marker marker, String message, int argCount, Object arg0, Object arg1,
            Throwable thrown) {
        if (level >= threshold) {
            writer.log(id, level, marker, message, argCount, arg0, arg1, null, thrown);
        }
    }

    private void logArray(int level, Marker marker, String message, Object[] args) {
        if (level >= threshold) {
            writer.log(id, level, marker, message, args == null ? 0 : args.length, null, null, args, null);
        }
    }
}
