package io.twelvefactor.lifecycle;

import io.twelvefactor.testkit.Skip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Real JVMs stopped by real signals ({@code kill}): exit codes, hook order and the summary line.
 * Synchronised on lines the child prints, never on time.
 */
class ChildJvmTest {

    private static final String SUMMARY = "twelvefactor-lifecycle: shutdown after ";

    @Test
    void aCleanSigtermRunsTheHooksInOrderAndExitsWithZero() throws Exception {
        try (Child child = Child.start("clean", Map.of("SHUTDOWN_TIMEOUT", "3s"))) {
            child.awaitOut("READY");
            child.kill("TERM");
            assertEquals(Shutdown.EXIT_OK, child.awaitExit(), child.dump());
            assertEquals(List.of("HOOK http", "HOOK jobs", "HOOK db"), hooks(child), child.dump());
            String summary = child.awaitErr(SUMMARY);
            assertTrue(summary.matches(".*shutdown after SIGTERM took \\d+ ms, exit code 0: http OK \\d+ ms,"
                    + " jobs OK \\d+ ms, db OK \\d+ ms"), summary);
            assertTrue(child.stderr().stream().anyMatch(l -> l.contains("started in ")), child.dump());
        }
    }

    /**
     * Without a System.Logger backend of the application's, neither starting nor stopping
     * starts java.util.logging (tens of milliseconds) or the JMX machinery, and installing
     * starts no thread: the lines go to stderr.
     */
    @Test
    void startingAndStoppingLoadNeitherJavaUtilLoggingNorJmxAndStartNoThread() throws Exception {
        Path classes = Files.createTempFile("lifecycle-classes", ".log");
        try (Child child = Child.start("quiet", Map.of("SHUTDOWN_TIMEOUT", "3s"),
                "-Xlog:class+load=info:file=" + classes)) {
            assertEquals("THREADS none new", child.awaitOut("THREADS"), child.dump());
            child.awaitOut("READY");
            child.awaitErr("twelvefactor-lifecycle: INFO: started in ");
            child.kill("TERM");
            assertEquals(Shutdown.EXIT_OK, child.awaitExit(), child.dump());
            assertEquals(List.of("HOOK db"), hooks(child), child.dump());
            child.awaitErr("twelvefactor-lifecycle: INFO: hook 'db' OK in ");
            child.awaitErr(SUMMARY);
            String loaded = Files.readString(classes);
            assertTrue(loaded.contains(" io.twelvefactor.lifecycle.Shutdown "), "the class log is empty?\n" + loaded);
            for (String absent : List.of("java.util.logging.LogManager", "java.lang.management.ManagementFactory",
                    "java.lang.reflect.Proxy")) {
                assertFalse(loaded.contains(" " + absent + " "), absent + " was loaded" + child.dump());
            }
        } finally {
            Files.deleteIfExists(classes);
        }
    }

    /**
     * Starting ({@code install()}, a hook, {@code started()}) loads only the classes it needs,
     * each of which costs startup time (about a third of a millisecond on a small machine, #13):
     * none of the shutdown path's, of the builder's or of readiness', and no class spun for a
     * lambda. A class added to the start path must be added here, knowingly.
     */
    @Test
    void startingLoadsOnlyTheClassesItNeeds() throws Exception {
        Path classes = Files.createTempFile("lifecycle-start-classes", ".log");
        try (Child child = Child.start("start-only", Map.of(), "-Xlog:class+load=info:file=" + classes)) {
            child.awaitOut("READY");
            child.awaitErr("twelvefactor-lifecycle: INFO: started in ");
            // read before the signal: lifecycle starts no thread, so this is all starting loaded
            String main = Child.location(Shutdown.class); // the main classes, as a path
            Set<String> loaded = new TreeSet<>();
            for (String line : Files.readAllLines(classes)) {
                // [0.123s][info][class,load] io.twelvefactor.lifecycle.Log source: file:/.../target/classes/
                int source = line.indexOf(" source: ");
                if (source < 0) {
                    continue;
                }
                String name = line.substring(line.lastIndexOf(' ', source - 1) + 1, source);
                String from = line.substring(source + " source: ".length());
                if (name.startsWith("io.twelvefactor.lifecycle.") && (from.startsWith("file:") && from.contains(main)
                        || from.equals("__JVM_LookupDefineClass__") || from.startsWith("io.twelvefactor.lifecycle.")
                        && !from.startsWith("io.twelvefactor.lifecycle.Child"))) {
                    loaded.add(name.substring("io.twelvefactor.lifecycle.".length()));
                }
            }
            assertEquals(new TreeSet<>(List.of("Coordinator", "Defaults$ToCoordinator", "Hook", "Log", "Phase",
                    "PosixSignals", "PosixSignals$Handler", "Sequence$Registration", "Settings", "Shutdown", "Uptime")),
                    loaded, child.dump());
            child.kill("TERM");
            assertEquals(Shutdown.EXIT_OK, child.awaitExit(), child.dump());
            assertEquals(List.of("HOOK db"), hooks(child), child.dump());
        } finally {
            Files.deleteIfExists(classes);
        }
    }

    @Test
    void jobsLearnOfSigtermAtOnceAndOneStillRunningWhenTheDrainEndsIsInterruptedAndNamed() throws Exception {
        try (Child child = Child.start("jobs", Map.of("SHUTDOWN_TIMEOUT", "2s"))) {
            child.awaitOut("READY");
            child.kill("TERM");
            assertEquals(Shutdown.EXIT_OK, child.awaitExit(), child.dump());
            List<String> lines = child.stdout();
            assertEquals(List.of("READY", "LISTENER ready=false shuttingDown=true", "JOB job 1 done",
                    "JOB job 2 interrupted: returned to the queue", "HOOK consumer"), lines, child.dump());
            String summary = child.awaitErr(SUMMARY);
            assertTrue(summary.matches(".*shutdown after SIGTERM took \\d+ ms, exit code 0: consumer OK \\d+ ms;"
                    + " still in flight when the drain ended: 1 \\(job 2\\)"), summary);
        }
    }

    @Test
    void anApplicationsEarlierSigtermHandlerIsChainedTo() throws Exception {
        try (Child child = Child.start("chain", Map.of("SHUTDOWN_TIMEOUT", "3s"))) {
            child.awaitOut("READY");
            child.kill("TERM");
            assertEquals(Shutdown.EXIT_OK, child.awaitExit(), child.dump());
            // the drain waits for the earlier handler, so it ends before the first hook begins
            List<String> lines = child.stdout();
            assertTrue(lines.contains("PREVIOUS TERM"), child.dump());
            assertTrue(lines.indexOf("PREVIOUS TERM") < lines.indexOf("HOOK http"), child.dump());
            assertEquals(List.of("HOOK http", "HOOK jobs", "HOOK db"), hooks(child), child.dump());
        }
    }

    @Test
    void systemExitFromTheApplicationRunsTheSequenceInTheJvmHook() throws Exception {
        try (Child child = Child.start("main-exit", Map.of("SHUTDOWN_TIMEOUT", "3s"))) {
            assertEquals(5, child.awaitExit(), child.dump());
            assertEquals(List.of("HOOK http", "HOOK db"), hooks(child), child.dump());
            String summary = child.awaitErr(SUMMARY);
            assertTrue(summary.matches(".*shutdown after JVM exit took \\d+ ms, exit status set by System.exit: http OK \\d+ ms,"
                    + " db OK \\d+ ms"), summary);
        }
    }

    @Test
    void aHookHangingPastItsTimeoutIsLeftBehindAndTheRestRun() throws Exception {
        try (Child child = Child.start("hang", Map.of("SHUTDOWN_TIMEOUT", "3s"))) {
            child.awaitOut("READY");
            child.kill("TERM");
            assertEquals(Shutdown.EXIT_HOOK_FAILED, child.awaitExit(), child.dump());
            assertEquals(List.of("HOOK stuck", "HOOK after"), hooks(child));
            String summary = child.awaitErr(SUMMARY);
            assertTrue(summary.matches(".*exit code 70: stuck TIMED_OUT \\d+ ms, after OK \\d+ ms"), summary);
        }
    }

    @Test
    void aHookHangingPastTheBudgetIsHaltedWith124() throws Exception {
        try (Child child = Child.start("budget", Map.of("SHUTDOWN_TIMEOUT", "1s"))) {
            child.awaitOut("READY");
            child.kill("TERM");
            assertEquals(Shutdown.EXIT_BUDGET_SPENT, child.awaitExit(), child.dump());
            assertEquals(List.of("HOOK stuck"), hooks(child));
            String summary = child.awaitErr(SUMMARY);
            assertTrue(summary.matches(".*exit code 124: stuck TIMED_OUT \\d+ ms, never SKIPPED"), summary);
        }
    }

    @Test
    void aLoggingBackendThatBlocksCannotStopTheHalt() throws Exception {
        try (Child child = Child.start("blocked-log", Map.of("SHUTDOWN_TIMEOUT", "1s"))) {
            child.awaitOut("READY");
            long signalled = System.nanoTime();
            child.kill("TERM");
            assertEquals(Shutdown.EXIT_BUDGET_SPENT, child.awaitExit(), child.dump());
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled);
            assertTrue(tookMs < 5_000, "halting took " + tookMs + " ms" + child.dump());
            assertTrue(child.awaitErr(SUMMARY).matches(".*exit code 124: logs TIMED_OUT \\d+ ms"), child.dump());
        }
    }

    @Test
    void aThrowingHookIsReportedAndTheRestRun() throws Exception {
        try (Child child = Child.start("throws", Map.of("SHUTDOWN_TIMEOUT", "3s"))) {
            child.awaitOut("READY");
            child.kill("TERM");
            assertEquals(Shutdown.EXIT_HOOK_FAILED, child.awaitExit(), child.dump());
            assertEquals(List.of("HOOK broken", "HOOK after"), hooks(child));
            String summary = child.awaitErr(SUMMARY);
            assertTrue(summary.matches(".*exit code 70: broken FAILED \\d+ ms \\(java.io.IOException: disk gone\\),"
                    + " after OK \\d+ ms"), summary);
        }
    }

    @Test
    void systemExitInsideAHookNeitherDeadlocksNorStopsTheRest() throws Exception {
        try (Child child = Child.start("exit", Map.of("SHUTDOWN_TIMEOUT", "3s"))) {
            child.awaitOut("READY");
            long signalled = System.nanoTime();
            child.kill("TERM");
            assertEquals(3, child.awaitExit(), "System.exit(3) sets the status" + child.dump());
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled);
            assertTrue(tookMs < 2_500, "exit took " + tookMs + " ms: waited for the budget" + child.dump());
            assertEquals(List.of("HOOK quitter", "HOOK after"), hooks(child));
            String summary = child.awaitErr(SUMMARY);
            assertTrue(summary.matches(".*exit status set by System.exit: quitter FAILED \\d+ ms \\(java.lang.IllegalStateException:"
                    + " called System.exit during shutdown.*\\), after OK \\d+ ms"), summary);
        }
    }

    @Test
    void aSigtermDuringStartupStillRunsTheHooksRegisteredSoFar() throws Exception {
        try (Child child = Child.start("startup", Map.of("SHUTDOWN_TIMEOUT", "3s"))) {
            child.awaitOut("STARTING");
            child.kill("TERM");
            assertEquals(Shutdown.EXIT_OK, child.awaitExit(), child.dump());
            assertEquals(List.of("HOOK db"), hooks(child));
            assertFalse(child.stdout().contains("READY"));
            assertTrue(child.awaitErr(SUMMARY).endsWith("exit code 0: db OK " + hookMs(child, "db") + " ms"), child.dump());
        }
    }

    @Test
    void aSecondSigintHaltsAtOnceAndSaysSo() throws Exception {
        try (Child child = Child.start("double", Map.of("SHUTDOWN_TIMEOUT", "20s"))) {
            child.awaitOut("READY");
            Skip.unless(!child.ignoresSigint(), "SIGINT is ignored in this process tree (started as a background"
                    + " job of a non-interactive shell?), so it cannot be tested here");
            child.kill("INT");
            child.awaitOut("HOOK stuck");
            child.kill("INT");
            assertEquals(130, child.awaitExit(), child.dump());
            assertTrue(child.stderr().contains("twelvefactor-lifecycle: second signal (SIGINT) during shutdown:"
                    + " halting now with exit code 130; not finished: stuck"), child.dump());
        }
    }

    @Test
    void requestsInFlightFinishWhileReadinessAnswers503() throws Exception {
        try (Child child = Child.start("http", Map.of("SHUTDOWN_TIMEOUT", "3s", "HEALTH_PORT", "0"))) {
            String[] ready = child.awaitOut("READY").split(" ");
            int app = Integer.parseInt(ready[1].substring("app=".length()));
            int health = Integer.parseInt(ready[2].substring("health=".length()));
            assertTrue(Http.get(health, "/readyz").startsWith("200 {\"status\":\"ready\",\"checks\":[{\"name\":\"local\""));
            assertEquals("200 {\"status\":\"started\"}", Http.get(health, "/startupz"));
            assertEquals("200 not ready", Http.get(app, "/not-ready"));
            assertTrue(Http.get(health, "/readyz").startsWith("503 {\"status\":\"not ready\",\"reason\":\"told so\""));
            assertEquals("200 ready", Http.get(app, "/ready"));
            assertEquals(200, Http.status(health, "/readyz"));

            // a thread per request: the common pool may have a single thread on a small machine
            ExecutorService clients = Executors.newCachedThreadPool();
            CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> Http.get(app, "/work"), clients);
            child.awaitOut("ACCEPTED 1");
            child.kill("TERM");
            child.awaitErr("draining 1 request(s) in flight");
            assertEquals("200 ready", Http.get(app, "/ready")); // the application says ready: shutdown wins
            assertTrue(Http.get(health, "/readyz").startsWith("503 {\"status\":\"shutting down\""));
            assertEquals("200 {\"status\":\"live\"}", Http.get(health, "/livez"));
            CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> Http.get(app, "/work"), clients);
            child.awaitOut("ACCEPTED 2"); // a late request, still accepted during the drain
            assertEquals("200 released", Http.get(app, "/release"));

            assertEquals("200 done", first.get(30, TimeUnit.SECONDS));
            assertEquals("200 done", second.get(30, TimeUnit.SECONDS));
            clients.shutdown();
            assertEquals(Shutdown.EXIT_OK, child.awaitExit(), child.dump());
            assertTrue(child.stderr().stream().anyMatch(l -> l.contains("drained in ")), child.dump());
            assertEquals(List.of("HOOK http"), hooks(child));
            assertTrue(child.awaitErr(SUMMARY).endsWith("exit code 0: http OK " + hookMs(child, "http") + " ms"),
                    child.dump());
            assertTrue(child.stderr().contains("twelvefactor-lifecycle: INFO: probe server listening on port " + health
                    + " (HEALTH_PORT): /livez, /readyz, /startupz"), child.dump());
        }
    }

    private static List<String> hooks(Child child) {
        return child.stdout().stream().filter(l -> l.startsWith("HOOK ")).toList();
    }

    /** The milliseconds the hook's own line reports, which the summary must repeat. */
    private static String hookMs(Child child, String hook) throws InterruptedException {
        String line = child.awaitErr("hook '" + hook + "' OK in ");
        String tail = line.substring(line.indexOf(" OK in ") + " OK in ".length());
        return tail.substring(0, tail.indexOf(' '));
    }
}
