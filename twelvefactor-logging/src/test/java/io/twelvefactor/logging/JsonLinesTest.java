package io.twelvefactor.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.helpers.BasicMarkerFactory;

class JsonLinesTest {

    private final Capture capture = new Capture();
    private final StdoutLogger log = capture.logger("com.example.Orders");

    @AfterEach
    void clearMdc() {
        capture.factory.mdc.clear();
    }

    @Test
    void writesTheEcsFieldsInOrder() {
        log.info("order {} paid by {}", 42, "alice");
        JsonNode e = capture.only();
        List<String> names = new ArrayList<>();
        e.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("@timestamp", "log.level", "message", "ecs.version", "log.logger",
                "process.thread.name"), names);
        assertEquals("INFO", e.get("log.level").asText());
        assertEquals("order 42 paid by alice", e.get("message").asText());
        assertEquals(Layout.ECS_VERSION, e.get("ecs.version").asText());
        assertEquals("com.example.Orders", e.get("log.logger").asText());
        assertEquals(Thread.currentThread().getName(), e.get("process.thread.name").asText());
        assertTrue(Pattern.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z",
                e.get("@timestamp").asText()), e.get("@timestamp").asText());
    }

    /**
     * The bytes kept per logger and thread name follow a renamed thread and two loggers that share
     * a cache slot ("Aa" and "BB" have one hash code), with and without MDC entries.
     */
    @Test
    void cachedLoggerAndThreadBytesFollowEveryChange() {
        StdoutLogger aa = capture.logger("Aa");
        StdoutLogger bb = capture.logger("BB");
        Thread thread = Thread.currentThread();
        String name = thread.getName();
        String[] loggers = {"Aa", "BB", "Aa", "Aa", "BB", "Aa", "BB", "Aa"};
        String[] threads = {name, name, name, "renamed", "renamed", "renamed", name, name};
        try {
            for (int i = 0; i < loggers.length; i++) {
                thread.setName(threads[i]);
                if (i == 5) {
                    capture.factory.mdc.put("m", "v");
                } else if (i == 6) {
                    capture.factory.mdc.remove("m");
                }
                (loggers[i].equals("Aa") ? aa : bb).info("event {}", i);
            }
        } finally {
            thread.setName(name);
        }
        List<JsonNode> events = capture.events();
        assertEquals(loggers.length, events.size());
        for (int i = 0; i < loggers.length; i++) {
            JsonNode e = events.get(i);
            assertEquals("event " + i, e.get("message").asText());
            assertEquals(loggers[i], e.get("log.logger").asText(), e.toString());
            assertEquals(threads[i], e.get("process.thread.name").asText(), e.toString());
            assertEquals(i == 5, e.has("m"), e.toString());
        }
    }

    @Test
    void timestampIsUtcNow() {
        long before = System.currentTimeMillis();
        log.info("now");
        long after = System.currentTimeMillis();
        long logged = java.time.Instant.parse(capture.only().get("@timestamp").asText()).toEpochMilli();
        assertTrue(logged >= before && logged <= after, before + " <= " + logged + " <= " + after);
    }

    @Test
    void followsSlf4jPlaceholderRules() {
        log.info("a {} b {} c {}", "1", "2");
        log.info("escaped \\{} then {}", "x");
        log.info("double \\\\{}", "y");
        log.info("arrays {} {}", new int[] {1, 2}, new Object[] {"a", new String[] {"b"}});
        log.info("null {}", (Object) null);
        log.info(null);
        List<JsonNode> events = capture.events();
        assertEquals("a 1 b 2 c {}", events.get(0).get("message").asText());
        assertEquals("escaped {} then x", events.get(1).get("message").asText());
        assertEquals("double \\y", events.get(2).get("message").asText());
        assertEquals("arrays [1, 2] [a, [b]]", events.get(3).get("message").asText());
        assertEquals("null null", events.get(4).get("message").asText());
        assertEquals("null", events.get(5).get("message").asText());
    }

    @Test
    void onePatternAtSeveralLevelsKeepsEachEventsLevel() {
        // The pattern cache joins a pattern's first piece to the level it was first logged at.
        String pattern = "order {} paid by {}";
        log.info(pattern, 1, "a");
        log.warn(pattern, 2, "b");
        log.info(pattern, 3, "c");
        log.error(pattern, 4, "d");
        log.warn(pattern, 5, "e");
        List<JsonNode> events = capture.events();
        String[] levels = {"INFO", "WARN", "INFO", "ERROR", "WARN"};
        String[] users = {"a", "b", "c", "d", "e"};
        assertEquals(levels.length, events.size());
        for (int i = 0; i < levels.length; i++) {
            assertEquals(levels[i], events.get(i).get("log.level").asText());
            assertEquals("order " + (i + 1) + " paid by " + users[i], events.get(i).get("message").asText());
        }
    }

    @Test
    void lastThrowableArgumentIsTheError() {
        log.warn("failed {} times", 3, new IllegalStateException("boom"));
        JsonNode e = capture.only();
        assertEquals("failed 3 times", e.get("message").asText());
        assertEquals("java.lang.IllegalStateException", e.get("error.type").asText());
        assertEquals("boom", e.get("error.message").asText());
        String trace = e.get("error.stack_trace").asText();
        assertTrue(trace.startsWith("java.lang.IllegalStateException: boom\n\tat "), trace);
        assertFalse(trace.endsWith("\n"));
    }

    @Test
    void keyValuesKeepTheirJsonTypes() {
        log.atInfo().addKeyValue("count", 3).addKeyValue("ratio", 0.5).addKeyValue("ok", true)
                .addKeyValue("big", new java.math.BigInteger("123456789012345678901234567890"))
                .addKeyValue("nan", Double.NaN).addKeyValue("none", null).addKeyValue("name", "bob")
                .log("typed");
        JsonNode e = capture.only();
        assertTrue(e.get("count").isInt());
        assertEquals(3, e.get("count").asInt());
        assertTrue(e.get("ratio").isDouble());
        assertTrue(e.get("ok").isBoolean());
        assertTrue(e.get("big").isBigInteger());
        assertEquals("NaN", e.get("nan").asText());
        assertTrue(e.get("none").isNull());
        assertEquals("bob", e.get("name").asText());
    }

    @Test
    void neverWritesAKeyTwice() {
        capture.factory.mdc.put("user", "from-mdc");
        capture.factory.mdc.put("message", "mdc message");
        capture.factory.mdc.put("region", "eu");
        log.atInfo().addKeyValue("user", "first").addKeyValue("user", "last")
                .addKeyValue("log.level", "fake").log("real");
        JsonNode e = capture.only();
        assertEquals("last", e.get("user").asText());
        assertEquals("real", e.get("message").asText());
        assertEquals("INFO", e.get("log.level").asText());
        assertEquals("eu", e.get("region").asText());
    }

    @Test
    void mapsOpenTelemetryIdsToEcsTraceFields() {
        capture.factory.mdc.put("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736");
        capture.factory.mdc.put("span_id", "00f067aa0ba902b7");
        log.info("traced");
        JsonNode e = capture.only();
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", e.get("trace.id").asText());
        assertEquals("00f067aa0ba902b7", e.get("span.id").asText());
        assertFalse(e.has("trace_id"));
    }

    @Test
    void gcpFormatUsesCloudLoggingNames() {
        Capture gcp = new Capture("LOG_FORMAT", "gcp", "GOOGLE_CLOUD_PROJECT", "my-project");
        gcp.factory.mdc.put("trace_id", "abc");
        gcp.factory.mdc.put("span_id", "def");
        gcp.logger("svc").warn("careful", new RuntimeException("x"));
        gcp.logger("svc").debug("hidden");
        JsonNode e = gcp.only();
        assertEquals("WARNING", e.get("severity").asText());
        assertEquals("careful", e.get("message").asText());
        assertEquals("svc", e.get("logger").asText());
        assertTrue(e.has("time"));
        assertEquals("projects/my-project/traces/abc", e.get("logging.googleapis.com/trace").asText());
        assertEquals("def", e.get("logging.googleapis.com/spanId").asText());
        assertTrue(e.get("stack_trace").asText().startsWith("java.lang.RuntimeException: x"));
    }

    @Test
    void textFormatIsOneHumanLine() {
        Capture text = new Capture("LOG_FORMAT", "text");
        text.factory.mdc.put("user", "ann");
        text.logger("svc").atWarn().addKeyValue("n", 2).log("hello {}", "you");
        List<String> lines = text.lines();
        assertEquals(1, lines.size());
        String line = lines.get(0);
        assertTrue(Pattern.matches("\\S+Z WARN  \\[" + Pattern.quote(Thread.currentThread().getName())
                + "] svc - hello you user=ann n=2", line), line);
    }

    @Test
    void markersBecomeTags() {
        BasicMarkerFactory markers = new BasicMarkerFactory();
        log.info(markers.getMarker("AUDIT"), "marked");
        log.atInfo().addMarker(markers.getMarker("A")).addMarker(markers.getMarker("B")).log("two");
        List<JsonNode> events = capture.events();
        assertEquals("[\"AUDIT\"]", events.get(0).get("tags").toString());
        assertEquals("[\"A\",\"B\"]", events.get(1).get("tags").toString());
    }

    @Test
    void survivesHostileArguments() {
        Object throwing = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("no");
            }
        };
        Object returnsNull = new Object() {
            @Override
            public String toString() {
                return null;
            }
        };
        Object selfLogging = new Object() {
            @Override
            public String toString() {
                log.info("inner {}", this);
                return "outer";
            }
        };
        capture.factory.mdc.put("nullable", null);
        log.info("{} {} {}", throwing, returnsNull, selfLogging);
        log.info("null args", (Object[]) null);
        log.atInfo().addKeyValue(null, null).log();
        List<JsonNode> events = capture.events();
        JsonNode last = events.get(events.size() - 3);
        assertEquals("[FAILED toString()] null outer", last.get("message").asText());
        assertTrue(last.get("nullable").isNull());
        assertTrue(events.size() >= 4, "nested events are written too: " + events.size());
        assertEquals("null args", events.get(events.size() - 2).get("message").asText());
        assertTrue(events.get(events.size() - 1).get("null").isNull());
    }

    @Test
    void cutsCyclicAndVeryDeepCauseChains() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        a.addSuppressed(b);
        log.error("cycle", a);
        Throwable deep = new RuntimeException("root");
        for (int i = 0; i < 1000; i++) {
            deep = new RuntimeException("level " + i, deep);
        }
        log.error("deep", deep);
        List<JsonNode> events = capture.events();
        String cycle = events.get(0).get("error.stack_trace").asText();
        assertTrue(cycle.contains("[CIRCULAR REFERENCE: java.lang.RuntimeException: a]"), cycle);
        assertTrue(capture.lines().get(1).length() < LogConfig.DEFAULT_MAX_LINE_BYTES);
        String deepTrace = events.get(1).get("error.stack_trace").asText();
        assertTrue(deepTrace.contains("causes omitted\nCaused by: java.lang.RuntimeException: root"), deepTrace);
    }

    @Test
    void capsLongLinesAndMarksTheCut() {
        Capture small = new Capture("LOG_MAX_LINE_BYTES", "1024");
        StdoutLogger logger = small.logger("big");
        logger.error("\u00e9\"".repeat(3000), new RuntimeException("trace"));
        logger.info("\ud83d\ude00".repeat(3000));
        small.factory.mdc.put("huge", "x".repeat(5000));
        logger.atInfo().addKeyValue("also", "y".repeat(5000)).log("z".repeat(5000));
        small.logger("n".repeat(5000)).info("\u00e9".repeat(2000));
        String mark = new String(LineBuffer.CUT_MARK, java.nio.charset.StandardCharsets.UTF_8);
        for (String line : small.lines()) {
            assertTrue(line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 1024,
                    line.length() + ": " + line);
            JsonNode e = Capture.parse(line);
            assertTrue(e.get("message").asText().endsWith(mark), line);
            assertFalse(e.get("message").asText().contains("\ufffd"), line);
        }
        small.factory.mdc.clear();
    }

    /** An oversized line is cut the same whatever the thread logged before it (here a stack trace). */
    @Test
    void aCutLineDoesNotDependOnTheEventBeforeIt() {
        String message = "m".repeat(3000);
        Capture fresh = new Capture("LOG_MAX_LINE_BYTES", "1024");
        fresh.logger("big").info(message);
        Capture after = new Capture("LOG_MAX_LINE_BYTES", "1024");
        IllegalStateException failure = new IllegalStateException("failed");
        StackTraceElement[] frames = new StackTraceElement[6];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = new StackTraceElement("com.example.Layer" + i, "handle", "Layer" + i + ".java", i + 1);
        }
        failure.setStackTrace(frames);
        after.logger("big").error("a line that fits, with a stack trace", failure);
        after.logger("big").info(message);
        String expected = fresh.only().get("message").asText();
        assertTrue(expected.length() > 512, expected);
        assertEquals(expected, after.events().get(1).get("message").asText());
    }

    @Test
    void aDisabledLevelWritesNothing() {
        log.debug("hidden {}", 1);
        log.trace("hidden");
        log.atDebug().log("hidden");
        assertFalse(log.isDebugEnabled());
        assertEquals(0, capture.bytes().length);
    }

    @Test
    void aBrokenStreamIsReportedOnceAndNeverThrows() {
        List<String> problems = new ArrayList<>();
        StdoutLoggerFactory broken = StdoutLoggerFactory.create(java.util.Map.of(),
                new java.io.OutputStream() {
                    @Override
                    public void write(int b) throws java.io.IOException {
                        throw new java.io.IOException("Broken pipe");
                    }
                }, problems::add);
        for (int i = 0; i < 3; i++) {
            broken.logger("x").info("lost {}", i);
        }
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("Broken pipe"), problems.get(0));
    }

    @Test
    void fieldsAreUniqueInEveryEvent() {
        capture.factory.mdc.put("k", "v");
        log.atInfo().addKeyValue("k", 1).addKeyValue("@timestamp", 2).log("m");
        Iterator<String> names = capture.only().fieldNames();
        List<String> seen = new ArrayList<>();
        names.forEachRemaining(seen::add);
        assertEquals(seen.size(), new java.util.HashSet<>(seen).size(), seen.toString());
    }

    @Test
    void reusedPatternsKeysAndMdcEntriesFollowEveryChange() {
        String pattern = "p {} q {}";
        for (int i = 0; i < 3; i++) {
            capture.factory.mdc.put("a", "v" + i);
            if (i == 1) {
                capture.factory.mdc.put("b", "only-once");
            } else {
                capture.factory.mdc.remove("b");
            }
            log.atInfo().addKeyValue("k", i).log(pattern, i);
        }
        capture.factory.mdc.put("k", "shadowed by the key-value");
        log.atInfo().addKeyValue("k", "kv").log(pattern, 1, 2);
        List<JsonNode> events = capture.events();
        for (int i = 0; i < 3; i++) {
            assertEquals("p " + i + " q {}", events.get(i).get("message").asText());
            assertEquals("v" + i, events.get(i).get("a").asText());
            assertEquals(i, events.get(i).get("k").asInt());
            assertEquals(i == 1, events.get(i).has("b"));
        }
        assertEquals("p 1 q 2", events.get(3).get("message").asText());
        assertEquals("kv", events.get(3).get("k").asText());
    }
}
