package io.twelvefactor.logging;

import java.io.OutputStream;
import java.util.Map;
import java.util.Objects;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J 2 provider: every SLF4J logger writes one JSON object per line (or a text line) to
 * the stdout file descriptor, configured by environment variables only.
 *
 * <p>SLF4J finds this class through {@link java.util.ServiceLoader}; applications do not call it.
 * Put {@code twelvefactor-logging} on the runtime classpath (or module path) as the only SLF4J
 * provider. On {@link #initialize()} the provider reads {@code LOG_LEVEL}, {@code LOG_LEVEL_<LOGGER>},
 * {@code LOG_LEVELS}, {@code LOG_FORMAT}, {@code LOG_MAX_LINE_BYTES}, {@code LOG_STACK_MAX_FRAMES},
 * {@code LOG_STACK_FOLD}, {@code LOG_JUL_BRIDGE}, {@code GOOGLE_CLOUD_PROJECT}, {@code OTEL_SERVICE_NAME}
 * and {@code OTEL_RESOURCE_ATTRIBUTES}, reports bad values once on stderr (using the defaults instead),
 * and, unless {@code LOG_JUL_BRIDGE=false}, routes {@code java.util.logging} to the same stream
 * from the moment it starts (see {@link JulBridge}).
 *
 * <p>Each event is written with one {@code write} to the file descriptor before the logging call
 * returns, so nothing is lost on {@code System.exit}, SIGTERM or a crash, and lines from
 * concurrent threads never interleave. Logging never throws into the application.
 *
 * <p>Thread-safe.
 */
public final class StdoutServiceProvider implements SLF4JServiceProvider {

    /** The SLF4J API version this provider is built for. */
    private static final String REQUESTED_API_VERSION = "2.0.99";

    private final MdcAdapter mdc;
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final boolean system;
    private volatile StdoutLoggerFactory factory;

    /**
     * Creates the provider SLF4J discovers. Its MDC adapter exists at once (SLF4J may ask for it
     * before {@link #initialize()}); the configuration is read on {@link #initialize()}.
     */
    public StdoutServiceProvider() {
        this.mdc = StdoutLoggerFactory.SYSTEM_MDC;
        this.system = true;
    }

    private StdoutServiceProvider(StdoutLoggerFactory factory) {
        this.mdc = factory.mdc;
        this.system = false;
        this.factory = factory;
    }

    /**
     * Creates a provider that writes to {@code out} instead of stdout and reads its settings from
     * {@code environment} instead of the process environment; for tests and benchmarks. It is
     * ready to use (no {@link #initialize()} needed), is not registered with SLF4J, has its own MDC
     * adapter, and does not touch {@code java.util.logging}. Bad settings are reported on stderr.
     *
     * @param environment the variables to read, such as {@code Map.of("LOG_LEVEL", "debug")}
     * @param out the stream each line is written to, with one {@code write} call per line
     * @return an initialised provider
     * @throws NullPointerException if an argument is null
     */
    public static StdoutServiceProvider forStream(Map<String, String> environment, OutputStream out) {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(out, "out");
        return new StdoutServiceProvider(
                StdoutLoggerFactory.create(environment, out, StdoutLoggerFactory.Stderr.INSTANCE));
    }

    /**
     * Returns the logger factory.
     *
     * @return the factory whose loggers write to this provider's stream
     */
    @Override
    public ILoggerFactory getLoggerFactory() {
        StdoutLoggerFactory f = factory;
        if (f == null) {
            f = StdoutLoggerFactory.system();
            factory = f;
        }
        return f;
    }

    /**
     * Returns SLF4J's basic marker factory; markers are written as the {@code tags} field.
     *
     * @return the marker factory
     */
    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    /**
     * Returns the MDC adapter; its entries are written as top-level fields of each event.
     *
     * @return the MDC adapter, the same from construction on
     */
    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    /**
     * Returns the SLF4J API version this provider targets.
     *
     * @return {@code "2.0.99"}, meaning any SLF4J 2.0.x
     */
    @Override
    public String getRequestedApiVersion() {
        return REQUESTED_API_VERSION;
    }

    /**
     * Reads the configuration from the environment and, unless {@code LOG_JUL_BRIDGE=false},
     * arranges for {@code java.util.logging} to be routed here when it starts (see
     * {@link JulBridge}). Called once by SLF4J.
     */
    @Override
    public void initialize() {
        StdoutLoggerFactory f = (StdoutLoggerFactory) getLoggerFactory();
        if (system && f.config.julBridge) {
            JulBridge.installWhenUsed(f); // when java.util.logging starts, if it ever does
        }
    }
}
