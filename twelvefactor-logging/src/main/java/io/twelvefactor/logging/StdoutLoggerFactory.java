package io.twelvefactor.logging;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;

/**
 * The loggers of one configuration and one output. Each logger hands its events to the factory's
 * {@link EventWriter}; the factory itself only makes and keeps the loggers.
 */
final class StdoutLoggerFactory implements ILoggerFactory {

    final LogConfig config;
    final MdcAdapter mdc;
    private final Layout layout;
    private final EventWriter writer;
    private final ConcurrentMap<String, StdoutLogger> loggers = new ConcurrentHashMap<>();

    StdoutLoggerFactory(LogConfig config, MdcAdapter mdc, OutputStream out, LogConfig.Problems problems) {
        this.config = config;
        this.mdc = mdc;
        this.layout = new Layout(config);
        this.writer = new EventWriter(layout, config, mdc, new Output(out, problems));
    }

    /** The MDC of the process-wide factory; SLF4J may ask for it before the factory exists. */
    static final MdcAdapter SYSTEM_MDC = new MdcAdapter();

    /** The process-wide factory: the process environment, the stdout file descriptor, stderr. */
    static StdoutLoggerFactory system() {
        return SystemHolder.INSTANCE;
    }

    /** The process-wide configuration: the process environment, problems on stderr. */
    static LogConfig systemConfig() {
        return ConfigHolder.CONFIG;
    }

    /** Apart from the factory, so that a level can be known before anything is written. */
    private static final class ConfigHolder {
        static final LogConfig CONFIG = new LogConfig(System.getenv(), Stderr.INSTANCE);
    }

    private static final class SystemHolder {
        static final StdoutLoggerFactory INSTANCE = new StdoutLoggerFactory(ConfigHolder.CONFIG, SYSTEM_MDC,
                new FileOutputStream(FileDescriptor.out), Stderr.INSTANCE);
    }

    /**
     * Reports on stderr. A named class, as are the other pieces on the way to the first line:
     * a lambda or method reference is a class spun at run time on first use, milliseconds at
     * startup (README, "A fast start").
     */
    static final class Stderr implements LogConfig.Problems {
        static final Stderr INSTANCE = new Stderr();

        @Override
        public void report(String line) {
            reportOnStderr(line);
        }
    }

    static void reportOnStderr(String line) {
        byte[] bytes = ("twelvefactor-logging: " + line + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            FileOutputStream err = new FileOutputStream(FileDescriptor.err);
            err.write(bytes);
        } catch (java.io.IOException e) {
            // stderr is gone too: nothing left to tell.
        }
    }

    @Override
    public Logger getLogger(String name) {
        return logger(name);
    }

    StdoutLogger logger(String name) {
        String key = name == null ? "" : name;
        StdoutLogger logger = loggers.get(key);
        if (logger == null) {
            // putIfAbsent rather than computeIfAbsent with a lambda (spun at run time: see Stderr);
            // two threads racing for a new name may both make one, and both get the one kept
            StdoutLogger made = new StdoutLogger(new LoggerName(key, layout.loggerPart(key)), config.levelOf(key), writer);
            logger = loggers.putIfAbsent(key, made);
            if (logger == null) {
                logger = made;
            }
        }
        return logger;
    }

    /** The configuration's variables, for tests: {@code env} instead of the process environment. */
    static StdoutLoggerFactory create(Map<String, String> env, OutputStream out, LogConfig.Problems problems) {
        return new StdoutLoggerFactory(new LogConfig(env, problems), new MdcAdapter(), out, problems);
    }
}
