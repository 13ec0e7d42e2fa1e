package io.twelvefactor.logging;

import java.text.MessageFormat;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * A {@link System.Logger} over a {@link StdoutLogger}. Those the JDK asks for through
 * {@link StdoutLoggerFinder} find their logger (and so make the process-wide factory) when first
 * used, not when made: the JDK asks for loggers while it starts a server, say, long before any
 * of them logs, and the factory is then made on the application's first line instead.
 */
final class SystemLogger implements System.Logger {

    private final String name;
    /**
     * Null until first used for a logger of the process-wide factory. Set without a lock: the
     * factory returns the same logger for a name, and its fields are final, so a thread that
     * sees null only asks the factory again.
     */
    private StdoutLogger logger;

    SystemLogger(StdoutLogger logger) {
        this.name = logger.name;
        this.logger = logger;
    }

    /** A logger of the process-wide factory named {@code name}, which is made on first use. */
    SystemLogger(String name) {
        this.name = name;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public boolean isLoggable(Level level) {
        int l = level(level);
        return l >= 0 && l >= logger().threshold;
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        int l = level(level);
        StdoutLogger logger = logger();
        if (l >= 0 && l >= logger.threshold) {
            logger.logFormatted(l, localize(bundle, msg), thrown, LogEvent.NO_TIMESTAMP);
        }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        int l = level(level);
        StdoutLogger logger = logger();
        if (l < 0 || l < logger.threshold) {
            return;
        }
        String pattern = localize(bundle, format);
        String message = pattern;
        if (params != null && params.length > 0 && pattern != null) {
            try {
                message = MessageFormat.format(pattern, params);
            } catch (RuntimeException e) {
                message = pattern;
            }
        }
        logger.logFormatted(l, message, null, LogEvent.NO_TIMESTAMP);
    }

    private StdoutLogger logger() {
        StdoutLogger l = logger;
        if (l == null) {
            l = StdoutLoggerFactory.system().logger(name);
            logger = l;
        }
        return l;
    }

    /** The SLF4J level of a System.Logger level, or -1 for {@code OFF}. */
    static int level(Level level) {
        if (level == null) {
            return LogConfig.INFO;
        }
        // if rather than switch: a switch on an enum of another class compiles to a lookup
        // class of its own, one more class to load before the first line
        if (level == Level.INFO) {
            return LogConfig.INFO;
        }
        if (level == Level.DEBUG) {
            return LogConfig.DEBUG;
        }
        if (level == Level.WARNING) {
            return LogConfig.WARN;
        }
        if (level == Level.ERROR) {
            return LogConfig.ERROR;
        }
        return level == Level.TRACE || level == Level.ALL ? LogConfig.TRACE : -1;
    }

    private static String localize(ResourceBundle bundle, String key) {
        if (bundle == null || key == null) {
            return key;
        }
        try {
            return bundle.getString(key);
        } catch (MissingResourceException | ClassCastException e) {
            return key;
        }
    }
}
