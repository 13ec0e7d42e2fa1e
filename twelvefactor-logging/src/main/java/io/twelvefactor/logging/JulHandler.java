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
 * root level lowered to the lowest level any logger has here.
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
        int v = level == null ? Level.INFO.intValue() : level.intValue();
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

    private static Level julLevel(int level) {
        switch (level) {
            case LogConfig.TRACE: return Level.ALL;
            case LogConfig.DEBUG: return Level.FINE;
            case LogConfig.INFO: return Level.INFO;
            case LogConfig.WARN: return Level.WARNING;
            case LogConfig.ERROR: return Level.SEVERE;
            default: return Level.OFF;
        }
    }
}
