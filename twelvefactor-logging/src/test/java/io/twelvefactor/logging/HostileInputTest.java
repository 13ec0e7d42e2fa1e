package io.twelvefactor.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/** Application objects and settings that push the encoder to its edges; found by review. */
class HostileInputTest {

    private final Capture capture = new Capture("LOG_MAX_LINE_BYTES", "1024");
    private final StdoutLogger log = capture.logger("x");

    @Test
    void anOversizedEventCallsEachApplicationObjectOnce() {
        AtomicInteger toStrings = new AtomicInteger();
        AtomicInteger messages = new AtomicInteger();
        Object arg = new Object() {
            @Override
            public String toString() {
                toStrings.incrementAndGet();
                log.info("inner");
                return "y".repeat(5_000);
            }
        };
        RuntimeException error = new RuntimeException() {
            @Override
            public String getMessage() {
                messages.incrementAndGet();
                return "m".repeat(3_000);
            }
        };
        log.atInfo().addKeyValue("v", arg).log("outer {}", arg, error);
        List<JsonNode> events = capture.events();
        assertEquals(List.of("inner", "inner", "outer"), events.stream().map(e -> e.get("message").asText())
                .map(m -> m.startsWith("outer") ? "outer" : m).toList(), "one nested line per toString()");
        assertEquals(2, toStrings.get(), "the argument and the key-value, once each");
        // getMessage() runs for error.message and inside Throwable.toString() of the stack trace.
        assertEquals(2, messages.get());
        assertTrue(capture.lines().get(2).getBytes(StandardCharsets.UTF_8).length < 1024);
    }

    @Test
    void manyMarkersAndHugeNumbersStayWithinTheCap() {
        LoggingEventBuilder b = log.atInfo();
        BasicMarkerFactory markers = new BasicMarkerFactory();
        for (int i = 0; i < 500; i++) {
            b.addMarker(markers.getMarker("tag" + i));
        }
        b.log("markers");
        log.atInfo().addKeyValue("n", BigInteger.TEN.pow(5_000))
                .addKeyValue("d", new BigDecimal(BigInteger.TEN.pow(3_000), 2)).log("huge");
        log.atInfo().addKeyValue("small", new BigDecimal("12.50")).addKeyValue("f", 1.5f).log("numbers");
        List<String> lines = capture.lines();
        for (String line : lines) {
            assertTrue(line.getBytes(StandardCharsets.UTF_8).length < 1024, line.length() + " bytes");
        }
        assertEquals("tag0", Capture.parse(lines.get(0)).get("tags").get(0).asText());
        JsonNode huge = Capture.parse(lines.get(1));
        assertTrue(huge.get("n").asText().startsWith("1000"), "cut to a string: " + huge.get("n"));
        assertTrue(huge.get("d").asText().startsWith("1000"), "cut to a string: " + huge.get("d"));
        JsonNode numbers = Capture.parse(lines.get(2));
        assertTrue(numbers.get("small").isNumber() && numbers.get("f").isNumber(), numbers.toString());
        assertTrue(lines.get(2).contains("\"small\":12.50,\"f\":1.5"), lines.get(2));
    }

    @Test
    void subclassesOfJdkNumbersAreApplicationObjects() {
        Object throwing = new BigInteger("5") {
            @Override
            public String toString() {
                throw new IllegalStateException("boom");
            }
        };
        Object injecting = new BigDecimal("5") {
            @Override
            public String toString() {
                return "5,\"n\":6";
            }
        };
        log.atInfo().addKeyValue("a", throwing).addKeyValue("n", injecting).log("m");
        JsonNode e = capture.only();
        assertEquals("[FAILED toString()]", e.get("a").asText());
        assertEquals("5,\"n\":6", e.get("n").asText());
        assertEquals(List.of(), capture.problems);
    }

    @Test
    void keysCutToTheLimitAreLeftOutNotWrittenTwice() {
        capture.factory.mdc.put("k".repeat(600) + "1", "a");
        capture.factory.mdc.put("k".repeat(600) + "2", "b");
        capture.factory.mdc.put("short", "kept");
        try {
            log.atInfo().addKeyValue("big", "v".repeat(20_000)).addKeyValue("q".repeat(600) + "1", 1)
                    .addKeyValue("q".repeat(600) + "2", 2).log("m");
        } finally {
            capture.factory.mdc.clear();
        }
        JsonNode e = capture.only();
        List<String> names = new ArrayList<>();
        e.fieldNames().forEachRemaining(names::add);
        assertTrue(names.contains("short") && names.contains("big"), names.toString());
        assertTrue(names.stream().noneMatch(n -> n.startsWith("kkk") || n.startsWith("qqq")), names.toString());
    }

    @Test
    void keysThatDifferOnlyInLoneSurrogatesAreOneMember() {
        capture.factory.mdc.put("m\uD800", "first");
        capture.factory.mdc.put("m\uDFFF", "second");
        capture.factory.mdc.put("k\uDBFF", "shadowed by the key-values");
        capture.factory.mdc.put("alone\uD800", "kept");
        try {
            for (int i = 0; i < 2; i++) { // the second time through the per-thread caches
                log.atInfo().addKeyValue("k\uD800", 1).addKeyValue("k\uFFFD", 2).addKeyValue("k\uDC00", 3)
                        .addKeyValue("plain", i).log("m");
            }
        } finally {
            capture.factory.mdc.clear();
        }
        for (JsonNode e : capture.events()) { // strict: fails on a duplicate key
            assertEquals(3, e.get("k\uFFFD").asInt(), e.toString());
            assertEquals("second", e.get("m\uFFFD").asText(), e.toString());
            assertEquals("kept", e.get("alone\uFFFD").asText(), e.toString());
        }
        assertEquals(1, capture.events().get(1).get("plain").asInt());
    }

    @Test
    void aSurrogatePairSplitByAPlaceholderIsOneCharacter() {
        String pattern = "{}{} and {}\uDE00";
        for (int i = 0; i < 2; i++) { // the second time through the per-thread pattern cache
            log.info("{}\uDE00", "\uD83D");
            log.info(pattern, "\uD83D", "\uDE00", "\uD83D");
            log.info("{}{}", "\uD83D", "\uDE00");
            log.info("{} x {}", "a\uD83D", "\uDE00b");
            log.info("end {}", "\uD83D");
            log.info("{}{}", "\uD83D", 7);
        }
        List<String> messages = capture.events().stream().map(e -> e.get("message").asText()).toList();
        List<String> once = List.of("\uD83D\uDE00", "\uD83D\uDE00 and \uD83D\uDE00", "\uD83D\uDE00",
                "a\uFFFD x \uFFFDb", "end \uFFFD", "\uFFFD7");
        assertEquals(once, messages.subList(0, 6));
        assertEquals(once, messages.subList(6, 12));
    }

    @Test
    void hostileMarkersAndStackTracesStillWriteTheEvent() {
        Marker real = new BasicMarkerFactory().getMarker("real");
        Marker nullName = (Marker) Proxy.newProxyInstance(Marker.class.getClassLoader(), new Class<?>[] {Marker.class},
                (p, m, a) -> m.getName().equals("getName") ? null : m.invoke(real, a));
        Marker throwing = (Marker) Proxy.newProxyInstance(Marker.class.getClassLoader(), new Class<?>[] {Marker.class},
                (p, m, a) -> {
                    if (m.getName().equals("getName")) {
                        throw new IllegalStateException("no name");
                    }
                    return m.invoke(real, a);
                });
        RuntimeException nullFrame = new RuntimeException("e") {
            @Override
            public StackTraceElement[] getStackTrace() {
                return new StackTraceElement[] {null};
            }
        };
        log.atInfo().addMarker(nullName).addMarker(throwing).log("markers");
        log.error("frames", nullFrame);
        List<JsonNode> events = capture.events();
        assertEquals("[\"null\",\"[FAILED getName()]\"]", events.get(0).get("tags").toString());
        assertTrue(events.get(1).get("error.stack_trace").asText().contains("\tat null"),
                events.get(1).toString());
        assertEquals(List.of(), capture.problems);
    }

    @Test
    void aLoggingEventWhoseGettersFailIsDroppedAndReported() {
        LoggingEvent hostile = (LoggingEvent) Proxy.newProxyInstance(LoggingEvent.class.getClassLoader(),
                new Class<?>[] {LoggingEvent.class}, (p, m, a) -> {
                    if (m.getName().equals("getLevel")) {
                        return Level.INFO;
                    }
                    throw new IllegalStateException("getter " + m.getName());
                });
        log.log(hostile);
        log.log((LoggingEvent) null);
        log.info("after");
        assertEquals("after", capture.only().get("message").asText());
        assertEquals(1, capture.problems.size(), capture.problems.toString());
    }

    @Test
    void aStreamThatThrowsAnErrorNeverReachesTheCaller() {
        List<String> problems = new ArrayList<>();
        StdoutLoggerFactory broken = StdoutLoggerFactory.create(Map.of(), new java.io.OutputStream() {
            @Override
            public void write(int b) {
                throw new AssertionError("a stream that fails badly");
            }
        }, problems::add);
        broken.logger("x").info("lost");
        broken.logger("x").info("lost again");
        assertEquals(1, problems.size(), problems.toString());
    }
}
