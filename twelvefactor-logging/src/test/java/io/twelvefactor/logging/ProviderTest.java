package io.twelvefactor.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.event.Level;
import org.slf4j.spi.DefaultLoggingEventBuilder;
import org.slf4j.spi.SLF4JServiceProvider;

class ProviderTest {

    @Test
    void isRegisteredForServiceLoader() {
        List<String> providers = new ArrayList<>();
        ServiceLoader.load(SLF4JServiceProvider.class).stream().forEach(p -> providers.add(p.type().getName()));
        assertEquals(List.of(StdoutServiceProvider.class.getName()), providers);
        List<String> finders = new ArrayList<>();
        ServiceLoader.load(System.LoggerFinder.class).stream().forEach(p -> finders.add(p.type().getName()));
        assertEquals(List.of(StdoutLoggerFinder.class.getName()), finders);
    }

    @Test
    void hasItsMdcAdapterBeforeInitialize() {
        StdoutServiceProvider provider = new StdoutServiceProvider();
        assertNotNull(provider.getMDCAdapter());
        assertSame(provider.getMDCAdapter(), provider.getMDCAdapter());
        assertEquals("2.0.99", provider.getRequestedApiVersion());
    }

    @Test
    void forStreamWritesToTheGivenStreamWithTheGivenSettings() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StdoutServiceProvider provider = StdoutServiceProvider.forStream(Map.of("LOG_LEVEL", "warn"), out);
        Logger logger = provider.getLoggerFactory().getLogger("p");
        provider.getMDCAdapter().put("k", "v");
        logger.info("dropped");
        logger.warn("kept");
        provider.getMDCAdapter().clear();
        String line = new String(out.toByteArray(), StandardCharsets.UTF_8);
        assertEquals("kept", Capture.parse(line.trim()).get("message").asText());
        assertEquals("v", Capture.parse(line.trim()).get("k").asText());
        assertThrows(NullPointerException.class, () -> StdoutServiceProvider.forStream(null, out));
    }

    @Test
    void loggingEventsFromSlf4jsOwnBuilderKeepTypesAndTime() {
        Capture capture = new Capture();
        StdoutLogger logger = capture.logger("events");
        new DefaultLoggingEventBuilder(logger, Level.WARN).addKeyValue("n", 7).addArgument("x")
                .setMessage("value {}").log();
        new DefaultLoggingEventBuilder(logger, Level.DEBUG).log("below the level");
        var e = capture.only();
        assertEquals("value x", e.get("message").asText());
        assertTrue(e.get("n").isInt());
        assertEquals("WARN", e.get("log.level").asText());
    }

    @Test
    void systemLoggerLevelsMapToSlf4jLevels() {
        Capture capture = new Capture("LOG_LEVEL", "debug");
        SystemLogger logger = new SystemLogger(capture.logger("sys"));
        logger.log(System.Logger.Level.TRACE, "hidden");
        logger.log(System.Logger.Level.DEBUG, "shown {0}", 1);
        logger.log(System.Logger.Level.ERROR, "failed", new IllegalStateException("x"));
        assertTrue(logger.isLoggable(System.Logger.Level.DEBUG));
        assertTrue(!logger.isLoggable(System.Logger.Level.OFF));
        var events = capture.events();
        assertEquals(2, events.size());
        assertEquals("shown 1", events.get(0).get("message").asText());
        assertEquals("DEBUG", events.get(0).get("log.level").asText());
        assertEquals("java.lang.IllegalStateException", events.get(1).get("error.type").asText());
    }
}
