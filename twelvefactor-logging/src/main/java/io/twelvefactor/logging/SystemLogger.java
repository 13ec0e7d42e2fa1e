package io.twelvefactor.logging;

import java.text.MessageFormat;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * A {@link System.Logger} over a {@link StdoutLogger}. Those the JDK asks for through
 * {@link StdoutLoggerFinder} read their level when first used, and find their logger (and so
 * make the process-wide factory) only for a record that passes it: the JDK asks for loggers,
 * and logs at debug level, while it creates a server, say, long before anything is written.
 */
final class SystemLogger implements System.Logger {

    private static final int NOT_READ = Integer.MIN_VALUE;

    private final String name;
    /** The level threshold, {@link #NOT_READ} until first needed; set without a lock, as {@link #logger}. */
    private int threshold;
    /**
     * Null until first used for a logger of the process-wide factory. Set without a lock: the
     * factory returns the same logger for a name, and its fields are final, so a thread that
     * sees null only asks the factory again.
     */
    private StdoutLogger logger;

    SystemLogger(StdoutLogger logger) {
        this.name = logger.name;
        this.threshold = logger.threshold;
        this.logger = logger;
    }

    /** A logger of the process-wide factory named {@code name}, which is made when first needed. */
    SystemLogger(String name) {
        this.name = name;
        this.threshold = NOT_READ;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public boolean isLoggable(Level level) {
        int l = level(level);
        return l >= 0 && l >= threshold();
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        int l = level(level);
        if (l >= 0 && l >= threshold()) {
            logger().logFormatted(l, localize(bundle, msg), thrown, LogEvent.NO_TIMESTAMP);
        }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        int l = level(level);
        if (l < 0 || l < threshold()) {
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
        logger().logFormatted(l, message, null, LogEvent.NO_TIMESTAMP);
    }

    private int threshold() {
        int t = threshold;
        if (t == NOT_READ) {
            t = StdoutLoggerFactory.systemConfig().levelOf(name);
            threshold = t;
        }
        return t;
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
