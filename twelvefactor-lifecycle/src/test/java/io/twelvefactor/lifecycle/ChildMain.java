package io.twelvefactor.lifecycle;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The service {@link ChildJvmTest} starts in a real JVM and stops with real signals. Prints
 * {@code READY} (or {@code STARTING}) on stdout once it can take a signal, and
 * {@code HOOK name} as each hook runs.
 */
public final class ChildMain {

    /** Counted down at the first moment of shutdown (scenario "chain"). */
    private static final CountDownLatch SHUTDOWN_BEGAN = new CountDownLatch(1);

    private ChildMain() {
    }

    /**
     * Runs one scenario.
     *
     * @param args the scenario name
     * @throws Exception if the scenario fails to set up
     */
    public static void main(String[] args) throws Exception {
        Set<String> threadsAtStart = threadNames();
        if (args[0].equals("chain")) {
            installPreviousTermHandler();
        }
        if (args[0].equals("blocked-log")) {
            // JUL configured by the application: lifecycle then logs through System.Logger to JUL
            System.setProperty("java.util.logging.config.file",
                    Path.of(System.getProperty("java.home"), "conf", "logging.properties").toString());
        }
        Shutdown sd = Shutdown.install();
        switch (args[0]) {
            case "main-exit" -> {
                sd.register("db", say("db"));
                sd.register(Phase.SERVERS, "http", say("http"));
                sd.started();
                System.exit(5); // the application ends itself: the JVM hook runs the sequence
            }
            case "clean", "chain" -> {
                sd.onShutdown(SHUTDOWN_BEGAN::countDown);
                sd.register("db", say("db"));
                sd.register(Phase.SERVERS, "http", say("http"));
                sd.register(Phase.WORKERS, "jobs", say("jobs"));
            }
            case "hang" -> {
                sd.register("after", say("after"));
                sd.register("stuck", Duration.ofMillis(300), () -> {
                    out("HOOK stuck");
                    hangIgnoringInterrupts();
                });
            }
            case "budget" -> {
                sd.register("never", say("never"));
                sd.register("stuck", () -> {
                    out("HOOK stuck");
                    hangIgnoringInterrupts();
                });
            }
            case "blocked-log" -> sd.register("logs", () -> {
                out("HOOK logs");
                // from now on every log record blocks forever, as on a full stdout pipe
                java.util.logging.Logger.getLogger("").addHandler(new BlockingHandler());
                System.getLogger("app").log(System.Logger.Level.INFO, "this write never returns");
            });
            case "throws" -> {
                sd.register("after", say("after"));
                sd.register("broken", () -> {
                    out("HOOK broken");
                    throw new IOException("disk gone");
                });
            }
            case "exit" -> {
                sd.register("after", say("after"));
                sd.register("quitter", () -> {
                    out("HOOK quitter");
                    System.exit(3);
                });
            }
            case "startup" -> {
                sd.register("db", say("db"));
                out("STARTING");
                new CountDownLatch(1).await(); // a startup that never finishes
            }
            case "double" -> sd.register("stuck", () -> {
                out("HOOK stuck");
                new CountDownLatch(1).await();
            });
            case "jobs" -> {
                // a queue consumer: told at once, one job that finishes in its share, one that cannot
                sd.onShutdown(() -> out("LISTENER ready=" + sd.isReady() + " shuttingDown=" + sd.isShuttingDown()));
                // The interrupted job reacts on its own thread; the hook waits for that reaction, which
                // only comes if the interrupt was sent before the hook began (else the hook times out).
                CountDownLatch slowJobReacted = new CountDownLatch(1);
                sd.register(Phase.WORKERS, "consumer", () -> {
                    slowJobReacted.await();
                    out("HOOK consumer");
                });
                CountDownLatch taken = new CountDownLatch(2);
                CountDownLatch quickMayEnd = new CountDownLatch(1);
                sd.onShutdown(quickMayEnd::countDown);
                job(sd, "job 1", taken, () -> {
                    quickMayEnd.await();
                    out("JOB job 1 done");
                });
                job(sd, "job 2", taken, () -> {
                    try {
                        new CountDownLatch(1).await(); // slower than the budget
                    } catch (InterruptedException e) {
                        out("JOB job 2 interrupted: returned to the queue");
                        slowJobReacted.countDown();
                    }
                });
                taken.await();
            }
            case "quiet" -> {
                sd.register("db", say("db"));
                sd.started();
                Set<String> started = threadNames();
                started.removeAll(threadsAtStart);
                out("THREADS " + (started.isEmpty() ? "none new" : String.join(",", started)));
                out("READY");
                sd.await();
                return;
            }
            case "start-only" -> {
                sd.register("db", say("db"));
                sd.started();
                out("READY");
                new CountDownLatch(1).await(); // lifecycle does nothing more until the signal, which ends the process
                return;
            }
            case "http" -> {
                HttpServer app = serve(sd);
                sd.started(); // before READY, so the test's first /readyz finds it started
                out("READY app=" + app.getAddress().getPort() + " health=" + sd.healthPort().orElseThrow());
                sd.await();
                return;
            }
            default -> throw new IllegalArgumentException("unknown scenario " + args[0]);
        }
        sd.started();
        out("READY");
        sd.await();
    }

    /** Work a job does; it may be interrupted. */
    private interface Work {
        void run() throws InterruptedException;
    }

    /** Runs {@code work} as a named job on a thread of its own; prints how it ended. */
    @SuppressWarnings("try") // the guard is only closed
    private static void job(Shutdown sd, String name, CountDownLatch taken, Work work) {
        Thread t = new Thread(() -> {
            try (Shutdown.InFlight job = sd.tryEnter(name).orElseThrow()) {
                taken.countDown();
                work.run();
            } catch (InterruptedException e) {
                out("JOB " + name + " interrupted: returned to the queue");
            }
        }, name);
        t.start();
    }

    /** /work holds each request in flight until /release; the server stops in phase SERVERS. */
    private static HttpServer serve(Shutdown sd) throws IOException {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger accepted = new AtomicInteger();
        HttpServer app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ExecutorService pool = Executors.newCachedThreadPool();
        app.setExecutor(pool);
        app.createContext("/work", exchange -> {
            sd.enter(); // enter()/exit() here; ShutdownTest uses the try-with-resources guard
            try {
                out("ACCEPTED " + accepted.incrementAndGet());
                release.await();
                answer(exchange, "done");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                sd.exit();
            }
        });
        app.createContext("/release", exchange -> {
            release.countDown();
            answer(exchange, "released");
        });
        app.createContext("/not-ready", exchange -> {
            sd.notReady("told so");
            answer(exchange, "not ready");
        });
        app.createContext("/ready", exchange -> {
            sd.ready();
            answer(exchange, "ready");
        });
        sd.addHealthCheck("local", HealthCheck.Role.GATES_READINESS, () -> true);
        app.start();
        sd.register(Phase.SERVERS, "http", () -> {
            out("HOOK http");
            app.stop(0);
            pool.shutdown();
        });
        return app;
    }

    private static void answer(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream o = exchange.getResponseBody()) {
            o.write(bytes);
        }
    }

    /** An application's own SIGTERM handler, installed before ours (reflectively: javac warns on sun.misc). */
    private static void installPreviousTermHandler() throws ReflectiveOperationException {
        Class<?> signal = Class.forName("sun.misc.Signal");
        Class<?> handler = Class.forName("sun.misc.SignalHandler");
        Object previous = Proxy.newProxyInstance(ChildMain.class.getClassLoader(), new Class<?>[] {handler},
                (proxy, method, args) -> {
                    if (method.getName().equals("handle")) {
                        // still running once our shutdown has begun: it must not be cut short by it
                        SHUTDOWN_BEGAN.await(10, TimeUnit.SECONDS);
                        out("PREVIOUS " + signal.getMethod("getName").invoke(args[0]));
                    }
                    return method.getName().equals("hashCode") ? 0 : null;
                });
        signal.getMethod("handle", signal, handler).invoke(null, signal.getConstructor(String.class).newInstance("TERM"),
                previous);
    }

    private static Set<String> threadNames() {
        Set<String> names = new TreeSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            names.add(t.getName());
        }
        return names;
    }

    private static Hook say(String name) {
        return () -> out("HOOK " + name);
    }

    /** A log handler stuck for good, like a write to a pipe nobody reads. */
    private static final class BlockingHandler extends java.util.logging.Handler {
        @Override
        public void publish(java.util.logging.LogRecord record) {
            hangIgnoringInterrupts();
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    private static void hangIgnoringInterrupts() {
        CountDownLatch never = new CountDownLatch(1);
        while (true) {
            try {
                never.await();
            } catch (InterruptedException ignored) {
                // a badly behaved hook: keeps hanging after the interrupt
            }
        }
    }

    private static void out(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
