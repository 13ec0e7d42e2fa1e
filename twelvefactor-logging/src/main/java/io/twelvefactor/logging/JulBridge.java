package io.twelvefactor.logging;

import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;

/**
 * Connects {@code java.util.logging} to this module's stream at the moment JUL starts, and not
 * before: starting JUL costs tens of milliseconds, which an application that never uses it
 * should not pay. Applications do not use this class; it is public because JUL creates it by
 * name.
 *
 * <p>When the provider initialises (unless {@code LOG_JUL_BRIDGE=false}), it sets the system
 * property {@code java.util.logging.config.class} to this class, if that property is unset.
 * JUL reads it once, when it starts, and calls this constructor, which reads the configuration
 * JUL would have read ({@code java.util.logging.config.file}, else the JDK's
 * {@code conf/logging.properties}) with JUL's {@link java.util.logging.ConsoleHandler} replaced
 * by {@link RootHandler} and the root level set to what this module's levels let through.
 * If JUL already started before the provider, the bridge is not installed.
 *
 * <p>Thread-safe: JUL calls the constructor once, while it starts.
 */
public final class JulBridge {

    /** The property JUL reads when it starts. */
    static final String CONFIG_CLASS = "java.util.logging.config.class";

    /**
     * Configures JUL, as JUL asks of the class named in {@code java.util.logging.config.class}.
     *
     * @throws IOException if JUL cannot read the configuration given to it
     */
    public JulBridge() throws IOException {
        LogManager.getLogManager().readConfiguration(
                new java.io.ByteArrayInputStream(configuration(StdoutLoggerFactory.system().config)));
    }

    /**
     * Arranges for the bridge to be installed when JUL starts, or installs it now when that is
     * not possible: the application set {@code java.util.logging.config.class} itself, or this
     * module was not loaded by the system class loader, the only one JUL looks in for handlers.
     */
    static void installWhenUsed(StdoutLoggerFactory factory) {
        if (System.getProperty(CONFIG_CLASS) == null
                && JulBridge.class.getClassLoader() == ClassLoader.getSystemClassLoader()) {
            System.setProperty(CONFIG_CLASS, JulBridge.class.getName());
        } else if (!JulBridge.class.getName().equals(System.getProperty(CONFIG_CLASS))) {
            JulHandler.install(factory);
        }
    }

    /** JUL's configuration file, then our root handlers and level, which override its own. */
    static byte[] configuration(LogConfig config) throws IOException {
        String file = System.getProperty("java.util.logging.config.file");
        Path path = file != null ? Path.of(file) : Path.of(System.getProperty("java.home"), "conf", "logging.properties");
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        try (InputStream in = new FileInputStream(path.toFile())) {
            in.transferTo(text);
        } catch (IOException e) {
            if (file != null) {
                throw e; // JUL itself would have failed on it
            }
        }
        Properties read = new Properties();
        read.load(new java.io.ByteArrayInputStream(text.toByteArray()));
        StringBuilder handlers = new StringBuilder(RootHandler.class.getName());
        for (String name : read.getProperty("handlers", "").replace(',', ' ').split(" ")) {
            String h = name.trim();
            if (!h.isEmpty() && !h.equals("java.util.logging.ConsoleHandler")) {
                handlers.append(',').append(h);
            }
        }
        String ours = "\nhandlers=" + handlers + "\n.level=" + JulHandler.julLevel(config.lowestLevel()).intValue() + "\n";
        text.write(ours.getBytes(StandardCharsets.ISO_8859_1));
        return text.toByteArray();
    }

    /**
     * The root handler JUL creates by name from the configuration above: each record goes to
     * this module's stream, as SLF4J's jul-to-slf4j maps the levels. Thread-safe.
     */
    @SuppressWarnings("exports") // JUL's types, for JUL alone: the application never sees this class
    public static final class RootHandler extends Handler {
        private final JulHandler delegate = new JulHandler(StdoutLoggerFactory.system());

        /** Creates the handler; JUL calls this. */
        public RootHandler() {
            // the process-wide factory: the same stream and levels as every other logger
        }

        /**
         * Writes the record, if its logger's level lets it through.
         *
         * @param record the record; null is ignored
         */
        @Override
        public void publish(LogRecord record) {
            delegate.publish(record);
        }

        /** Does nothing: every record is written through before {@link #publish} returns. */
        @Override
        public void flush() {
            // written through
        }

        /** Does nothing: the stream belongs to the process. */
        @Override
        public void close() {
            // nothing to release
        }
    }
}
