package io.twelvefactor.logging;

import java.util.Objects;

/**
 * Routes the JDK's {@link System.Logger} (used by the JDK itself and by libraries such as
 * {@code twelvefactor-lifecycle}) to the same stdout stream and format as SLF4J events, with
 * the same levels from the environment. The JDK finds this class through
 * {@link java.util.ServiceLoader}; applications do not call it.
 *
 * <p>Thread-safe.
 */
public final class StdoutLoggerFinder extends System.LoggerFinder {

    /** Creates the finder; the JDK calls this once. */
    public StdoutLoggerFinder() {
        // The configuration is read when the first logger is asked for.
    }

    /**
     * Returns a logger writing to stdout.
     *
     * @param name the logger name
     * @param module the module asking for the logger (not used)
     * @return a logger whose level comes from {@code LOG_LEVEL} and the per-logger variables,
     *         read when a logger is first used
     * @throws NullPointerException if {@code name} or {@code module} is null
     */
    @Override
    public System.Logger getLogger(String name, Module module) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(module, "module");
        return new SystemLogger(name); // reads the configuration when it is first used
    }
}
