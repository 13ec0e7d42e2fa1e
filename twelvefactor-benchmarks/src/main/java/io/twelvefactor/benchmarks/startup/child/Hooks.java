package io.twelvefactor.benchmarks.startup.child;

import io.twelvefactor.lifecycle.Shutdown;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;

/**
 * The process the SIGTERM-to-exit benchmark kills: three trivial hooks, either as plain
 * {@code Runtime.addShutdownHook} threads or registered with {@code Shutdown.install()};
 * prints {@code READY} on stdout, then waits for the signal.
 */
public final class Hooks {

    private Hooks() {
    }

    /**
     * Installs the hooks and waits.
     *
     * @param args {@code plain} or {@code shutdown}, then optionally {@code log} to log one event
     *             through SLF4J first (the logging module is then on the class path)
     * @throws InterruptedException if interrupted while waiting
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length > 1 && args[1].equals("log")) {
            Log.starting();
        }
        AtomicInteger closed = new AtomicInteger();
        if (args[0].equals("plain")) {
            for (int i = 0; i < 3; i++) {
                Runtime.getRuntime().addShutdownHook(new Thread(closed::incrementAndGet));
            }
            ready();
            new CountDownLatch(1).await();
        } else {
            WithShutdown.run(closed);
        }
    }

    // One class per library, so that a variant without its jar never resolves its names.

    private static final class Log {
        static void starting() {
            LoggerFactory.getLogger(Hooks.class).info("starting");
        }
    }

    private static final class WithShutdown {
        static void run(AtomicInteger closed) throws InterruptedException {
            Shutdown shutdown = Shutdown.install();
            for (int i = 0; i < 3; i++) {
                shutdown.register("hook-" + i, closed::incrementAndGet);
            }
            shutdown.started();
            ready();
            shutdown.await();
        }
    }

    private static void ready() {
        System.out.println("READY");
        System.out.flush();
    }
}
