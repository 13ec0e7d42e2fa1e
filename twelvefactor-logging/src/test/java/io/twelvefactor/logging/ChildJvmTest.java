package io.twelvefactor.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A real JVM with this module as its SLF4J provider, writing to its real stdout. */
class ChildJvmTest {

    private static final String EOF = "\u0000EOF";

    @Test
    void eventsLoggedJustBeforeSystemExitAllReachStdout() throws Exception {
        Child child = Child.start("exit", "LOG_LEVEL", "info");
        assertTrue(child.process.waitFor(60, TimeUnit.SECONDS), "child did not exit");
        assertEquals(3, child.process.exitValue());
        List<String> lines = child.remainingLines();
        assertEquals("", child.stderr.get(10, TimeUnit.SECONDS), "nothing on stderr");
        List<JsonNode> events = new ArrayList<>();
        for (String line : lines) {
            events.add(Capture.parse(line));
        }
        assertEquals(2 + ChildMain.EVENTS, events.size(), lines.toString());
        assertEquals("from JUL", events.get(0).get("message").asText());
        assertEquals("jul.child", events.get(0).get("log.logger").asText());
        assertEquals("from System.Logger", events.get(1).get("message").asText());
        assertEquals("WARN", events.get(1).get("log.level").asText());
        for (int i = 0; i < ChildMain.EVENTS; i++) {
            assertEquals("before exit " + i + " \u00e9\u4e2d", events.get(2 + i).get("message").asText());
            assertTrue(events.get(2 + i).get("@timestamp").asText().endsWith("Z"));
        }
    }

    @Test
    void withoutTheOpenTelemetryApiEventsCarryNoSpanAndNothingFails() throws Exception {
        StringBuilder classPath = new StringBuilder();
        int dropped = 0;
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (entry.contains("opentelemetry")) {
                dropped++;
            } else {
                classPath.append(classPath.length() == 0 ? "" : java.io.File.pathSeparator).append(entry);
            }
        }
        assertTrue(dropped > 0, "the test class path has no OpenTelemetry jar to leave out");
        Child child = Child.startWith(classPath.toString(), "nospan");
        assertTrue(child.process.waitFor(60, TimeUnit.SECONDS), "child did not exit");
        List<String> lines = child.remainingLines();
        assertEquals("", child.stderr.get(10, TimeUnit.SECONDS), "nothing on stderr");
        assertEquals(1, lines.size(), lines.toString());
        JsonNode e = Capture.parse(lines.get(0));
        assertEquals("OpenTelemetry API present: false", e.get("message").asText());
        assertTrue(!e.has("trace.id") && !e.has("span.id"), e.toString());
    }

    @Test
    void eventsLoggedByAShutdownHookAfterSigtermAllReachStdout() throws Exception {
        Child child = Child.start("sigterm", "LOG_FORMAT", "gcp");
        String ready = child.nextLine();
        assertEquals("READY", Capture.parse(ready).get("message").asText(), ready);
        // ProcessHandle.destroy sends SIGTERM without closing our ends of the pipes (Process.destroy would).
        assertTrue(child.process.toHandle().destroy(), "SIGTERM not sent");
        assertTrue(child.process.waitFor(60, TimeUnit.SECONDS), "child did not stop on SIGTERM");
        List<String> lines = child.remainingLines();
        assertEquals(ChildMain.EVENTS, lines.size());
        for (int i = 0; i < ChildMain.EVENTS; i++) {
            JsonNode e = Capture.parse(lines.get(i));
            assertEquals("from hook " + i, e.get("message").asText());
            assertEquals("hook", e.get("thread").asText());
        }
    }

    @Test
    void aClosedStdoutIsReportedOnceAndTheApplicationKeepsRunning() throws Exception {
        Child child = Child.start("closed");
        assertTrue(child.process.waitFor(60, TimeUnit.SECONDS), "child did not exit");
        child.remainingLines();
        String stderr = child.stderr.get(10, TimeUnit.SECONDS);
        assertEquals(0, child.process.exitValue(), stderr);
        assertEquals(1, stderr.split("twelvefactor-logging: cannot write", -1).length - 1, stderr);
        assertTrue(stderr.endsWith("still running\n"), stderr);
    }

    @Test
    void julCanBeLeftAlone() throws Exception {
        Child child = Child.start("exit", "LOG_JUL_BRIDGE", "false");
        assertTrue(child.process.waitFor(60, TimeUnit.SECONDS), "child did not exit");
        List<String> lines = child.remainingLines();
        assertEquals(1 + ChildMain.EVENTS, lines.size());
        assertTrue(child.stderr.get(10, TimeUnit.SECONDS).contains("from JUL"), "JUL kept its console handler");
    }

    /**
     * Logging through SLF4J and System.Logger does not start java.util.logging, which costs
     * tens of milliseconds; the bridge is installed when JUL starts ({@code exit} above). Nor
     * does the module spin a class at run time (a lambda or method reference) on the way to its
     * first lines: each costs milliseconds at startup.
     */
    @Test
    void javaUtilLoggingIsNotStartedUntilSomethingUsesItAndNoLambdaIsSpun() throws Exception {
        Path classes = Files.createTempFile("logging-classes", ".log");
        try {
            // without the OpenTelemetry API, which uses JUL itself when asked for the current span
            StringBuilder classPath = new StringBuilder();
            for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                if (!entry.contains("opentelemetry")) {
                    classPath.append(classPath.length() == 0 ? "" : java.io.File.pathSeparator).append(entry);
                }
            }
            Child child = Child.startWith(classPath.toString(), List.of("-Xlog:class+load=info:file=" + classes),
                    "quiet");
            assertTrue(child.process.waitFor(60, TimeUnit.SECONDS), "child did not exit");
            List<String> lines = child.remainingLines();
            assertEquals(0, child.process.exitValue(), child.stderr.get(10, TimeUnit.SECONDS));
            assertEquals(2, lines.size(), lines.toString());
            assertEquals("from SLF4J", Capture.parse(lines.get(0)).get("message").asText());
            assertEquals("from System.Logger", Capture.parse(lines.get(1)).get("message").asText());
            String loaded = Files.readString(classes);
            assertTrue(loaded.contains(" io.twelvefactor.logging.StdoutServiceProvider "), "class log empty?\n" + loaded);
            assertFalse(loaded.contains(" java.util.logging.LogManager "), "JUL was started");
            assertFalse(java.util.regex.Pattern.compile(" io\\.twelvefactor\\.logging\\.\\S*\\$\\$Lambda").matcher(loaded).find(),
                    "a lambda of the module was spun:\n" + loaded);
            // nor does the JDK's method-handle machinery spin one on the module's behalf (a
            // byte-array view VarHandle does when first used)
            for (String line : loaded.split("\n")) {
                assertFalse(line.contains(" java.lang.invoke.") && line.contains("$$Lambda")
                        && !line.contains("shared objects file"), "a class was spun for a method handle: " + line);
            }
        } finally {
            Files.deleteIfExists(classes);
        }
    }

    /**
     * Every event SLF4J hands the provider while it initialises (replayed from its substitute
     * loggers) or after is written, once. The events of a thread whose logger slf4j-api itself
     * made a NOP (see {@link ChildMain#racingInitialisation}; it happens only when a thread is
     * descheduled at the wrong moment) never reach a provider: the child names such threads,
     * and they must then have no line at all.
     */
    @Test
    void eventsLoggedWhileSlf4jInitialisesAreNotLost() throws Exception {
        Child child = Child.start("init");
        assertTrue(child.process.waitFor(60, TimeUnit.SECONDS), "child did not exit");
        List<String> lines = child.remainingLines();
        String stderr = child.stderr.get(10, TimeUnit.SECONDS);
        assertEquals(0, child.process.exitValue(), stderr);
        java.util.Set<Integer> droppedBySlf4j = new java.util.HashSet<>();
        for (String line : stderr.split("\n")) {
            if (line.startsWith(ChildMain.DROPPED_BY_SLF4J)) {
                droppedBySlf4j.add(Integer.parseInt(line.substring(ChildMain.DROPPED_BY_SLF4J.length()).strip()));
            }
        }
        assertTrue(droppedBySlf4j.size() < ChildMain.THREADS, stderr);
        java.util.Set<String> expected = new java.util.HashSet<>();
        for (int t = 0; t < ChildMain.THREADS; t++) {
            for (int i = 0; !droppedBySlf4j.contains(t) && i < ChildMain.EVENTS; i++) {
                expected.add("racer " + t + " event " + i);
            }
        }
        List<String> messages = new ArrayList<>();
        for (String line : lines) {
            messages.add(Capture.parse(line).get("message").asText());
        }
        assertEquals(expected.size(), messages.size(), "lines written; SLF4J made NOP loggers for " + droppedBySlf4j);
        assertEquals(expected, new java.util.HashSet<>(messages));
    }

    /** A child JVM whose stdout and stderr are read continuously on their own threads. */
    private static final class Child {
        final Process process;
        final LinkedBlockingQueue<String> stdout = new LinkedBlockingQueue<>();
        final CompletableFuture<String> stderr = new CompletableFuture<>();

        private Child(Process process) {
            this.process = process;
            Thread out = new Thread(() -> readLines(process.getInputStream()), "child-stdout");
            Thread err = new Thread(() -> stderr.complete(readAll(process.getErrorStream())), "child-stderr");
            out.setDaemon(true);
            err.setDaemon(true);
            out.start();
            err.start();
        }

        static Child start(String mode, String... env) throws IOException {
            return startWith(System.getProperty("java.class.path"), mode, env);
        }

        static Child start(List<String> jvmOptions, String mode, String... env) throws IOException {
            return startWith(System.getProperty("java.class.path"), jvmOptions, mode, env);
        }

        static Child startWith(String classPath, String mode, String... env) throws IOException {
            return startWith(classPath, List.of(), mode, env);
        }

        static Child startWith(String classPath, List<String> jvmOptions, String mode, String... env)
                throws IOException {
            String java = ProcessHandle.current().info().command()
                    .orElse(System.getProperty("java.home") + "/bin/java");
            List<String> command = new ArrayList<>(List.of(java, "-cp", classPath, "-Dfile.encoding=ISO-8859-1"));
            command.addAll(jvmOptions);
            command.add(ChildMain.class.getName());
            command.add(mode);
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().keySet().removeIf(k -> k.startsWith("LOG_"));
            builder.environment().put("TZ", "Asia/Tokyo");
            for (int i = 0; i < env.length; i += 2) {
                builder.environment().put(env[i], env[i + 1]);
            }
            return new Child(builder.start());
        }

        private void readLines(InputStream in) {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    stdout.add(line);
                }
            } catch (IOException e) {
                stdout.add("read failed: " + e);
            }
            stdout.add(EOF);
        }

        private static String readAll(InputStream in) {
            try {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "read failed: " + e;
            }
        }

        String nextLine() throws InterruptedException {
            String line = stdout.poll(60, TimeUnit.SECONDS);
            if (line == null || line.equals(EOF)) {
                throw new AssertionError("child ended without the expected line; stderr: " + stderr.getNow(""));
            }
            return line;
        }

        /** Every line up to the end of the stream. */
        List<String> remainingLines() throws InterruptedException {
            List<String> lines = new ArrayList<>();
            for (String line = stdout.poll(60, TimeUnit.SECONDS); line != null && !line.equals(EOF);
                    line = stdout.poll(60, TimeUnit.SECONDS)) {
                lines.add(line);
            }
            return lines;
        }
    }
}
