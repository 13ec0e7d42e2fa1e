package io.twelvefactor.benchmarks.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import io.twelvefactor.logging.StdoutServiceProvider;
import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Map;
import net.logstash.logback.encoder.LogstashEncoder;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.appender.OutputStreamAppender.Builder;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.DefaultConfiguration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.layout.template.json.JsonTemplateLayout;
import org.apache.logging.slf4j.Log4jLogger;
import org.apache.logging.slf4j.Log4jMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.spi.MDCAdapter;

/**
 * One logging backend built programmatically (never through SLF4J's discovery, since the
 * benchmark class path holds several providers), writing synchronously to one sink, at INFO.
 */
final class Backend implements Closeable {

    static final String LOGGER = "io.twelvefactor.benchmarks.logging.Orders";

    final Logger logger;
    private final MdcPut mdc;
    private final Closeable stop;

    private Backend(Logger logger, MdcPut mdc, Closeable stop) {
        this.logger = logger;
        this.mdc = mdc;
        this.stop = stop;
    }

    interface MdcPut {
        void put(String key, String value);
    }

    /** Puts an MDC entry for the calling thread, in whatever MDC this backend reads. */
    void mdcPut(String key, String value) {
        mdc.put(key, value);
    }

    @Override
    public void close() throws IOException {
        stop.close();
    }

    /** The sink: {@code devnull} (a real write(2) per event) or {@code null} (no system call). */
    static OutputStream sink(String name) throws IOException {
        switch (name) {
            case "devnull": return new FileOutputStream("/dev/null");
            case "null": return OutputStream.nullOutputStream();
            default: throw new IllegalArgumentException("sink must be devnull or null, not " + name);
        }
    }

    static Backend create(String name, OutputStream out) {
        switch (name) {
            case "twelvefactor": return twelvefactor(out);
            case "logstash": return logback(new LogstashEncoder(), out);
            case "logback-json": return logback(new JsonEncoder(), out);
            case "log4j2-ecs": return log4j2(false, out);
            case "log4j2-ecs-gcfree": return log4j2(true, out);
            default: throw new IllegalArgumentException("unknown backend " + name);
        }
    }

    static Backend twelvefactor(OutputStream out) {
        Map<String, String> env = new java.util.HashMap<>(Events.SERVICE);
        env.put("LOG_LEVEL", "info");
        StdoutServiceProvider provider = StdoutServiceProvider.forStream(env, out);
        MDCAdapter mdc = provider.getMDCAdapter();
        return new Backend(provider.getLoggerFactory().getLogger(LOGGER), mdc::put, out);
    }

    private static Backend logback(Encoder<ILoggingEvent> encoder, OutputStream out) {
        LoggerContext context = new LoggerContext();
        context.setName("benchmark");
        LogbackMDCAdapter mdc = new LogbackMDCAdapter();
        context.setMDCAdapter(mdc);
        encoder.setContext(context);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setName("benchmark");
        appender.setEncoder(encoder);
        appender.setImmediateFlush(true);
        appender.setOutputStream(out);
        appender.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.addAppender(appender);
        root.setLevel(ch.qos.logback.classic.Level.INFO);
        context.start();
        return new Backend(context.getLogger(LOGGER), mdc::put, () -> {
            context.stop();
            out.close();
        });
    }

    private static Backend log4j2(boolean garbageFree, OutputStream out) {
        // Read by log4j2 when its classes initialise: each backend runs in its own forked JVM.
        System.setProperty("log4j2.isWebapp", "false");
        if (garbageFree) {
            System.setProperty("log4j2.enableThreadlocals", "true");
            System.setProperty("log4j2.enableDirectEncoders", "true");
            System.setProperty("log4j2.garbagefreeThreadContextMap", "true");
        }
        org.apache.logging.log4j.core.LoggerContext context =
                new org.apache.logging.log4j.core.LoggerContext("benchmark");
        context.start(new DefaultConfiguration());
        Configuration config = context.getConfiguration();
        JsonTemplateLayout layout = JsonTemplateLayout.newBuilder()
                .setConfiguration(config)
                .setEventTemplateUri("classpath:EcsLayout.json")
                .build();
        Builder<?> builder = org.apache.logging.log4j.core.appender.OutputStreamAppender.newBuilder();
        builder.setTarget(out);
        builder.setName("benchmark");
        builder.setLayout(layout);
        builder.setImmediateFlush(true);
        builder.setConfiguration(config);
        org.apache.logging.log4j.core.appender.OutputStreamAppender appender = builder.build();
        appender.start();
        config.addAppender(appender);
        LoggerConfig root = config.getRootLogger();
        for (String existing : new ArrayList<>(root.getAppenders().keySet())) {
            root.removeAppender(existing);
        }
        root.addAppender(appender, null, null);
        root.setLevel(org.apache.logging.log4j.Level.INFO);
        context.updateLoggers();
        Logger logger = new Log4jLogger(new Log4jMarkerFactory(), context.getLogger(LOGGER), LOGGER);
        return new Backend(logger, ThreadContext::put, () -> {
            context.stop();
            out.close();
        });
    }
}
