package io.twelvefactor.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class StackTraceWriterTest {

    private static StackTraceElement[] frames(String prefix, int n) {
        StackTraceElement[] frames = new StackTraceElement[n];
        for (int i = 0; i < n; i++) {
            frames[i] = new StackTraceElement(prefix + ".Layer" + i, "handle", "Layer" + i + ".java", 10 + i);
        }
        return frames;
    }

    private static String trace(Capture capture, Throwable t) {
        capture.logger("x").error("failed", t);
        String line = capture.lines().get(capture.lines().size() - 1);
        assertTrue(line.getBytes(StandardCharsets.UTF_8).length < maxLine(capture), line.length() + " bytes");
        return Capture.parse(line).get("error.stack_trace").asText();
    }

    private static int maxLine(Capture capture) {
        return capture.factory.config.maxLineBytes;
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static int number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), regex + " not in:\n" + text);
        return Integer.parseInt(m.group(1));
    }

    /** A new exception, thrown through JDK code, from the same place each time. */
    private static Exception failure() {
        try {
            Integer.parseInt("not a number");
            throw new AssertionError("parsed");
        } catch (NumberFormatException cause) {
            Exception e = new IllegalStateException("outer", cause);
            e.addSuppressed(new java.io.IOException("closing failed"));
            return e;
        }
    }

    private static String printed(Throwable e) {
        java.io.StringWriter printed = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(printed));
        return printed.toString().replace(System.lineSeparator(), "\n").stripTrailing();
    }

    @Test
    void writesWhatPrintStackTracePrintsAlsoWhenItsFramesComeFromTheCache() {
        Capture capture = new Capture();
        Exception first = failure();
        assertTrue(printed(first).contains("java.base/java.lang.Integer.parseInt("), printed(first));
        for (int i = 0; i < 3; i++) {
            assertEquals(printed(first), trace(capture, first));
            Exception again = failure(); // equal frames, new objects
            assertEquals(printed(again), trace(capture, again));
        }
    }

    @Test
    void eachExceptionLineIsItsToStringWhetherOrNotItsClassOverridesIt() {
        Capture capture = new Capture();
        Exception localized = new IllegalStateException("plain") {
            @Override
            public String getLocalizedMessage() {
                return "localized";
            }
        };
        Exception own = new RuntimeException("hidden") {
            @Override
            public String toString() {
                return "own text";
            }
        };
        Exception noMessage = new UnsupportedOperationException((String) null);
        for (Exception e : List.of(new java.io.IOException("plain"), localized, own, noMessage,
                new IllegalStateException("outer", new IllegalArgumentException("inner")))) {
            assertEquals(printed(e), trace(capture, e));
        }
        Exception failing = new IllegalStateException() {
            @Override
            public String getLocalizedMessage() {
                throw new UnsupportedOperationException("no message today");
            }
        };
        assertTrue(trace(capture, failing).startsWith("[FAILED toString()]\n\tat "), trace(capture, failing));
    }

    @Test
    void aThousandDeepChainShowsBothEndsAndCountsTheCausesBetween() {
        Capture capture = new Capture();
        Throwable deep = new IllegalStateException("root of it all");
        for (int i = 0; i < 1000; i++) {
            deep = new RuntimeException("level " + i, deep);
        }
        String trace = trace(capture, deep);
        assertTrue(trace.startsWith("java.lang.RuntimeException: level 999\n\tat "), trace.substring(0, 100));
        assertTrue(trace.contains("\nCaused by: java.lang.IllegalStateException: root of it all\n\tat "), trace);
        int shownBetween = count(trace, "^Caused by: java\\.lang\\.RuntimeException: level \\d+$");
        int omitted = number(trace, "\t\\.\\.\\. (\\d+) causes omitted");
        assertEquals(999, shownBetween + omitted, trace);
        assertTrue(shownBetween > 0, trace);
        assertTrue(trace.indexOf("causes omitted") < trace.indexOf("root of it all"));
        assertFalse(trace.endsWith(new String(LineBuffer.CUT_MARK, StandardCharsets.UTF_8)), trace);
    }

    @Test
    void aHugeOuterTraceLeavesRoomForTheRootCauseAndCountsWhatItCut() {
        Capture capture = new Capture("LOG_MAX_LINE_BYTES", "4096");
        IllegalStateException root = new IllegalStateException("disk full");
        root.setStackTrace(frames("com.example.store", 30));
        RuntimeException middle = new RuntimeException("middle", root);
        middle.setStackTrace(frames("com.example.service", 10));
        RuntimeException outer = new RuntimeException("request failed", middle);
        outer.setStackTrace(frames("com.example.web", 3000));
        String trace = trace(capture, outer);
        String[] parts = trace.split("\nCaused by: ");
        assertTrue(parts[0].startsWith("java.lang.RuntimeException: request failed\n\tat com.example.web.Layer0."));
        int outerShown = count(parts[0], "^\tat ");
        assertEquals(3000, outerShown + number(parts[0], "\t\\.\\.\\. (\\d+) frames omitted"), parts[0]);
        String rootPart = parts[parts.length - 1];
        assertTrue(rootPart.startsWith("java.lang.IllegalStateException: disk full\n\tat com.example.store.Layer0."),
                trace);
        assertTrue(count(rootPart, "^\tat ") >= 1, rootPart);
        assertTrue(outerShown > count(rootPart, "^\tat "), trace);
    }

    @Test
    void maxFramesCapsEveryExceptionAndCountsTheRest() {
        Capture capture = new Capture("LOG_STACK_MAX_FRAMES", "3");
        Exception cause = new java.io.IOException("reset");
        cause.setStackTrace(frames("com.example", 8));
        Exception e = new IllegalStateException("failed", cause);
        StackTraceElement[] outer = frames("com.example.outer", 12);
        e.setStackTrace(outer);
        String trace = trace(capture, e);
        List<String> lines = Arrays.asList(trace.split("\n"));
        assertEquals(List.of("java.lang.IllegalStateException: failed",
                "\tat " + outer[0], "\tat " + outer[1], "\tat " + outer[2], "\t... 9 frames omitted",
                "Caused by: java.io.IOException: reset",
                "\tat com.example.Layer0.handle(Layer0.java:10)", "\tat com.example.Layer1.handle(Layer1.java:11)",
                "\tat com.example.Layer2.handle(Layer2.java:12)", "\t... 5 frames omitted"), lines);
    }

    @Test
    void foldedPackagesBecomeOneLineButTheThrowingFrameStays() {
        Capture capture = new Capture("LOG_STACK_FOLD", "org.springframework, jdk.internal.reflect");
        Exception e = new IllegalStateException("failed");
        e.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("org.springframework.aop.Thrower", "go", "Thrower.java", 1),
            new StackTraceElement("com.example.Orders", "pay", "Orders.java", 2),
            new StackTraceElement("org.springframework.aop.A", "a", "A.java", 3),
            new StackTraceElement("jdk.internal.reflect.B", "b", "B.java", 4),
            new StackTraceElement("org.springframework.C", "c", "C.java", 5),
            new StackTraceElement("com.example.Main", "main", "Main.java", 6),
            new StackTraceElement("org.springframeworkish.D", "d", "D.java", 7),
        });
        String trace = trace(capture, e);
        assertEquals(List.of("java.lang.IllegalStateException: failed",
                "\tat org.springframework.aop.Thrower.go(Thrower.java:1)",
                "\tat com.example.Orders.pay(Orders.java:2)",
                "\t... 3 frames folded",
                "\tat com.example.Main.main(Main.java:6)",
                "\tat org.springframeworkish.D.d(D.java:7)"), Arrays.asList(trace.split("\n")));
    }

    @Test
    void badSettingsAreReportedAndIgnored() {
        Capture capture = new Capture("LOG_STACK_MAX_FRAMES", "0", "LOG_STACK_FOLD", "org.spring framework,,ok.pkg,.x");
        assertEquals(3, capture.problems.size(), capture.problems.toString());
        assertTrue(capture.problems.get(0).startsWith("LOG_STACK_MAX_FRAMES=\"0\" is not an integer of at least 1"));
        assertTrue(capture.problems.get(1).contains("\"org.spring framework\""), capture.problems.get(1));
        assertEquals(Integer.MAX_VALUE, capture.factory.config.stackMaxFrames);
        assertEquals(List.of("ok.pkg."), Arrays.asList(capture.factory.config.stackFold));
    }
}
