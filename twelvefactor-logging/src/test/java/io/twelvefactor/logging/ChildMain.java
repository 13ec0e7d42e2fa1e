package io.twelvefactor.logging;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Run in a child JVM by {@link ChildJvmTest}, with this module as the only SLF4J provider.
 * {@code exit}: logs events through SLF4J, JUL and System.Logger, then calls System.exit(3).
 * {@code sigterm}: installs a shutdown hook that logs events, prints READY, and waits forever.
 * {@code closed}: closes stdout, logs, and prints "still running" on stderr.
 * {@code init}: {@link #THREADS} threads log {@link #EVENTS} events each while SLF4J initialises,
 * then name on stderr ({@link #DROPPED_BY_SLF4J}) each thread whose logger SLF4J made a NOP.
 * {@code quiet}: logs one event through SLF4J and one through System.Logger, and returns.
 * {@code nospan}: logs one event telling whether the OpenTelemetry API was found.
 */
public final class ChildMain {

    static final int EVENTS = 500;
    static final int THREADS = 8;
    /** What the {@code init} child prints on stderr, before a thread's id, for a logger SLF4J made a NOP. */
    static final String DROPPED_BY_SLF4J = "NOP substitute logger for racer ";

    private ChildMain() {
    }

    /**
     * Runs one scenario.
     *
     * @param args {@code exit}, {@code sigterm}, {@code closed}, {@code init} or {@code nospan}
     * @throws Exception never in practice
     */
    public static void main(String[] args) throws Exception {
        if (args[0].equals("init")) {
            racingInitialisation();
            return;
        }
        if (args[0].equals("nospan")) {
            LoggerFactory.getLogger("child").info("OpenTelemetry API present: {}", CurrentSpan.PRESENT);
            return;
        }
        if (args[0].equals("closed")) {
            System.out.close();
            for (int i = 0; i < 3; i++) {
                LoggerFactory.getLogger("child").info("lost {}", i);
            }
            System.err.println("still running");
            return;
        }
        Logger log = LoggerFactory.getLogger("child");
        if (args[0].equals("quiet")) {
            log.info("from SLF4J");
            System.getLogger("system.child").log(System.Logger.Level.INFO, "from System.Logger");
            return;
        }
        if (args[0].equals("exit")) {
            java.util.logging.Logger.getLogger("jul.child").info("from JUL");
            java.util.logging.Logger.getLogger("jul.child").fine("JUL below the level");
            System.getLogger("system.child").log(System.Logger.Level.WARNING, "from {0}", "System.Logger");
            for (int i = 0; i < EVENTS; i++) {
                log.info("before exit {} \u00e9\u4e2d", i);
            }
            System.exit(3);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (int i = 0; i < EVENTS; i++) {
                log.info("from hook {}", i);
            }
        }, "hook"));
        log.info("READY");
        new CountDownLatch(1).await();
    }

    /**
     * The first SLF4J calls of the JVM, from several threads at once: none may be lost. One loss
     * is SLF4J's own, and is named on stderr: a thread that asked for its logger while SLF4J was
     * initialising, but got it only once the initialisation had ended, holds a substitute logger
     * that slf4j-api (2.0.17) never connects to the provider and that drops every call (its
     * {@code delegate()} is the NOP logger). No provider is asked for that logger.
     */
    private static void racingInitialisation() throws Exception {
        java.util.concurrent.CyclicBarrier barrier = new java.util.concurrent.CyclicBarrier(THREADS);
        Thread[] threads = new Thread[THREADS];
        Logger[] loggers = new Logger[THREADS];
        for (int t = 0; t < THREADS; t++) {
            int id = t;
            threads[t] = new Thread(() -> {
                try {
                    barrier.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                Logger log = LoggerFactory.getLogger("racer" + id);
                loggers[id] = log;
                for (int i = 0; i < EVENTS; i++) {
                    log.info("racer {} event {}", id, i);
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        for (int t = 0; t < THREADS; t++) {
            if (loggers[t] instanceof org.slf4j.helpers.SubstituteLogger
                    && ((org.slf4j.helpers.SubstituteLogger) loggers[t]).delegate() instanceof org.slf4j.helpers.NOPLogger) {
                System.err.println(DROPPED_BY_SLF4J + t);
            }
        }
    }
}
