package io.twelvefactor.lifecycle;

import java.io.PrintStream;
import java.util.ResourceBundle;
import java.util.ServiceLoader;

/**
 * Lifecycle's logger, chosen on the first line logged, not before: nothing is looked up while
 * {@link Shutdown#install()} runs and logs nothing.
 *
 * <ul>
 *   <li>When a {@link System.LoggerFinder} is installed as a service (such as
 *       {@code twelvefactor-logging}'s, which writes JSON to stdout), or the application
 *       configured {@code java.util.logging} through {@code java.util.logging.config.file} or
 *       {@code java.util.logging.config.class}, lines go to {@link System#getLogger}.</li>
 *   <li>Otherwise the JDK's default backend would start {@code java.util.logging} to print them
 *       on stderr, which costs tens of milliseconds at startup and again, if not done yet, at
 *       the moment of a signal; lifecycle prints them on stderr itself instead, one line each,
 *       {@code INFO} and above (as that backend's default level does).</li>
 * </ul>
 *
 * Thread-safe.
 */
final class Log implements System.Logger {

    static final String NAME = Shutdown.class.getName();
    /** The prefix of every line lifecycle writes to stderr itself. */
    static final String STDERR_PREFIX = "twelvefactor-lifecycle: ";

    @Override
    public String getName() {
        return NAME;
    }

    /** {@link #backend} once lines go to stderr. */
    private static final System.Logger STDERR = new Log();
    /**
     * The System.Logger to write to, {@link #STDERR}, or null until the first line logged
     * chooses. Threads that log their first lines at once may each choose, alike; a field
     * rather than a holder class, one class fewer to load at startup.
     */
    private static volatile System.Logger chosen;

    @Override
    public boolean isLoggable(Level level) {
        System.Logger backend = backend();
        return backend != null ? backend.isLoggable(level) : onStderr(level);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        System.Logger backend = backend();
        if (backend != null) {
            backend.log(level, bundle, msg, thrown);
        } else if (onStderr(level)) {
            PrintStream err = System.err;
            synchronized (err) {
                err.println(STDERR_PREFIX + level.getName() + ": " + msg);
                if (thrown != null) {
                    thrown.printStackTrace(err);
                }
                err.flush();
            }
        }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        // lifecycle builds its messages itself and passes no parameters
        log(level, bundle, format, (Throwable) null);
    }

    /**
     * Whether lines go to stderr rather than to a {@link System.Logger}; then a line that is
     * already written to stderr need not be logged again.
     */
    static boolean toStderr() {
        return backend() == null;
    }

    /** The System.Logger to write to, or null for stderr. */
    private static System.Logger backend() {
        System.Logger b = chosen;
        if (b == null) {
            b = choose();
            chosen = b;
        }
        return b == STDERR ? null : b;
    }

    private static boolean onStderr(Level level) {
        return level != Level.OFF && level.getSeverity() >= Level.INFO.getSeverity();
    }

    /** The System.Logger to write to, or {@link #STDERR}. */
    private static System.Logger choose() {
        try {
            if (System.getProperty("java.util.logging.config.file") != null
                    || System.getProperty("java.util.logging.config.class") != null
                    || ServiceLoader.load(System.LoggerFinder.class, ClassLoader.getSystemClassLoader())
                            .iterator().hasNext()) {
                return System.getLogger(NAME);
            }
            return STDERR;
        } catch (RuntimeException | Error e) {
            // a security manager or a broken service file: the JDK's own choice, whatever it costs
            return System.getLogger(NAME);
        }
    }
}
