package io.twelvefactor.example.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The fleet harness: HAProxy in front of replicas of the example on a real PostgreSQL, clients
 * through the balancer, and a platform's moves (rolling deploy, crash, scale) under that load.
 * Each scenario prints one row of the README's table; with workers, a second row says what
 * became of the notes' jobs. Everything runs on loopback, on free ports, in a database (and a
 * queue) created for the run and dropped after it, and stops by itself.
 *
 * <pre>
 * twelvefactor-example/fleet/run [scenario ...]      (see {@link #USAGE})
 * </pre>
 */
public final class Fleet {
    static final String USAGE = String.join("\n",
            "usage: fleet/run [--clients N] [--rounds N] [--max-requests N] [scenario ...]",
            "scenarios (default: all but direct):",
            "  rolling        replace the 3 replicas one at a time (SIGTERM, exit, start, ready), N rounds",
            "  rolling-r0     the same with HAProxy 'retries 0'",
            "  delay0         the same with SHUTDOWN_DELAY=0s",
            "  naive          the same with replicas that exit at once on SIGTERM (java -Xrs: no drain)",
            "  crash          SIGKILL one replica; the platform restarts it",
            "  scale          add a 4th replica, then remove it with SIGTERM",
            "  workers        rolling, with AMQP_URL and 2 workers replaced in each round too; then every note",
            "                 stored must get its word count (needs TEST_AMQP_URL)",
            "  direct         no balancer: 16 clients POST to one replica, SIGTERM; counts resets",
            "environment: TEST_POSTGRES_URL (required; a database is created for the run and dropped),",
            "  TEST_AMQP_URL (for workers; a queue is declared for the run and deleted),",
            "  HAPROXY (the haproxy command; default: from the PATH)",
            "");

    /** The scenarios, each one row. */
    enum Scenario {
        ROLLING("rolling deploy", "3s", 3, false, 0),
        ROLLING_R0("rolling deploy, retries 0", "3s", 0, false, 0),
        DELAY0("rolling deploy, SHUTDOWN_DELAY=0s", "0s", 3, false, 0),
        NAIVE("rolling deploy, naive replicas (exit at once)", "3s", 3, true, 0),
        CRASH("crash: SIGKILL one replica, restart", "3s", 3, false, 0),
        SCALE("scale out to 4, back in to 3", "3s", 3, false, 0),
        WORKERS("rolling deploy, 2 workers replaced too", "3s", 3, false, 2),
        DIRECT("direct: 16 clients, one replica, SIGTERM", "1s", 0, false, 0);

        final String title;
        final String delay;
        final int retries;
        final boolean naive;
        /** Worker processes beside the web replicas; with any, the web replicas relay the outbox. */
        final int workers;

        Scenario(String title, String delay, int retries, boolean naive, int workers) {
            this.title = title;
            this.delay = delay;
            this.retries = retries;
            this.naive = naive;
            this.workers = workers;
        }

        static Scenario of(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    /** Knobs of a run; the defaults are the README's. */
    record Options(int clients, int rounds, int maxRequests, Duration steady, Path haproxyConfig, Path workDir) {
        static Options defaults() {
            return new Options(8, 3, 400_000, Duration.ofSeconds(3), defaultConfig(), Path.of("target", "fleet"));
        }

        private static Path defaultConfig() {
            for (Path p : List.of(Path.of("fleet", "haproxy.cfg"), Path.of("twelvefactor-example", "fleet", "haproxy.cfg"))) {
                if (Files.isRegularFile(p)) {
                    return p;
                }
            }
            return Path.of("fleet", "haproxy.cfg");
        }
    }

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(40);
    private static final String SHUTDOWN_TIMEOUT = "15s";
    /** The most the queue may take to drain once the load stopped: a bound only a lost job reaches. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(120);

    private final Options options;
    private final String token = "fleet-" + UUID.randomUUID();
    private final String runId = "fleet-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
    private final Path dir;
    private final Services services;

    /**
     * @param adminUrl a PostgreSQL server where the run may create and drop its database
     * @param amqpUrl  a RabbitMQ broker, for the scenario with workers
     */
    Fleet(Options options, String adminUrl, Optional<String> amqpUrl) throws IOException {
        this.options = options;
        this.dir = Files.createDirectories(options.workDir().resolve(runId)).toAbsolutePath();
        this.services = new Services(adminUrl, amqpUrl, runId, dir);
    }

    /** Creates the run's database (and queue), migrated by the example's own {@code migrate}. */
    void createDatabase() throws Exception {
        services.create();
    }

    /** Drops the run's database (and queue). */
    void dropDatabase() throws Exception {
        services.drop();
    }

    /**
     * Runs scenarios and prints one Markdown row each.
     *
     * @param args options and scenario names (see {@link #USAGE})
     * @throws Exception when the fleet cannot be set up
     */
    public static void main(String[] args) throws Exception {
        Options o = Options.defaults();
        List<Scenario> scenarios = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--clients" -> o = new Options(Integer.parseInt(args[++i]), o.rounds(), o.maxRequests(), o.steady(), o.haproxyConfig(), o.workDir());
                case "--rounds" -> o = new Options(o.clients(), Integer.parseInt(args[++i]), o.maxRequests(), o.steady(), o.haproxyConfig(), o.workDir());
                case "--max-requests" -> o = new Options(o.clients(), o.rounds(), Integer.parseInt(args[++i]), o.steady(), o.haproxyConfig(), o.workDir());
                case "-h", "--help", "help" -> {
                    System.out.print(USAGE);
                    return;
                }
                default -> {
                    try {
                        scenarios.add(Scenario.of(args[i]));
                    } catch (IllegalArgumentException e) {
                        System.err.print("unknown scenario or option '" + args[i] + "'\n" + USAGE);
                        System.exit(64);
                    }
                }
            }
        }
        Optional<String> amqp = Optional.ofNullable(System.getenv("TEST_AMQP_URL")).filter(u -> !u.isBlank());
        if (scenarios.isEmpty()) {
            scenarios.addAll(List.of(Scenario.values()).subList(0, Scenario.values().length - 1));
            if (amqp.isEmpty()) {
                scenarios.remove(Scenario.WORKERS);
                System.err.println("TEST_AMQP_URL is not set: the workers scenario is left out");
            }
        }
        if (amqp.isEmpty() && scenarios.contains(Scenario.WORKERS)) {
            System.err.print("TEST_AMQP_URL is not set: the workers scenario needs a RabbitMQ broker, e.g.\n"
                    + "  TEST_AMQP_URL=amqp://guest:guest@127.0.0.1:5672/%2F\n");
            System.exit(2);
        }
        String url = System.getenv("TEST_POSTGRES_URL");
        if (url == null || url.isBlank()) {
            System.err.print("TEST_POSTGRES_URL is not set: the fleet needs a PostgreSQL server, e.g.\n"
                    + "  TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test\n");
            System.exit(2);
        }
        if (!scenarios.equals(List.of(Scenario.DIRECT)) && HaProxy.command().isEmpty()) {
            System.err.print("haproxy is not installed: apt-get install -y haproxy (or set HAPROXY)\n");
            System.exit(2);
        }
        Fleet fleet = new Fleet(o, url, amqp);
        System.out.println("fleet run " + fleet.runId + ": " + o.clients() + " clients, " + o.rounds()
                + " rounds; logs in " + fleet.dir);
        System.out.println(Row.header());
        List<Row> rows = new ArrayList<>();
        try {
            fleet.createDatabase();
            for (Scenario s : scenarios) {
                Row row = fleet.run(s);
                rows.add(row);
                System.out.println(row.markdown());
            }
        } finally {
            fleet.dropDatabase();
        }
        if (rows.stream().anyMatch(r -> r.jobs().isPresent())) {
            System.out.println();
            System.out.println(Jobs.header());
            for (Row r : rows) {
                r.jobs().ifPresent(j -> System.out.println(j.markdown(r.scenario())));
            }
        }
    }

    /** Runs one scenario on a fresh set of replicas and returns its row. */
    Row run(Scenario s) throws Exception {
        if (s == Scenario.DIRECT) {
            return direct();
        }
        List<Integer> ports = freePorts(5 + s.workers);
        int lb = ports.get(0);
        List<Integer> slots = ports.subList(1, 5);
        Replica[] replicas = new Replica[5];
        Replica[] workers = new Replica[s.workers + 1];
        int[] replaced = new int[2];   // workers replaced, of which exited other than 0
        List<Duration> ready = new ArrayList<>();
        String template = Files.readString(options.haproxyConfig(), StandardCharsets.UTF_8);
        Path scenarioDir = Files.createDirectories(dir.resolve(s.name().toLowerCase(Locale.ROOT)));
        Load load = null;
        try {
            for (int i = 1; i <= 3; i++) {
                replicas[i] = start(s, i, slots.get(i - 1), scenarioDir);
            }
            for (int i = 1; i <= 3; i++) {
                replicas[i].awaitReady(READY_TIMEOUT);
            }
            for (int j = 1; j <= s.workers; j++) {
                workers[j] = startWorker(j, ports.get(4 + j), scenarioDir);
                workers[j].awaitReady(READY_TIMEOUT);
            }
            try (HaProxy haproxy = HaProxy.start(template, scenarioDir, lb, slots, 3, s.retries)) {
                for (int i = 1; i <= 3; i++) {
                    haproxy.awaitUp(i, READY_TIMEOUT);
                }
                load = new Load(new InetSocketAddress("127.0.0.1", lb), token, options.clients(),
                        options.maxRequests(), false, runId).start();
                TimeUnit.MILLISECONDS.sleep(options.steady().toMillis());   // steady state: a measured interval, not a wait for an event
                long changeStart = System.nanoTime();
                switch (s) {
                    case ROLLING, ROLLING_R0, DELAY0, NAIVE, WORKERS -> {
                        for (int round = 0; round < options.rounds(); round++) {
                            for (int i = 1; i <= 3; i++) {
                                replicas[i].signal("TERM");
                                replicas[i].awaitExit(EXIT_TIMEOUT);
                                replicas[i] = start(s, i, slots.get(i - 1), scenarioDir);
                                ready.add(replicas[i].awaitReady(READY_TIMEOUT));
                                haproxy.awaitUp(i, READY_TIMEOUT);
                            }
                            for (int j = 1; j <= s.workers; j++) {   // the workers of the same release
                                workers[j].signal("TERM");
                                replaced[1] += workers[j].awaitExit(EXIT_TIMEOUT) == 0 ? 0 : 1;
                                replaced[0]++;
                                workers[j] = startWorker(j, ports.get(4 + j), scenarioDir);
                                workers[j].awaitReady(READY_TIMEOUT);
                            }
                        }
                    }
                    case CRASH -> {
                        replicas[2].signal("KILL");
                        replicas[2].awaitExit(EXIT_TIMEOUT);
                        replicas[2] = start(s, 2, slots.get(1), scenarioDir);
                        ready.add(replicas[2].awaitReady(READY_TIMEOUT));
                        haproxy.awaitUp(2, READY_TIMEOUT);
                    }
                    case SCALE -> {
                        replicas[4] = start(s, 4, slots.get(3), scenarioDir);
                        ready.add(replicas[4].awaitReady(READY_TIMEOUT));
                        haproxy.enable(4);
                        haproxy.awaitUp(4, READY_TIMEOUT);
                        TimeUnit.MILLISECONDS.sleep(options.steady().toMillis());   // serve with four
                        replicas[4].signal("TERM");
                        replicas[4].awaitExit(EXIT_TIMEOUT);
                        haproxy.disable(4);
                    }
                    default -> throw new AssertionError(s);
                }
                long changeEnd = System.nanoTime();
                TimeUnit.MILLISECONDS.sleep(1000);   // a second of steady state after the change
                List<Load.Sample> samples = load.stop();
                Row row = row(s, samples, changeStart, changeEnd, ready);
                if (s.workers == 0) {
                    return row;
                }
                Duration drain = services.awaitWordCounts(DRAIN_TIMEOUT);
                stopAll(workers);   // their logs complete
                List<Long> created = samples.stream().filter(x -> x.noteId() >= 0).map(Load.Sample::noteId).toList();
                try (Connection c = services.connect()) {
                    return row.withJobs(Jobs.read(scenarioDir, c, created, replaced[0], replaced[1], drain));
                }
            }
        } finally {
            if (load != null) {
                load.stop();
            }
            stopAll(workers);
            stopAll(replicas);
        }
    }

    /** No balancer: 16 clients POST to one replica until it is SIGTERMed; counts what got no answer. */
    private Row direct() throws Exception {
        int port = freePorts(1).get(0);
        Path scenarioDir = Files.createDirectories(dir.resolve("direct"));
        Replica r = start(Scenario.DIRECT, 1, port, scenarioDir);
        List<Duration> ready = List.of(r.awaitReady(READY_TIMEOUT));
        Load load = new Load(new InetSocketAddress("127.0.0.1", port), token, 16, options.maxRequests(), true, runId)
                .start();
        try {
            TimeUnit.MILLISECONDS.sleep(options.steady().toMillis());
            long changeStart = System.nanoTime();
            r.signal("TERM");
            int exit = r.awaitExit(EXIT_TIMEOUT);
            long changeEnd = System.nanoTime();
            if (exit != 0) {
                System.err.println("direct: the replica exited with " + exit);
            }
            return row(Scenario.DIRECT, load.stop(), changeStart, changeEnd, ready);
        } finally {
            load.stop();
            stopAll(r);
        }
    }

    private Row row(Scenario s, List<Load.Sample> samples, long changeStart, long changeEnd, List<Duration> ready)
            throws Exception {
        int ok = 0;
        Map<Integer, Integer> non2xx = new TreeMap<>();
        Map<Load.Failure, Integer> errors = new TreeMap<>();
        List<Long> created = new ArrayList<>();
        List<Long> steady = new ArrayList<>();
        List<Long> change = new ArrayList<>();
        long warm = samples.stream().mapToLong(Load.Sample::startNanos).min().orElse(0) + 500_000_000L;
        for (Load.Sample x : samples) {
            if (x.failure() != null) {
                // a refused connection after the only replica is gone ends the direct run; not a failure there
                if (!(s == Scenario.DIRECT && x.failure() == Load.Failure.REFUSED)) {
                    errors.merge(x.failure(), 1, Integer::sum);
                }
            } else if (x.status() / 100 == 2) {
                ok++;
            } else {
                non2xx.merge(x.status(), 1, Integer::sum);
            }
            if (x.noteId() >= 0) {
                created.add(x.noteId());
            }
            if (x.failure() == null && x.startNanos() >= warm && x.startNanos() < changeStart) {
                steady.add(x.latencyNanos());
            } else if (x.failure() == null && x.startNanos() >= changeStart && x.startNanos() < changeEnd) {
                change.add(x.latencyNanos());
            }
        }
        return new Row(s, samples.size(), ok, non2xx, errors, services.missing(created), percentiles(steady), percentiles(change),
                ready, Optional.empty());
    }

    private static double[] percentiles(List<Long> latencies) {
        if (latencies.isEmpty()) {
            return null;
        }
        long[] a = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        return new double[] {a[(int) (a.length * 0.50)] / 1e6, a[Math.min(a.length - 1, (int) (a.length * 0.99))] / 1e6};
    }

    private Replica start(Scenario s, int index, int port, Path scenarioDir) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("PORT", Integer.toString(port));
        env.put("DATABASE_URL", services.databaseUrl());
        env.put("API_TOKEN", token);
        env.put("SHUTDOWN_DELAY", s.delay);
        env.put("SHUTDOWN_TIMEOUT", SHUTDOWN_TIMEOUT);
        if (s.workers > 0) {
            env.putAll(services.broker());
        }
        return Replica.start("r" + index + "-" + System.nanoTime(), "run", env, s.naive, scenarioDir);
    }

    /**
     * A worker, its probes on {@code port}; {@code SHUTDOWN_DELAY=0s} as in the worker
     * Deployment: no load balancer sends it anything to wait for.
     */
    private Replica startWorker(int index, int port, Path scenarioDir) throws IOException {
        Map<String, String> env = new HashMap<>(services.broker());
        env.put("PORT", Integer.toString(port));
        env.put("DATABASE_URL", services.databaseUrl());
        env.put("SHUTDOWN_DELAY", "0s");
        env.put("SHUTDOWN_TIMEOUT", SHUTDOWN_TIMEOUT);
        return Replica.start("w" + index + "-" + System.nanoTime(), "worker", env, false, scenarioDir);
    }

    /** SIGTERM to every replica still running, then waits for each: they drain side by side. */
    private static void stopAll(Replica... replicas) {
        List<Replica> signalled = new ArrayList<>();
        for (Replica r : replicas) {
            if (r == null || !r.isAlive()) {
                continue;
            }
            try {
                r.signal("TERM");
                signalled.add(r);
            } catch (Exception e) {
                r.close();
            }
        }
        for (Replica r : signalled) {
            try {
                r.awaitExit(EXIT_TIMEOUT);
            } catch (Exception e) {
                r.close();
            }
        }
    }

    /** Ports free at the moment of asking, for the balancer and the replicas. */
    static List<Integer> freePorts(int n) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                sockets.add(s);
                ports.add(s.getLocalPort());
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket s : sockets) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // it was only held to keep the ports distinct
                }
            }
        }
    }
}
