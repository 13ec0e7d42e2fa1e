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
    /** The format's bytes from the end of the message to the thread name, with this name. */
    final byte[] part;
    /** Where encoders keep this logger's bytes with their thread's name. */
    final int slot;
    private final StdoutLoggerFactory factory;

    StdoutLogger(String name, int threshold, byte[] part, StdoutLoggerFactory factory) {
        this.name = name;
        this.threshold = threshold;
        this.part = part;
        this.slot = name.hashCode();
        this.factory = factory;
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
        return factory.builder(this, level.toInt());
    }

    @Override
    public void log(LoggingEvent event) {
        factory.log(this, event);
    }

    /** Logs a record from another API (JUL, System.Logger) whose message is already formatted. */
    void logFormatted(int level, String message, Throwable thrown, long millis) {
        if (level >= threshold) {
            factory.logFormatted(this, level, message, thrown, millis);
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
        if (LogConfig.TRACE >= threshold) {
            factory.log(this, LogConfig.TRACE, null, msg, 0, null, null, null, null);
        }
    }

    @Override
    public void trace(String format, Object arg) {
        if (LogConfig.TRACE >= threshold) {
            factory.log(this, LogConfig.TRACE, null, format, 1, arg, null, null, null);
        }
    }

    @Override
    public void trace(String format, Object arg1, Object arg2) {
        if (LogConfig.TRACE >= threshold) {
            factory.log(this, LogConfig.TRACE, null, format, 2, arg1, arg2, null, null);
        }
    }

    @Override
    public void trace(String format, Object... arguments) {
        if (LogConfig.TRACE >= threshold) {
            factory.log(this, LogConfig.TRACE, null, format, arguments == null ? 0 : arguments.length, null, null,
                    arguments, null);
        }
    }

    @Override
    public void trace(String msg, Throwable t) {
        if (LogConfig.TRACE >= threshold) {
            factory.log(this, LogConfig.TRACE, null, msg, 0, null, null, null, t);
        }
    }

    @Override
    public void trace(Marker marker, String msg) {
        if (LogConfig.TRACE >= threshold) {
            factory.log(this, LogConfig.TRACE, marker, msg, 0, null, null, null, null);
        }
    }

    @Override
    public void trace(Marker marker, String format, Object arg) {
        if (LogConfig.TRACE >= threshold) {
            factory.log(this, LogConfig.TRACE, marker, format, 1, arg, null, null, null);
        }
    }

    @Override
    public void trace(Marker marker, String format, Object arg1, Object arg2) {
        if (LogConfig.TRACE >= threshold) {
            factory.log(this, LogConfig.TRACE, marker, format, 2, arg1, arg2, null, null);
        }
    }

    @Override
    public void trace(Marker marker, String format, Object... arguments) {
        if (LogConfig.TRACE >= threshold) {
            factory.log(this, LogConfig.TRACE, marker, format, arguments == null ? 0 : arguments.length, null, null,
                    arguments, null);
        }
    }

    @Override
    public void trace(Marker marker, String msg, Throwable t) {
        if (LogConfig.TRACE >= threshold) {
            factory.log(this, LogConfig.TRACE, marker, msg, 0, null, null, null, t);
        }
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
        if (LogConfig.DEBUG >= threshold) {
            factory.log(this, LogConfig.DEBUG, null, msg, 0, null, null, null, null);
        }
    }

    @Override
    public void debug(String format, Object arg) {
        if (LogConfig.DEBUG >= threshold) {
            factory.log(this, LogConfig.DEBUG, null, format, 1, arg, null, null, null);
        }
    }

    @Override
    public void debug(String format, Object arg1, Object arg2) {
        if (LogConfig.DEBUG >= threshold) {
            factory.log(this, LogConfig.DEBUG, null, format, 2, arg1, arg2, null, null);
        }
    }

    @Override
    public void debug(String format, Object... arguments) {
        if (LogConfig.DEBUG >= threshold) {
            factory.log(this, LogConfig.DEBUG, null, format, arguments == null ? 0 : arguments.length, null, null,
                    arguments, null);
        }
    }

    @Override
    public void debug(String msg, Throwable t) {
        if (LogConfig.DEBUG >= threshold) {
            factory.log(this, LogConfig.DEBUG, null, msg, 0, null, null, null, t);
        }
    }

    @Override
    public void debug(Marker marker, String msg) {
        if (LogConfig.DEBUG >= threshold) {
            factory.log(this, LogConfig.DEBUG, marker, msg, 0, null, null, null, null);
        }
    }

    @Override
    public void debug(Marker marker, String format, Object arg) {
        if (LogConfig.DEBUG >= threshold) {
            factory.log(this, LogConfig.DEBUG, marker, format, 1, arg, null, null, null);
        }
    }

    @Override
    public void debug(Marker marker, String format, Object arg1, Object arg2) {
        if (LogConfig.DEBUG >= threshold) {
            factory.log(this, LogConfig.DEBUG, marker, format, 2, arg1, arg2, null, null);
        }
    }

    @Override
    public void debug(Marker marker, String format, Object... arguments) {
        if (LogConfig.DEBUG >= threshold) {
            factory.log(this, LogConfig.DEBUG, marker, format, arguments == null ? 0 : arguments.length, null, null,
                    arguments, null);
        }
    }

    @Override
    public void debug(Marker marker, String msg, Throwable t) {
        if (LogConfig.DEBUG >= threshold) {
            factory.log(this, LogConfig.DEBUG, marker, msg, 0, null, null, null, t);
        }
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
        if (LogConfig.INFO >= threshold) {
            factory.log(this, LogConfig.INFO, null, msg, 0, null, null, null, null);
        }
    }

    @Override
    public void info(String format, Object arg) {
        if (LogConfig.INFO >= threshold) {
            factory.log(this, LogConfig.INFO, null, format, 1, arg, null, null, null);
        }
    }

    @Override
    public void info(String format, Object arg1, Object arg2) {
        if (LogConfig.INFO >= threshold) {
            factory.log(this, LogConfig.INFO, null, format, 2, arg1, arg2, null, null);
        }
    }

    @Override
    public void info(String format, Object... arguments) {
        if (LogConfig.INFO >= threshold) {
            factory.log(this, LogConfig.INFO, null, format, arguments == null ? 0 : arguments.length, null, null,
                    arguments, null);
        }
    }

    @Override
    public void info(String msg, Throwable t) {
        if (LogConfig.INFO >= threshold) {
            factory.log(this, LogConfig.INFO, null, msg, 0, null, null, null, t);
        }
    }

    @Override
    public void info(Marker marker, String msg) {
        if (LogConfig.INFO >= threshold) {
            factory.log(this, LogConfig.INFO, marker, msg, 0, null, null, null, null);
        }
    }

    @Override
    public void info(Marker marker, String format, Object arg) {
        if (LogConfig.INFO >= threshold) {
            factory.log(this, LogConfig.INFO, marker, format, 1, arg, null, null, null);
        }
    }

    @Override
    public void info(Marker marker, String format, Object arg1, Object arg2) {
        if (LogConfig.INFO >= threshold) {
            factory.log(this, LogConfig.INFO, marker, format, 2, arg1, arg2, null, null);
        }
    }

    @Override
    public void info(Marker marker, String format, Object... arguments) {
        if (LogConfig.INFO >= threshold) {
            factory.log(this, LogConfig.INFO, marker, format, arguments == null ? 0 : arguments.length, null, null,
                    arguments, null);
        }
    }

    @Override
    public void info(Marker marker, String msg, Throwable t) {
        if (LogConfig.INFO >= threshold) {
            factory.log(this, LogConfig.INFO, marker, msg, 0, null, null, null, t);
        }
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
        if (LogConfig.WARN >= threshold) {
            factory.log(this, LogConfig.WARN, null, msg, 0, null, null, null, null);
        }
    }

    @Override
    public void warn(String format, Object arg) {
        if (LogConfig.WARN >= threshold) {
            factory.log(this, LogConfig.WARN, null, format, 1, arg, null, null, null);
        }
    }

    @Override
    public void warn(String format, Object arg1, Object arg2) {
        if (LogConfig.WARN >= threshold) {
            factory.log(this, LogConfig.WARN, null, format, 2, arg1, arg2, null, null);
        }
    }

    @Override
    public void warn(String format, Object... arguments) {
        if (LogConfig.WARN >= threshold) {
            factory.log(this, LogConfig.WARN, null, format, arguments == null ? 0 : arguments.length, null, null,
                    arguments, null);
        }
    }

    @Override
    public void warn(String msg, Throwable t) {
        if (LogConfig.WARN >= threshold) {
            factory.log(this, LogConfig.WARN, null, msg, 0, null, null, null, t);
        }
    }

    @Override
    public void warn(Marker marker, String msg) {
        if (LogConfig.WARN >= threshold) {
            factory.log(this, LogConfig.WARN, marker, msg, 0, null, null, null, null);
        }
    }

    @Override
    public void warn(Marker marker, String format, Object arg) {
        if (LogConfig.WARN >= threshold) {
            factory.log(this, LogConfig.WARN, marker, format, 1, arg, null, null, null);
        }
    }

    @Override
    public void warn(Marker marker, String format, Object arg1, Object arg2) {
        if (LogConfig.WARN >= threshold) {
            factory.log(this, LogConfig.WARN, marker, format, 2, arg1, arg2, null, null);
        }
    }

    @Override
    public void warn(Marker marker, String format, Object... arguments) {
        if (LogConfig.WARN >= threshold) {
            factory.log(this, LogConfig.WARN, marker, format, arguments == null ? 0 : arguments.length, null, null,
                    arguments, null);
        }
    }

    @Override
    public void warn(Marker marker, String msg, Throwable t) {
        if (LogConfig.WARN >= threshold) {
            factory.log(this, LogConfig.WARN, marker, msg, 0, null, null, null, t);
        }
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
        if (LogConfig.ERROR >= threshold) {
            factory.log(this, LogConfig.ERROR, null, msg, 0, null, null, null, null);
        }
    }

    @Override
    public void error(String format, Object arg) {
        if (LogConfig.ERROR >= threshold) {
            factory.log(this, LogConfig.ERROR, null, format, 1, arg, null, null, null);
        }
    }

    @Override
    public void error(String format, Object arg1, Object arg2) {
        if (LogConfig.ERROR >= threshold) {
            factory.log(this, LogConfig.ERROR, null, format, 2, arg1, arg2, null, null);
        }
    }

    @Override
    public void error(String format, Object... arguments) {
        if (LogConfig.ERROR >= threshold) {
            factory.log(this, LogConfig.ERROR, null, format, arguments == null ? 0 : arguments.length, null, null,
                    arguments, null);
        }
    }

    @Override
    public void error(String msg, Throwable t) {
        if (LogConfig.ERROR >= threshold) {
            factory.log(this, LogConfig.ERROR, null, msg, 0, null, null, null, t);
        }
    }

    @Override
    public void error(Marker marker, String msg) {
        if (LogConfig.ERROR >= threshold) {
            factory.log(this, LogConfig.ERROR, marker, msg, 0, null, null, null, null);
        }
    }

    @Override
    public void error(Marker marker, String format, Object arg) {
        if (LogConfig.ERROR >= threshold) {
            factory.log(this, LogConfig.ERROR, marker, format, 1, arg, null, null, null);
        }
    }

    @Override
    public void error(Marker marker, String format, Object arg1, Object arg2) {
        if (LogConfig.ERROR >= threshold) {
            factory.log(this, LogConfig.ERROR, marker, format, 2, arg1, arg2, null, null);
        }
    }

    @Override
    public void error(Marker marker, String format, Object... arguments) {
        if (LogConfig.ERROR >= threshold) {
            factory.log(this, LogConfig.ERROR, marker, format, arguments == null ? 0 : arguments.length, null, null,
                    arguments, null);
        }
    }

    @Override
    public void error(Marker marker, String msg, Throwable t) {
        if (LogConfig.ERROR >= threshold) {
            factory.log(this, LogConfig.ERROR, marker, msg, 0, null, null, null, t);
        }
    }
}
