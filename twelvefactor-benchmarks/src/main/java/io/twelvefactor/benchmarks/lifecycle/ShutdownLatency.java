package io.twelvefactor.benchmarks.lifecycle;

import io.twelvefactor.lifecycle.Shutdown;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Time from SIGTERM to process exit, measured from outside: a plain JVM with three
 * {@code Runtime.addShutdownHook} hooks against {@code Shutdown.install()} with three trivial
 * hooks. Not JMH: what is measured is a whole process dying. Each run starts a fresh child
 * JVM from this jar, waits for its READY line, sends SIGTERM ({@code Process.destroy}, the
 * kill(2) syscall) and times until the exit is reaped. The two kinds alternate so that drift
 * in the machine's load hits both alike.
 *
 * <pre>{@code
 * flock /tmp/twelvefactor-jmh.lock java -cp twelvefactor-benchmarks/target/benchmarks.jar \
 *     io.twelvefactor.benchmarks.lifecycle.ShutdownLatency 30
 * }</pre>
 */
public final class ShutdownLatency {

    private ShutdownLatency() {
    }

    /**
     * Runs the comparison.
     *
     * @param args the number of runs of each kind (default 30) then JVM options for the children;
     *             or {@code plain}/{@code twelvefactor} to be a child
     * @throws Exception if a child fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("plain")) {
            plainChild();
            return;
        }
        if (args.length == 1 && args[0].equals("twelvefactor")) {
            twelvefactorChild();
            return;
        }
        int runs = args.length == 0 ? 30 : Integer.parseInt(args[0]);
        List<String> jvmOptions = args.length <= 1 ? List.of() : List.of(args).subList(1, args.length);
        List<Double> plain = new ArrayList<>();
        List<Double> ours = new ArrayList<>();
        run("plain", jvmOptions); // warm the page cache and CDS archive for both
        run("twelvefactor", jvmOptions);
        for (int i = 0; i < runs; i++) {
            plain.add(run("plain", jvmOptions));
            ours.add(run("twelvefactor", jvmOptions));
        }
        System.out.println("SIGTERM -> exit, " + runs + " child JVMs each, three trivial hooks (ms)"
                + (jvmOptions.isEmpty() ? "" : ", children run with " + String.join(" ", jvmOptions)));
        System.out.println(row("kind", "median", "p90", "min"));
        System.out.println(row("Runtime.addShutdownHook", plain));
        System.out.println(row("Shutdown.install", ours));
        System.out.printf(Locale.ROOT, "overhead (median): %.1f ms%n", median(ours) - median(plain));
    }

    private static double run(String kind, List<String> jvmOptions) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", jar(), ShutdownLatency.class.getName(), kind));
        Process p = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            while (line != null && !line.equals("READY")) {
                line = out.readLine(); // log lines: twelvefactor-logging is on this jar's class path too
            }
            if (line == null) {
                throw new IllegalStateException(kind + " child ended without printing READY");
            }
            long start = System.nanoTime();
            p.destroy(); // SIGTERM
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(kind + " child did not exit within 30 s");
            }
            return (System.nanoTime() - start) / 1e6;
        }
    }

    private static void plainChild() throws InterruptedException {
        AtomicInteger closed = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            Runtime.getRuntime().addShutdownHook(new Thread(closed::incrementAndGet));
        }
        System.out.println("READY");
        System.out.flush();
        new CountDownLatch(1).await();
    }

    private static void twelvefactorChild() throws InterruptedException {
        AtomicInteger closed = new AtomicInteger();
        Shutdown shutdown = Shutdown.install();
        for (int i = 0; i < 3; i++) {
            shutdown.register("hook-" + i, closed::incrementAndGet);
        }
        shutdown.started();
        System.out.println("READY");
        System.out.flush();
        shutdown.await();
    }

    private static String row(String kind, List<Double> ms) {
        List<Double> sorted = new ArrayList<>(ms);
        Collections.sort(sorted);
        return row(kind, fmt(median(sorted)), fmt(sorted.get((int) Math.ceil(0.9 * sorted.size()) - 1)), fmt(sorted.get(0)));
    }

    private static String row(String kind, String median, String p90, String min) {
        return String.format(Locale.ROOT, "%-26s %8s %8s %8s", kind, median, p90, min);
    }

    private static double median(List<Double> ms) {
        List<Double> sorted = new ArrayList<>(ms);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String fmt(double ms) {
        return String.format(Locale.ROOT, "%.1f", ms);
    }

    private static String jar() {
        try {
            return Path.of(ShutdownLatency.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
