package io.twelvefactor.lifecycle;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ChildMain} in a real JVM: stdout and stderr are read continuously on threads, and
 * the test waits for lines, never for time. Every wait has a generous bound that only a hung
 * child reaches, and a failure shows everything the child printed.
 */
final class Child implements AutoCloseable {

    private static final long BOUND_SECONDS = 30;

    final Process process;
    private final List<String> out = new ArrayList<>();
    private final List<String> err = new ArrayList<>();
    private final List<List<String>> ended = new ArrayList<>();
    private final Thread outReader;
    private final Thread errReader;

    private Child(Process process) {
        this.process = process;
        this.outReader = reader(process.getInputStream(), out, "stdout");
        this.errReader = reader(process.getErrorStream(), err, "stderr");
    }

    static Child start(String scenario, Map<String, String> env, String... jvmOptions) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = location(Shutdown.class) + File.pathSeparator + location(ChildMain.class);
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Dfile.encoding=UTF-8"));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", cp, ChildMain.class.getName(), scenario));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeAll(List.of("SHUTDOWN_TIMEOUT", "SHUTDOWN_DELAY", "HEALTH_PORT", "JAVA_TOOL_OPTIONS"));
        pb.environment().putAll(env);
        return new Child(pb.start());
    }

    /** Waits for a stdout line containing {@code text}; returns it. */
    String awaitOut(String text) throws InterruptedException {
        return await(out, text);
    }

    /** Waits for a stderr line containing {@code text}; returns it. */
    String awaitErr(String text) throws InterruptedException {
        return await(err, text);
    }

    /** Sends a signal with the kill command, as a platform would. */
    void kill(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(BOUND_SECONDS, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new AssertionError("kill -" + signal + " " + process.pid() + " failed" + dump());
        }
    }

    /** Waits for the process to end and its output to be read; returns the exit code. */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(BOUND_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("child still running after " + BOUND_SECONDS + " s" + dump());
        }
        outReader.join();
        errReader.join();
        return process.exitValue();
    }

    /** Whether the child ignores {@code SIGINT} (inherited, as in a non-interactive shell's background job). */
    boolean ignoresSigint() throws IOException {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseLong(line.substring(7).strip(), 16) & (1L << 1)) != 0;
            }
        }
        return false;
    }

    synchronized List<String> stdout() {
        return List.copyOf(out);
    }

    synchronized List<String> stderr() {
        return List.copyOf(err);
    }

    synchronized String dump() {
        return "\n--- child stdout ---\n" + String.join("\n", out) + "\n--- child stderr ---\n" + String.join("\n", err);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private synchronized String await(List<String> lines, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
        int seen = 0;
        while (true) {
            for (; seen < lines.size(); seen++) {
                if (lines.get(seen).contains(text)) {
                    return lines.get(seen);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || ended.contains(lines)) {
                throw new AssertionError("no line containing '" + text + "'" + dump());
            }
            wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
        }
    }

    private Thread reader(InputStream stream, List<String> lines, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    synchronized (this) {
                        lines.add(line);
                        notifyAll();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                synchronized (this) {
                    ended.add(lines);
                    notifyAll();
                }
            }
        }, "child-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
