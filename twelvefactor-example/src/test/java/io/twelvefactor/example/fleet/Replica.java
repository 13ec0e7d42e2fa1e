package io.twelvefactor.example.fleet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One replica of the example service: a child JVM on a fixed port, its output kept in a log
 * file, ready when it logs its "ready on port" event (a worker: its "worker ready" event). A naive replica runs with {@code -Xrs}:
 * the JVM installs no SIGTERM handler, so SIGTERM ends the process at once, as it would end a
 * service without twelvefactor-lifecycle's drain (no readiness flip, no delay, no drain).
 */
final class Replica implements AutoCloseable {
    static final String MAIN = "io.twelvefactor.example.NotesService";

    private final String name;
    private final Process process;
    private final long spawnedAt = System.nanoTime();
    private final CompletableFuture<Duration> ready = new CompletableFuture<>();
    private final Thread reader;

    private Replica(String name, Process process, Path log, String readyMarker) throws IOException {
        this.name = name;
        this.process = process;
        PrintStream file = new PrintStream(Files.newOutputStream(log), true, StandardCharsets.UTF_8);
        reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                 file) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (!ready.isDone() && line.contains(readyMarker)) {
                        ready.complete(Duration.ofNanos(System.nanoTime() - spawnedAt));
                    }
                    file.println(line);
                }
            } catch (IOException e) {
                file.println("<output failed: " + e + ">");
            }
        }, name + "-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Runs {@code command} ({@code run}, {@code worker} or {@code migrate}) with exactly {@code env} plus PATH. */
    static Replica start(String name, String command, Map<String, String> env, boolean naive, Path dir)
            throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-Xmx256m"));
        if (naive) {
            cmd.add("-Xrs");
        }
        cmd.addAll(List.of("-cp", absoluteClassPath(), MAIN, command));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        String path = pb.environment().get("PATH");
        pb.environment().clear();
        pb.environment().put("PATH", path == null ? "/usr/bin:/bin" : path);
        pb.environment().putAll(env);
        return new Replica(name, pb.start(), dir.resolve(name + ".log"),
                command.equals("worker") ? "worker ready" : "ready on port");
    }

    /** This JVM's class path with every entry absolute, since the replicas run in another directory. */
    private static String absoluteClassPath() {
        StringBuilder b = new StringBuilder();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            b.append(b.length() == 0 ? "" : java.io.File.pathSeparator).append(Path.of(entry).toAbsolutePath());
        }
        return b.toString();
    }

    String name() {
        return name;
    }

    /** Waits for the ready event and returns the time from spawn to ready. */
    Duration awaitReady(Duration timeout) throws Exception {
        CompletableFuture<Object> exited = process.onExit().thenApply(p -> (Object) p.exitValue());
        CompletableFuture.anyOf(ready, exited).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!ready.isDone()) {
            reader.join(5_000);
            throw new IllegalStateException(name + " exited with " + process.exitValue() + " before it was ready");
        }
        return ready.get();
    }

    /** Sends a real signal with kill(1), as a container runtime does. */
    void signal(String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + name + " failed");
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to end and returns its exit code. */
    int awaitExit(Duration timeout) throws Exception {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new TimeoutException(name + " did not exit within " + timeout);
        }
        reader.join(timeout.toMillis());
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
