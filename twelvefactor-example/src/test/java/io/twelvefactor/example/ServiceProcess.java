package io.twelvefactor.example;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The example service as a real child JVM: started with a clean environment, its stdout and
 * stderr read continuously, ready when it logs its "ready on port" event.
 */
final class ServiceProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final List<String> stdout = new CopyOnWriteArrayList<>();
    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> ready = new CompletableFuture<>();
    private final Thread outReader;
    private final Thread errReader;

    /** Sees every stdout line as it is read; the default sees nothing. */
    private final java.util.function.Consumer<String> listener;

    private ServiceProcess(Process process) {
        this(process, line -> { });
    }

    private ServiceProcess(Process process, java.util.function.Consumer<String> listener) {
        this.process = process;
        this.listener = listener;
        outReader = reader(process.getInputStream(), stdout, true);
        errReader = reader(process.getErrorStream(), stderr, false);
    }

    /** Starts {@code java … NotesService command} in {@code dir} with exactly {@code env}. */
    static ServiceProcess start(Path dir, Map<String, String> env, String command) throws IOException {
        return start(dir, env, command, line -> { });
    }

    /** As {@link #start(Path, Map, String)}, handing every stdout line to {@code listener} as it is read. */
    static ServiceProcess start(Path dir, Map<String, String> env, String command,
                                java.util.function.Consumer<String> listener) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                NotesService.class.getName(), command).directory(dir.toFile());
        Map<String, String> childEnv = pb.environment();
        String path = childEnv.get("PATH");
        childEnv.clear();
        childEnv.put("PATH", path == null ? "/usr/bin:/bin" : path);
        childEnv.putAll(env);
        return new ServiceProcess(pb.start(), listener);
    }

    /** Starts {@code run} and waits for the ready event. */
    static ServiceProcess run(Path dir, Map<String, String> env) throws Exception {
        ServiceProcess p = start(dir, env, "run");
        p.awaitReady();
        return p;
    }

    /** Runs a command to its end, e.g. {@code migrate}, and returns it for its exit code. */
    static ServiceProcess runToEnd(Path dir, Map<String, String> env, String command) throws Exception {
        ServiceProcess p = start(dir, env, command);
        p.awaitExit(START_TIMEOUT);
        return p;
    }

    int awaitReady() throws Exception {
        CompletableFuture<Integer> exited = process.onExit().thenApply(Process::exitValue);
        Object first = CompletableFuture.anyOf(ready, exited).get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (!ready.isDone()) {
            fail("the service exited with " + first + " before it was ready\nstdout:\n"
                    + String.join("\n", stdout) + "\nstderr:\n" + String.join("\n", stderr));
        }
        return ready.get();
    }

    int port() {
        return ready.join();
    }

    long pid() {
        return process.pid();
    }

    /** Sends a real signal with kill(1), as a container runtime would. */
    void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + name + " failed");
    }

    /** Waits for the process to end and both streams to be read to their end. */
    int awaitExit(Duration timeout) throws Exception {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new TimeoutException("the service did not exit within " + timeout);
        }
        outReader.join(timeout.toMillis());
        errReader.join(timeout.toMillis());
        return process.exitValue();
    }

    /**
     * Waits for a stdout line containing {@code fragment}; fails if the process ends first or
     * {@code bound} passes (a bound only a hung process reaches).
     */
    synchronized String awaitStdout(String fragment, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        int seen = 0;
        while (true) {
            boolean ended = !outReader.isAlive(); // read before the scan: no line can slip between
            for (; seen < stdout.size(); seen++) {
                if (stdout.get(seen).contains(fragment)) {
                    return stdout.get(seen);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || ended) {
                fail("no stdout line containing '" + fragment + "'\nstdout:\n" + String.join("\n", stdout)
                        + "\nstderr:\n" + String.join("\n", stderr));
            }
            wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
    }

    List<String> stdout() {
        return List.copyOf(stdout);
    }

    List<String> stderr() {
        return List.copyOf(stderr);
    }

    /** Every stdout line parsed as JSON; fails on a line that is not exactly one JSON object. */
    List<JsonNode> events() {
        List<JsonNode> events = new ArrayList<>();
        for (String line : stdout) {
            try {
                JsonNode node = JSON.readTree(line);
                if (node == null || !node.isObject()) {
                    fail("not a JSON object: " + line);
                }
                events.add(node);
            } catch (IOException e) {
                fail("not a JSON line: " + line, e);
            }
        }
        return events;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private Thread reader(InputStream in, List<String> sink, boolean watchForReady) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    sink.add(line);
                    if (watchForReady) {
                        listener.accept(line);
                        synchronized (this) {
                            notifyAll();
                        }
                    }
                    if (watchForReady && !ready.isDone() && line.contains("ready on port")) {
                        ready.complete(JSON.readTree(line).path("url.port").asInt());
                    }
                }
            } catch (IOException e) {
                sink.add("<stream failed: " + e + ">");
            } finally {
                synchronized (this) {
                    notifyAll(); // awaitStdout gives up once the stream ended
                }
            }
        }, "child-" + (watchForReady ? "stdout" : "stderr"));
        t.setDaemon(true);
        t.start();
        return t;
    }
}
