package io.twelvefactor.benchmarks.startup;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Startup and shutdown of whole processes, measured from outside as a user would: each run
 * launches a fresh JVM and times from just before {@code ProcessBuilder.start()} to the
 * child's ready line on stdout (time to ready), or from {@code SIGTERM} to the exit being
 * reaped (SIGTERM to exit). Not JMH: what is measured is a process starting or dying. The
 * variants alternate run by run, so that drift in the machine's load hits them alike, and
 * the table shows medians. Children run with the JVM's defaults ({@code -Xshare:auto}: the
 * JDK's own class-data archive, none of the application's) unless a row says otherwise.
 *
 * <p>Rows: a plain JDK {@code HttpServer} hello, the same hello with
 * {@code twelvefactor-config} ({@code Env.bind} of a four-field record), with
 * {@code twelvefactor-logging} (one SLF4J event; then the same event through SLF4J's peers:
 * {@code slf4j-nop}, which shows what SLF4J's own start costs, {@code slf4j-simple} and
 * logback's default console output), with {@code twelvefactor-lifecycle}
 * ({@code Shutdown.install()}, a hook, {@code started()}) and with all three; each child's
 * class path holds only the jars its variant uses ({@code target/startup/}, written by the
 * build). Then the plain hello and the one with all three again, each with a class-data
 * archive of its own classes made by one training run (AppCDS on JDK 17 to 24, the AOT cache
 * on JDK 25 and later): the difference left once no class is loaded from a jar. Then SIGTERM to exit of three trivial hooks, plain {@code Runtime.addShutdownHook}
 * against {@code Shutdown}, without and with the logging module. With {@code --example}, the
 * example service's time to ready on an empty and on an already-migrated database, and with
 * a class-data archive of the application made by a training run first (AppCDS through
 * {@code -XX:ArchiveClassesAtExit} on JDK 17 to 23, the AOT cache through
 * {@code -XX:AOTCacheOutput} on JDK 25 and later).
 *
 * <pre>{@code
 * flock /tmp/tf-build.lock java -cp twelvefactor-benchmarks/target/benchmarks.jar \
 *     io.twelvefactor.benchmarks.startup.StartupBenchmark --runs 21 \
 *     [--java /usr/lib/jvm/temurin-25-jdk-amd64/bin/java] [--example twelvefactor-example/target/twelvefactor-example.jar]
 * }</pre>
 */
public final class StartupBenchmark {

    private static final String HELLO = "io.twelvefactor.benchmarks.startup.child.Hello";
    private static final String HOOKS = "io.twelvefactor.benchmarks.startup.child.Hooks";

    private final String java;
    private final int feature;
    private final Path lib;
    private final Path work;
    private final Path children;

    private StartupBenchmark(String java, Path lib, Path work) throws IOException, InterruptedException {
        this.java = java;
        this.lib = lib;
        try (Stream<Path> files = Files.list(lib)) {
            this.children = files.filter(f -> f.getFileName().toString().endsWith("-startup-children.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no *-startup-children.jar in " + lib));
        }
        this.work = work;
        this.feature = featureVersion(java);
    }

    /**
     * Runs the benchmark and prints its tables.
     *
     * @param args {@code --runs N} (default 21), {@code --java PATH} (default: this JVM's),
     *             {@code --example JAR} to add the example service's rows, {@code --no-hello}
     *             to leave out the hello and hooks rows but the plain hello
     * @throws Exception if a child fails
     */
    public static void main(String[] args) throws Exception {
        int runs = 21;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path example = null;
        boolean hello = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--java" -> java = args[++i];
                case "--example" -> example = Path.of(args[++i]).toAbsolutePath();
                case "--no-hello" -> hello = false;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; expected --runs N, --java PATH, --example JAR, --no-hello");
            }
        }
        Path lib = ownJar().resolveSibling("startup");
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException(lib + " is missing: build the module with mvn package first");
        }
        Path work = Files.createTempDirectory("tf-startup");
        try {
            new StartupBenchmark(java, lib, work).run(runs, hello, example);
        } finally {
            delete(work);
        }
    }

    private void run(int runs, boolean hello, Path example) throws IOException, InterruptedException {
        Map<String, Child> ready = new LinkedHashMap<>();
        ready.put("hello, plain JDK HttpServer", hello("plain"));
        if (hello) {
            ready.put("+ config (Env.bind, 4 fields)", hello("config", "twelvefactor-config.jar"));
            ready.put("+ logging (one SLF4J event)", hello("logging", "twelvefactor-logging.jar", "slf4j-api.jar"));
            // The same event through SLF4J's peers: what SLF4J itself costs, and what others add.
            ready.put("  peer: slf4j-nop (writes nothing)", hello("logging", "slf4j-nop.jar", "slf4j-api.jar"));
            ready.put("  peer: slf4j-simple (text on stderr)", hello("logging", "slf4j-simple.jar", "slf4j-api.jar"));
            ready.put("  peer: logback-classic (default console)", hello("logging", "logback-classic.jar",
                    "logback-core.jar", "slf4j-api.jar"));
            ready.put("+ lifecycle (no logging module)", hello("lifecycle", "twelvefactor-lifecycle.jar"));
            ready.put("+ config + logging + lifecycle", hello("all", "twelvefactor-config.jar",
                    "twelvefactor-logging.jar", "slf4j-api.jar", "twelvefactor-lifecycle.jar"));
        }
        Map<String, Child> archived = new LinkedHashMap<>();
        if (hello) {
            // The same two hellos, each with a class-data archive of its own classes made by one
            // training run: what is left of the modules' cost once no class is loaded from a jar.
            archived.put("hello, plain JDK HttpServer", archived("plain"));
            archived.put("+ config + logging + lifecycle", archived("all",
                    "twelvefactor-config.jar", "twelvefactor-logging.jar", "slf4j-api.jar", "twelvefactor-lifecycle.jar"));
        }
        if (example != null) {
            addExample(ready, example);
        }
        Map<String, Child> exit = new LinkedHashMap<>();
        if (hello) {
            exit.put("Runtime.addShutdownHook x3", hooks("plain"));
            exit.put("Shutdown, 3 hooks (no logging module)", hooks("shutdown", "twelvefactor-lifecycle.jar"));
            exit.put("Runtime.addShutdownHook x3 + logging", hooks("plain log", "twelvefactor-logging.jar",
                    "slf4j-api.jar"));
            exit.put("Shutdown, 3 hooks + logging", hooks("shutdown log", "twelvefactor-lifecycle.jar",
                    "twelvefactor-logging.jar", "slf4j-api.jar"));
        }
        Map<String, List<Double>> toReady = new LinkedHashMap<>();
        Map<String, List<Double>> toExit = new LinkedHashMap<>();
        Map<String, List<Double>> toReadyArchived = new LinkedHashMap<>();
        ready.keySet().forEach(k -> toReady.put(k, new ArrayList<>()));
        archived.keySet().forEach(k -> toReadyArchived.put(k, new ArrayList<>()));
        exit.keySet().forEach(k -> toExit.put(k, new ArrayList<>()));
        for (int i = -1; i < runs; i++) { // run -1 warms the page cache and the JDK's archive; not counted
            for (Map.Entry<String, Child> e : ready.entrySet()) {
                double[] t = e.getValue().run();
                if (i >= 0) {
                    toReady.get(e.getKey()).add(t[0]);
                }
            }
            for (Map.Entry<String, Child> e : archived.entrySet()) {
                double[] t = e.getValue().run();
                if (i >= 0) {
                    toReadyArchived.get(e.getKey()).add(t[0]);
                }
            }
            for (Map.Entry<String, Child> e : exit.entrySet()) {
                double[] t = e.getValue().run();
                if (i >= 0) {
                    toExit.get(e.getKey()).add(t[1]);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%s; %d cores; %d runs of each, medians in ms; children with the JVM's"
                + " default options (-Xshare:auto) unless named%n", version(), Runtime.getRuntime().availableProcessors(), runs);
        print("time to ready (launch to ready line)", toReady);
        if (!toReadyArchived.isEmpty()) {
            print("time to ready, each with its own " + archiveLabel(), toReadyArchived);
        }
        if (!toExit.isEmpty()) {
            print("SIGTERM to exit", toExit);
        }
    }

    private Child hello(String variant, String... jars) {
        return new Child(java, List.of(), classPath(jars), List.of(HELLO, variant), work, "READY");
    }

    /** A hello variant started with a class-data archive of its own, made now by a training run. */
    private Child archived(String variant, String... jars) throws IOException, InterruptedException {
        Path archive = work.resolve("hello-" + variant + (feature >= 25 ? ".aot" : ".jsa"));
        String train = feature >= 25 ? "-XX:AOTCacheOutput=" + archive : "-XX:ArchiveClassesAtExit=" + archive;
        String use = feature >= 25 ? "-XX:AOTCache=" + archive : "-XX:SharedArchiveFile=" + archive;
        new Child(java, List.of(train), classPath(jars), List.of(HELLO, variant), work, "READY").run();
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("the training run wrote no " + archive);
        }
        return new Child(java, List.of(use), classPath(jars), List.of(HELLO, variant), work, "READY");
    }

    private String archiveLabel() {
        return feature >= 25 ? "AOT cache" : "AppCDS archive";
    }

    private Child hooks(String args, String... jars) {
        List<String> command = new ArrayList<>();
        command.add(HOOKS);
        command.addAll(List.of(args.split(" ")));
        return new Child(java, List.of(), classPath(jars), command, work, "READY");
    }

    private String classPath(String... jars) {
        StringBuilder cp = new StringBuilder(children.toString());
        for (String jar : jars) {
            cp.append(File.pathSeparatorChar).append(lib.resolve(jar));
        }
        return cp.toString();
    }

    /**
     * The example service: on an empty database (a new directory each run, so the embedded
     * H2 database and its table are created), on a migrated one (one directory, migrated by a
     * first run), and on the migrated one again with an archive of the application's classes
     * made by one training run (start, ready, SIGTERM).
     */
    private void addExample(Map<String, Child> rows, Path jar) throws IOException, InterruptedException {
        String ready = "ready on port";
        Path migrated = Files.createDirectories(work.resolve("migrated"));
        Child plain = new Child(java, List.of(), null, List.of("-jar", jar.toString()), migrated, ready);
        plain.run(); // creates the database and its table
        rows.put("example, empty database", new Child(java, List.of(), null, List.of("-jar", jar.toString()), null, ready));
        rows.put("example, migrated database", plain);
        Path archive = migrated.resolve(feature >= 25 ? "app.aot" : "app.jsa");
        String train = feature >= 25 ? "-XX:AOTCacheOutput=" + archive : "-XX:ArchiveClassesAtExit=" + archive;
        String use = feature >= 25 ? "-XX:AOTCache=" + archive : "-XX:SharedArchiveFile=" + archive;
        new Child(java, List.of(train), null, List.of("-jar", jar.toString()), migrated, ready).run();
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("the training run wrote no " + archive);
        }
        String label = archiveLabel();
        rows.put("example, migrated, " + label, new Child(java, List.of(use), null, List.of("-jar", jar.toString()),
                migrated, ready));
        rows.put("example, empty, " + label, new Child(java, List.of(use), null, List.of("-jar", jar.toString()),
                null, ready));
    }

    /**
     * One kind of child process. {@code cwd} null means a new empty directory for each run.
     * {@link #run()} returns launch-to-ready and SIGTERM-to-exit in milliseconds.
     */
    private final class Child {
        private final List<String> command = new ArrayList<>();
        private final Path cwd;
        private final String readyLine;

        Child(String java, List<String> jvmOptions, String classPath, List<String> args, Path cwd, String readyLine) {
            command.add(java);
            command.addAll(jvmOptions);
            if (classPath != null) {
                command.add("-cp");
                command.add(classPath);
            }
            command.addAll(args);
            this.cwd = cwd;
            this.readyLine = readyLine;
        }

        double[] run() throws IOException, InterruptedException {
            Path dir = cwd != null ? cwd : Files.createTempDirectory(work, "run");
            Path err = work.resolve("stderr.txt");
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectError(ProcessBuilder.Redirect.to(err.toFile()));
            Map<String, String> env = pb.environment();
            env.clear(); // what the library reads comes from here alone
            env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
            env.put("PORT", "0");
            long start = System.nanoTime();
            Process p = pb.start();
            double toReady;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line = out.readLine();
                while (line != null && !line.contains(readyLine)) {
                    line = out.readLine();
                }
                toReady = (System.nanoTime() - start) / 1e6;
                if (line == null) {
                    p.waitFor();
                    throw new IllegalStateException(String.join(" ", command) + " ended with " + p.exitValue()
                            + " without printing '" + readyLine + "'; stderr: " + Files.readString(err));
                }
                long signal = System.nanoTime();
                p.destroy(); // SIGTERM
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " did not exit within 30 s of SIGTERM");
                }
                double toExit = (System.nanoTime() - signal) / 1e6;
                return new double[] {toReady, toExit};
            } finally {
                if (cwd == null) {
                    delete(dir);
                }
            }
        }
    }

    private static void print(String title, Map<String, List<Double>> rows) {
        System.out.println();
        System.out.printf(Locale.ROOT, "%-48s %8s %8s %8s %8s%n", title, "median", "min", "p90", "+median");
        double base = Double.NaN;
        for (Map.Entry<String, List<Double>> e : rows.entrySet()) {
            List<Double> sorted = new ArrayList<>(e.getValue());
            Collections.sort(sorted);
            double median = median(sorted);
            if (Double.isNaN(base)) {
                base = median;
            }
            System.out.printf(Locale.ROOT, "%-48s %8.1f %8.1f %8.1f %8s%n", e.getKey(), median, sorted.get(0),
                    sorted.get((int) Math.ceil(0.9 * sorted.size()) - 1),
                    median == base ? "" : String.format(Locale.ROOT, "%+.1f", median - base));
        }
    }

    private static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private String version() throws IOException, InterruptedException {
        return javaVersion(java).get(0);
    }

    private static int featureVersion(String java) throws IOException, InterruptedException {
        String first = javaVersion(java).get(0); // openjdk version "17.0.15" 2025-04-15
        int quote = first.indexOf('"');
        String v = first.substring(quote + 1);
        int end = 0;
        while (end < v.length() && Character.isDigit(v.charAt(end))) {
            end++;
        }
        return Integer.parseInt(v.substring(0, end));
    }

    private static List<String> javaVersion(String java) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(java, "-version").redirectErrorStream(true).start();
        List<String> lines;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            lines = r.lines().toList();
        }
        p.waitFor();
        return List.of(lines.get(0) + " (" + lines.get(lines.size() - 1) + ")");
    }

    private static Path ownJar() {
        try {
            return Path.of(StartupBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
