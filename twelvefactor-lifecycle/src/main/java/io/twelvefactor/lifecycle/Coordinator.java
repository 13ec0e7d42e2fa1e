package io.twelvefactor.lifecycle;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;

/**
 * The state behind {@link Shutdown}: registrations, readiness, the in-flight count, and who
 * starts the one {@link Sequence} (a signal, {@code shutdown()}, or the JVM's shutdown hook)
 * and how the process ends afterwards.
 */
final class Coordinator {

    /** Chooses its backend on the first line logged (see {@link Log}): install() looks nothing up. */
    static final System.Logger LOG = new Log();
    static final long NO_TIMEOUT = Long.MAX_VALUE;
    /** How often a wait re-reads an injected clock, or looks for a hook stuck in System.exit. */
    private static final long SLICE_NANOS = 10_000_000;

    final Settings settings;
    /** The injected clock, or null for {@code System.nanoTime}; read it through {@link #now()}. */
    private final LongSupplier clock;
    /** The injected exit and halt, or null for {@code Runtime.exit} and {@code Runtime.halt}. */
    private final IntConsumer exitAction;
    private final IntConsumer haltAction;
    private final boolean forceOnSecondSigterm;
    final boolean signalExitStatus;
    final ProbeServer probes;
    private final long checkIntervalNanos;
    /** Made on first use, through {@link #readiness()}: an application that never asks starts without it. */
    private volatile Readiness readiness;

    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when anything a wait may wait for changes; made by the first wait, guarded by {@link #lock}. */
    private Condition changed;
    private final List<Sequence.Registration> registrations = new ArrayList<>();
    /** Run at the first moment of shutdown; guarded by {@link #lock}. */
    private final List<Runnable> listeners = new ArrayList<>();
    /** Named guards not yet closed: the summary names them, the drain's end interrupts them. */
    final Set<Shutdown.InFlight> held = ConcurrentHashMap.newKeySet();
    /** Requests in flight, plus {@link #INTAKE_CLOSED} once the drain began. */
    final AtomicInteger inFlight = new AtomicInteger();
    /** Set in {@link #inFlight} when the drain begins: {@link #tryEnter()} refuses from then on. */
    static final int INTAKE_CLOSED = 1 << 30;
    private final AtomicBoolean summaryPrinted = new AtomicBoolean();
    /** Counted down once the summary is on stderr; made when shutdown begins, as only the sequence prints it. */
    private volatile CountDownLatch summaryWritten;
    private static final long SUMMARY_GRACE_MILLIS = 250;
    private final AtomicBoolean halted = new AtomicBoolean();
    volatile boolean started;
    volatile boolean shuttingDown;
    /** Set when the JVM's own shutdown began: System.exit was called, or the last thread ended. */
    volatile boolean jvmExiting;
    volatile boolean watchdogDisarmed;
    private Sequence sequence;
    private volatile ShutdownReport report;

    /**
     * A coordinator; null for {@code clock}, {@code exitAction} or {@code haltAction} means the
     * system's, so that install() creates no object (and loads no class) for a default.
     */
    Coordinator(Settings settings, LongSupplier clock, IntConsumer exitAction,
                IntConsumer haltAction, boolean forceOnSecondSigterm, boolean signalExitStatus, long checkIntervalNanos) {
        this.settings = settings;
        this.clock = clock;
        this.exitAction = exitAction;
        this.haltAction = haltAction;
        this.forceOnSecondSigterm = forceOnSecondSigterm;
        this.signalExitStatus = signalExitStatus;
        this.checkIntervalNanos = checkIntervalNanos;
        this.probes = settings.healthPort() == Settings.NO_PORT ? null : new ProbeServer(settings.healthPort(), this);
    }

    boolean isReady() {
        return readiness().isReady();
    }

    /** The application's reason and the health checks; made the first time anything asks. */
    Readiness readiness() {
        Readiness r = readiness;
        if (r == null) {
            lock.lock();
            try {
                r = readiness;
                if (r == null) {
                    r = new Readiness(this, checkIntervalNanos);
                    readiness = r;
                }
            } finally {
                lock.unlock();
            }
        }
        return r;
    }

    /** The time in nanoseconds, from the injected clock or {@code System.nanoTime}. */
    long now() {
        return clock == null ? System.nanoTime() : clock.getAsLong();
    }

    /**
     * A condition to wait on with {@link #awaitUntil}: one of {@link Until}'s constants. Typed
     * as the interface and made by {@code Until}, so that verifying this class loads neither.
     */
    BooleanSupplier until(int what) {
        return Until.of(this, what);
    }

    void add(Phase phase, String name, long timeoutNanos, Hook hook) {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(hook, "hook");
        if (name.isBlank()) {
            throw new IllegalArgumentException("hook name is blank; give it a name for the logs and the report");
        }
        lock.lock();
        try {
            if (sequence != null) {
                throw new IllegalStateException("cannot register hook '" + name + "': shutdown already began ("
                        + sequence.trigger + ")");
            }
            registrations.add(new Sequence.Registration(phase, name, timeoutNanos, hook));
        } finally {
            lock.unlock();
        }
    }

    Shutdown.InFlight held(Shutdown.InFlight guard) {
        held.add(guard);
        return guard;
    }

    void release(Shutdown.InFlight guard) {
        held.remove(guard);
    }

    void onShutdown(Runnable listener) {
        lock.lock();
        try {
            if (sequence == null) {
                listeners.add(listener);
                return;
            }
        } finally {
            lock.unlock();
        }
        Listeners.runOne(listener);
    }

    /** What is left of the budget; on a hook's thread, what is left for that hook. */
    long remainingNanos() {
        Sequence s = sequence();
        if (s == null) {
            return settings.timeout().toNanos();
        }
        return Math.max(0, s.deadlineFor(Thread.currentThread()) - now());
    }

    /** What is left until the drain ends: the share of the budget work in flight gets. */
    long drainRemainingNanos() {
        Sequence s = sequence();
        if (s == null) {
            long budget = settings.timeout().toNanos();
            long delay = settings.delay().toNanos();
            return delay + (budget - delay) / 2;
        }
        return Math.max(0, s.drainUntil - now());
    }

    /** Counts a request unless the drain began; one atomic step, so the drain never misses one. */
    boolean tryEnter() {
        int n;
        do {
            n = inFlight.get();
            if ((n & INTAKE_CLOSED) != 0) {
                return false;
            }
        } while (!inFlight.compareAndSet(n, n + 1));
        return true;
    }

    void exit() {
        int n;
        do {
            n = inFlight.get();
            if (inFlight(n) == 0) {
                throw new IllegalStateException("exit() without a matching enter(): no request is in flight");
            }
        } while (!inFlight.compareAndSet(n, n - 1));
        if (inFlight(n) == 1 && shuttingDown) {
            signalChange();
        }
    }

    /** Closes the intake for {@link #tryEnter()} and returns the requests still in flight. */
    int closeIntake() {
        int n;
        do {
            n = inFlight.get();
        } while (!inFlight.compareAndSet(n, n | INTAKE_CLOSED));
        return inFlight(n);
    }

    int inFlight() {
        return inFlight(inFlight.get());
    }

    private static int inFlight(int state) {
        return state & ~INTAKE_CLOSED;
    }

    /** Runs the sequence on this thread, or waits for the one already running. */
    ShutdownReport shutdown() {
        rejectHookThread("shutdown()");
        if (begin("shutdown()", Sequence.Mode.CALL)) {
            return sequence.run();
        }
        return awaitReportUninterruptibly();
    }

    ShutdownReport await() throws InterruptedException {
        rejectHookThread("await()");
        awaitUntil(until(Until.REPORTED), Long.MAX_VALUE);
        return report;
    }

    boolean awaitTermination(long timeoutNanos) throws InterruptedException {
        return awaitUntil(until(Until.REPORTED), saturatedAdd(now(), timeoutNanos));
    }

    /**
     * Runs on the signal's own thread (the JDK starts one per signal) and, for the first
     * signal, supervises the whole sequence there: no extra thread to hand over to.
     */
    void onSignal(String name) {
        String trigger = "SIG" + name;
        if (begin(trigger, Sequence.Mode.SIGNAL)) {
            Sequence run = sequence();
            run.armWatchdog();
            run.run();
        } else if (name.equals("INT") || (name.equals("TERM") && forceOnSecondSigterm)) {
            sequence().force(trigger);
        } else {
            LOG.log(System.Logger.Level.INFO, trigger + " received while shutting down (" + sequence().trigger
                    + "); ignored. Send SIGINT to halt at once");
        }
    }

    /** The JVM shutdown hook: runs the sequence, or waits for the running one to finish. */
    void onJvmExit() {
        jvmExiting = true;
        signalChange();
        if (begin("JVM exit", Sequence.Mode.JVM_EXIT)) {
            Sequence run = sequence();
            run.armWatchdog();
            run.run();
        } else {
            awaitReportUninterruptibly();
        }
    }

    /** Starts a shutdown if none began: readiness turns false before anything else. */
    private boolean begin(String trigger, Sequence.Mode mode) {
        lock.lock();
        try {
            if (sequence != null) {
                return false;
            }
            summaryWritten = new CountDownLatch(1);
            sequence = new Sequence(this, trigger, mode, List.copyOf(registrations)); // takes the start time
            shuttingDown = true;
            if (!listeners.isEmpty()) {
                new Listeners(List.copyOf(listeners)).start();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private Sequence sequence() {
        lock.lock();
        try {
            return sequence;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ends the process after a signal- or JVM-initiated run. When the JVM is already exiting
     * (System.exit was called, perhaps by a hook) the JVM picks the status, since calling exit
     * again would block forever, and the watchdog stays armed over the other shutdown hooks.
     */
    void terminate(ShutdownReport finished) {
        if (finished.exitCode() == Shutdown.EXIT_BUDGET_SPENT) {
            halt(Shutdown.EXIT_BUDGET_SPENT);
        } else if (!jvmExiting) {
            if (exitAction == null) {
                Runtime.getRuntime().exit(finished.exitCode());
            } else {
                exitAction.accept(finished.exitCode());
            }
        } else {
            return;
        }
        // reached only when an injected exit or halt action returned: nothing is left to guard
        watchdogDisarmed = true;
        signalChange();
    }

    void finish(ShutdownReport finished) {
        if (probes != null) {
            probes.stop();
        }
        report = finished;
        signalChange();
    }

    /**
     * Halts, once. A summary another thread is still writing gets a moment to finish first
     * (the watchdog and the last hook can reach the deadline together): the line is what the
     * operator reads, but a stuck writer must not keep the process alive.
     */
    void halt(int status) {
        if (halted.compareAndSet(false, true)) {
            CountDownLatch written = summaryWritten;
            if (summaryPrinted.get() && written != null) {
                try {
                    written.await(SUMMARY_GRACE_MILLIS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (haltAction == null) {
                Runtime.getRuntime().halt(status);
            } else {
                haltAction.accept(status);
            }
        }
    }

    /**
     * Writes the summary to stderr and the log, once, by whoever gets there first. A halt waits
     * only for the stderr line, the one that must get out; the log may be what is stuck.
     */
    void printSummary(ShutdownReport finished) {
        if (summaryPrinted.compareAndSet(false, true)) {
            String line = finished.summary(jvmExiting && finished.exitCode() != Shutdown.EXIT_BUDGET_SPENT);
            CountDownLatch written = summaryWritten;
            try {
                writeErr(line);
            } finally {
                if (written != null) {
                    written.countDown();
                }
            }
            if (!Log.toStderr()) { // else the line just written is the log line
                LOG.log(finished.exitCode() == Shutdown.EXIT_OK ? System.Logger.Level.INFO
                        : System.Logger.Level.WARNING, line);
            }
        }
    }

    /**
     * Writes a line to stderr, where it survives a logging backend already gone, then logs it.
     * stderr comes first: it is the cheaper write and the one that must get out.
     */
    void announce(System.Logger.Level level, String line) {
        writeErr(line);
        if (!Log.toStderr()) {
            LOG.log(level, line);
        }
    }

    private static void writeErr(String line) {
        PrintStream err = System.err;
        err.println(Log.STDERR_PREFIX + line);
        err.flush();
    }

    void signalChange() {
        lock.lock();
        try {
            if (changed != null) { // else nothing waits
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until {@code done} holds or the clock passes {@code deadline} ({@code Long.MAX_VALUE}:
     * never). Re-reads the clock in
     * slices when it is injected, and while the JVM exits (to notice a hook stuck in System.exit).
     */
    boolean awaitUntil(BooleanSupplier done, long deadline) throws InterruptedException {
        lock.lock();
        try {
            if (changed == null) {
                changed = lock.newCondition();
            }
            while (!done.getAsBoolean()) {
                long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - now();
                if (left <= 0) {
                    return false;
                }
                changed.awaitNanos(clock == null && !jvmExiting ? left : Math.min(left, SLICE_NANOS));
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Like {@link #awaitUntil} but keeps waiting through interrupts, then restores the flag. */
    boolean awaitUninterruptibly(BooleanSupplier done, long deadline) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return awaitUntil(done, deadline);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private ShutdownReport awaitReportUninterruptibly() {
        awaitUninterruptibly(until(Until.REPORTED), Long.MAX_VALUE);
        return report;
    }

    private static void rejectHookThread(String method) {
        if (Thread.currentThread() instanceof Sequence.Worker) {
            throw new IllegalStateException(method + " called from a shutdown hook would wait for itself");
        }
    }

    static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    /**
     * Runs the shutdown listeners on a thread of their own, so that one that blocks cannot
     * hold up the sequence; a named class, as lambdas are slow the first time (see {@link Until}).
     */
    static final class Listeners extends Thread {
        private final List<Runnable> toRun;

        Listeners(List<Runnable> toRun) {
            super("twelvefactor-shutdown-listeners");
            setDaemon(true);
            this.toRun = toRun;
        }

        @Override
        public void run() {
            for (Runnable r : toRun) {
                runOne(r);
            }
        }

        static void runOne(Runnable listener) {
            try {
                listener.run();
            } catch (RuntimeException | Error e) {
                LOG.log(System.Logger.Level.WARNING, "a shutdown listener failed; the shutdown goes on", e);
            }
        }
    }

    /**
     * A condition a wait ends on. Named classes rather than lambdas on the shutdown path: a
     * lambda's class is spun up on first use, which costs milliseconds at the worst moment.
     */
    static final class Until implements BooleanSupplier {
        static final int REPORTED = 0;
        static final int DRAINED = 1;
        static final int DISARMED = 2;
        static final int NEVER = 3;
        private final Coordinator core;
        private final int what;

        private Until(Coordinator core, int what) {
            this.core = core;
            this.what = what;
        }

        static BooleanSupplier of(Coordinator core, int what) {
            return new Until(core, what);
        }

        @Override
        public boolean getAsBoolean() {
            return switch (what) {
                case REPORTED -> core.report != null;
                case DRAINED -> core.inFlight() == 0;
                case DISARMED -> core.watchdogDisarmed;
                default -> false;
            };
        }
    }
}
