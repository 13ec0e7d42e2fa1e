package io.twelvefactor.logging;

import java.text.MessageFormat;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** A {@link System.Logger} over a {@link StdoutLogger}. */
final class SystemLogger implements System.Logger {

    private final StdoutLogger logger;

    SystemLogger(StdoutLogger logger) {
        this.logger = logger;
    }

    @Override
    public String getName() {
        return logger.name;
    }

    @Override
    public boolean isLoggable(Level level) {
        int l = level(level);
        return l >= 0 && l >= logger.threshold;
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        int l = level(level);
        if (l >= 0 && l >= logger.threshold) {
            logger.logFormatted(l, localize(bundle, msg), thrown, LogEvent.NO_TIMESTAMP);
        }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        int l = level(level);
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

    /** The SLF4J level of a System.Logger level, or -1 for {@code OFF}. */
    static int level(Level level) {
        if (level == null) {
            return LogConfig.INFO;
        }
        switch (level) {
            case ALL:
            case TRACE:
                return LogConfig.TRACE;
            case DEBUG:
                return LogConfig.DEBUG;
            case INFO:
                return LogConfig.INFO;
            case WARNING:
                return LogConfig.WARN;
            case ERROR:
                return LogConfig.ERROR;
            default:
                return -1;
        }
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
