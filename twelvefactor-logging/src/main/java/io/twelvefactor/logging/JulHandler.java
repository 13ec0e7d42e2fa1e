package io.twelvefactor.logging;

import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Carries {@code java.util.logging} records to the same stream: installed on the JUL root logger
 * in place of its {@link ConsoleHandler} (which writes to stderr in another format), with the
 * root level set to let through exactly the records that map to the lowest level any logger has
 * here (FINER and CONFIG included: SLF4J's mapping makes them debug and info).
 */
final class JulHandler extends Handler {

    private final StdoutLoggerFactory factory;
    private final SimpleFormatter formatter = new SimpleFormatter();

    JulHandler(StdoutLoggerFactory factory) {
        this.factory = factory;
    }

    static void install(StdoutLoggerFactory factory) {
        Logger root = LogManager.getLogManager().getLogger("");
        if (root == null) {
            return;
        }
        for (Handler handler : root.getHandlers()) {
            if (handler instanceof JulHandler) {
                return;
            }
            if (handler instanceof ConsoleHandler) {
                root.removeHandler(handler);
            }
        }
        root.addHandler(new JulHandler(factory));
        root.setLevel(julLevel(factory.config.lowestLevel()));
    }

    @Override
    public void publish(LogRecord record) {
        if (record == null) {
            return;
        }
        int level = level(record.getLevel());
        StdoutLogger logger = factory.logger(record.getLoggerName());
        if (level < logger.threshold) {
            return;
        }
        String message;
        try {
            message = formatter.formatMessage(record);
        } catch (RuntimeException e) {
            message = record.getMessage();
        }
        logger.logFormatted(level, message, record.getThrown(), record.getMillis());
    }

    @Override
    public void flush() {
        // Every record is written through before publish returns.
    }

    @Override
    public void close() {
        // Nothing to release: the stream belongs to the process.
    }

    /** SLF4J's own mapping (jul-to-slf4j): FINEST trace, FINER and FINE debug, CONFIG and INFO info. */
    static int level(Level level) {
        return level(level == null ? Level.INFO.intValue() : level.intValue());
    }

    /** {@link #level(Level)} of a JUL level's value. */
    static int level(int v) {
        if (v <= Level.FINEST.intValue()) {
            return LogConfig.TRACE;
        } else if (v <= Level.FINE.intValue()) {
            return LogConfig.DEBUG;
        } else if (v <= Level.INFO.intValue()) {
            return LogConfig.INFO;
        } else if (v <= Level.WARNING.intValue()) {
            return LogConfig.WARN;
        }
        return LogConfig.ERROR;
    }

    /**
     * The JUL level that lets through exactly the records {@link #level} maps to {@code level} or
     * above, custom JUL levels included: JUL drops a record below its logger's level before any
     * handler sees it.
     */
    static Level julLevel(int level) {
        switch (level) {
            case LogConfig.TRACE: return Level.ALL;
            case LogConfig.DEBUG: return Threshold.ABOVE_FINEST;
            case LogConfig.INFO: return Threshold.ABOVE_FINE;
            case LogConfig.WARN: return Threshold.ABOVE_INFO;
            case LogConfig.ERROR: return Threshold.ABOVE_WARNING;
            default: return Level.OFF;
        }
    }

    /**
     * The thresholds between the standard levels, which JUL's own levels don't offer; named after
     * the setting they stand for, so as not to shadow a standard level's name.
     */
    private static final class Threshold extends Level {
        private static final long serialVersionUID = 1L;
        static final Level ABOVE_FINEST = new Threshold("LOG_LEVEL=debug", Level.FINEST.intValue() + 1);
        static final Level ABOVE_FINE = new Threshold("LOG_LEVEL=info", Level.FINE.intValue() + 1);
        static final Level ABOVE_INFO = new Threshold("LOG_LEVEL=warn", Level.INFO.intValue() + 1);
        static final Level ABOVE_WARNING = new Threshold("LOG_LEVEL=error", Level.WARNING.intValue() + 1);

        private Threshold(String name, int value) {
            super(name, value);
        }
    }
}
