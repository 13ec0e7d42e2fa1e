package io.twelvefactor.lifecycle;

import io.twelvefactor.lifecycle.ShutdownReport.HookResult;
import io.twelvefactor.lifecycle.ShutdownReport.Outcome;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * One shutdown, run once: delay, drain, then the hooks on a worker thread, in phase order
 * and last registered first, every wait bounded by the one deadline. Its live state can be
 * read at any time, so the watchdog and a forced halt report what had happened so far.
 */
final class Sequence {

    /** A hook as registered; {@code timeoutNanos} is {@link Coordinator#NO_TIMEOUT} when it has none. */
    record Registration(Phase phase, String name, long timeoutNanos, Hook hook) {
    }

    /** Who started the sequence, which decides how it ends. */
    enum Mode {
        /** A signal: the last worker exits the process, so it is not a daemon (see {@link Worker}). */
        SIGNAL,
        /** The JVM is exiting already: only a spent budget needs a halt. */
        JVM_EXIT,
        /** {@code shutdown()}: the caller gets the report; the process goes on. */
        CALL
    }

    final String trigger;
    private final Mode mode;
    private final Coordinator core;
    private final List<Registration> order;
    private final long start;
    private final long deadline;
    /** The drain may last until half of what the delay left of the budget is gone. */
    final long drainUntil;
    /** Names of the named requests and jobs still in flight when the drain gave up, plus unnamed ones. */
    private List<String> leftInFlight = List.of();
    // live state, guarded by this
    private final List<HookResult> results = new ArrayList<>();
    private Worker worker;
    private boolean running;
    private long currentStart;
    private long currentDeadline;
    private long watchedDeadline;
    private boolean budgetSpent;
    private ShutdownReport finalReport;

    Sequence(Coordinator core, String trigger, Mode mode, List<Registration> registered) {
        this.core = core;
        this.trigger = trigger;
        this.mode = mode;
        this.start = core.now();
        long budget = core.settings.timeout().toNanos();
        long delay = core.settings.delay().toNanos();
        this.deadline = start + budget;
        this.drainUntil = start + delay + (budget - delay) / 2;
        List<Registration> sorted = new ArrayList<>(registered.size());
        for (Phase phase : Phase.values()) {
            for (int i = registered.size() - 1; i >= 0; i--) {
                if (registered.get(i).phase() == phase) {
                    sorted.add(registered.get(i));
                }
            }
        }
        this.order = List.copyOf(sorted);
    }

    ShutdownReport run() {
        Settings s = core.settings;
        Coordinator.LOG.log(Level.INFO, "shutdown started by " + trigger + ": not ready; budget " + Settings.TIMEOUT
                + "=" + Settings.millis(s.timeout()) + ", " + Settings.DELAY + "=" + Settings.millis(s.delay())
                + ", " + order.size() + " hook(s)");
        if (!s.delay().isZero()) {
            Coordinator.LOG.log(Level.INFO, "still serving for " + Settings.DELAY + "=" + Settings.millis(s.delay())
                    + " while load balancers notice the readiness change");
            core.awaitUninterruptibly(core.until(Coordinator.Until.NEVER), start + s.delay().toNanos());
        }
        drain();
        superviseHooks();
        core.awaitUninterruptibly(core.until(Coordinator.Until.REPORTED), Long.MAX_VALUE);
        return finalReport();
    }

    /** Called by the worker that ran out of hooks: publish the report, then end as the mode says. */
    private void complete() {
        ShutdownReport report = snapshot(false);
        synchronized (this) {
            finalReport = report;
        }
        core.printSummary(report);
        core.finish(report);
        if (mode != Mode.CALL) {
            core.terminate(report);
        }
    }

    private synchronized ShutdownReport finalReport() {
        return finalReport;
    }

    /**
     * Closes the intake for {@code tryEnter()}, then waits for requests in flight, for at most
     * half of what the delay left: the rest is the hooks'.
     */
    private void drain() {
        int n = core.closeIntake();
        if (n == 0) {
            return;
        }
        long from = core.now();
        Coordinator.LOG.log(Level.INFO, "draining " + n + " request(s) in flight");
        boolean drained = core.awaitUninterruptibly(core.until(Coordinator.Until.DRAINED), drainUntil);
        long ms = (core.now() - from) / 1_000_000;
        if (drained) {
            Coordinator.LOG.log(Level.INFO, "drained in " + ms + " ms");
            return;
        }
        List<String> left = new ArrayList<>();
        List<Thread> interrupt = new ArrayList<>();
        for (Shutdown.InFlight guard : core.held) {
            if (guard.closed.get()) {
                continue; // finished in the meantime
            }
            left.add(guard.name);
            interrupt.add(guard.thread);
        }
        left.sort(null);
        for (int unnamed = core.inFlight() - left.size(); unnamed > 0; unnamed--) {
            left.add(ShutdownReport.UNNAMED);
        }
        synchronized (this) {
            leftInFlight = List.copyOf(left);
        }
        Coordinator.LOG.log(Level.WARNING, "stopped draining after " + ms + " ms (its half of the budget): "
                + left.size() + " request(s) or job(s) still in flight" + (interrupt.isEmpty() ? ""
                : ", interrupting the " + interrupt.size() + " named one(s)") + "; running the hooks");
        for (Thread t : interrupt) {
            t.interrupt();
        }
    }

    /**
     * Runs the hooks back to back on one worker thread, with no handoff between them, and
     * watches the one running: when it overruns its deadline (or is stuck in System.exit) the
     * worker is abandoned and a fresh one carries on with the next hook.
     */
    private void superviseHooks() {
        startWorker();
        while (true) {
            Worker w;
            synchronized (this) {
                w = worker;
                if (w.finished) {
                    return;
                }
                watchedDeadline = running ? currentDeadline : deadline;
            }
            core.awaitUninterruptibly(w, watchedDeadline);
            String outcome;
            synchronized (this) {
                if (w.finished || !running) {
                    continue;
                }
                long now = core.now();
                Registration r = order.get(results.size());
                Duration took = Duration.ofNanos(now - currentStart);
                if (w.calledExit()) {
                    IllegalStateException failure = new IllegalStateException("called System.exit during shutdown;"
                            + " the hooks go on, then the JVM exits with that status");
                    results.add(new HookResult(r.name(), r.phase(), Outcome.FAILED, took, Optional.of(failure)));
                    outcome = "FAILED in " + took.toMillis() + " ms: " + failure.getMessage();
                } else if (now - currentDeadline >= 0) {
                    boolean ofBudget = currentDeadline == deadline;
                    budgetSpent |= ofBudget;
                    results.add(new HookResult(r.name(), r.phase(), Outcome.TIMED_OUT, took, Optional.empty()));
                    outcome = "TIMED_OUT after " + took.toMillis() + " ms ("
                            + (ofBudget ? Settings.TIMEOUT + " spent" : "its own timeout") + "); interrupted it, going on";
                } else {
                    continue; // the worker moved on to a hook with a nearer deadline
                }
                w.abandoned = true;
                running = false;
            }
            w.interrupt();
            Coordinator.LOG.log(Level.WARNING, "hook '" + order.get(results() - 1).name() + "' " + outcome);
            startWorker();
        }
    }

    private void startWorker() {
        Worker w = new Worker();
        synchronized (this) {
            worker = w;
        }
        w.start();
    }

    /** The deadline for code on {@code thread}: the running hook's on its worker, else the budget's. */
    synchronized long deadlineFor(Thread thread) {
        return running && thread == worker ? currentDeadline : deadline;
    }

    /** Claims the next hook for {@code w}, or returns null when there is none (or w was abandoned). */
    private synchronized Registration next(Worker w) {
        if (w.abandoned) {
            return null;
        }
        long now = core.now();
        if (results.size() < order.size() && now - deadline >= 0) {
            for (int i = results.size(); i < order.size(); i++) {
                Registration r = order.get(i);
                results.add(new HookResult(r.name(), r.phase(), Outcome.SKIPPED, Duration.ZERO, Optional.empty()));
                Coordinator.LOG.log(Level.WARNING, "hook '" + r.name() + "' SKIPPED: " + Settings.TIMEOUT + " was spent");
            }
            budgetSpent = true;
        }
        if (results.size() == order.size()) {
            w.finished = true;
            return null;
        }
        Registration r = order.get(results.size());
        currentStart = now;
        currentDeadline = r.timeoutNanos() == Coordinator.NO_TIMEOUT
                ? deadline : Math.min(deadline, Coordinator.saturatedAdd(now, r.timeoutNanos()));
        running = true;
        return r;
    }

    /** Whether this worker ran out of hooks, rather than being abandoned. */
    private synchronized boolean finishedNow() {
        return worker != null && worker.finished && worker == Thread.currentThread();
    }

    /**
     * Records how the running hook ended and returns how long it took, or returns null when the
     * supervisor already gave up on it.
     */
    private synchronized Duration done(Worker w, Registration r, Throwable failure) {
        if (w.abandoned) {
            return null;
        }
        Duration took = Duration.ofNanos(core.now() - currentStart);
        results.add(new HookResult(r.name(), r.phase(), failure == null ? Outcome.OK : Outcome.FAILED, took,
                Optional.ofNullable(failure)));
        running = false;
        return took;
    }

    /** The report as of now; the hook running counts as timed out, those not reached as skipped. */
    synchronized ShutdownReport snapshot(boolean budgetGone) {
        long now = core.now();
        List<HookResult> all = new ArrayList<>(results);
        if (running) {
            Registration r = order.get(all.size());
            all.add(new HookResult(r.name(), r.phase(), Outcome.TIMED_OUT, Duration.ofNanos(now - currentStart),
                    Optional.empty()));
        }
        for (int i = all.size(); i < order.size(); i++) {
            all.add(new HookResult(order.get(i).name(), order.get(i).phase(), Outcome.SKIPPED, Duration.ZERO,
                    Optional.empty()));
        }
        int code = mode == Mode.SIGNAL && core.signalExitStatus ? 128 + signalNumber(trigger) : Shutdown.EXIT_OK;
        if (budgetGone || budgetSpent) {
            code = Shutdown.EXIT_BUDGET_SPENT;
        } else {
            for (HookResult h : all) {
                if (h.outcome() != Outcome.OK) {
                    code = Shutdown.EXIT_HOOK_FAILED;
                }
            }
        }
        return new ShutdownReport(trigger, Duration.ofNanos(now - start), code, all, leftInFlight);
    }

    /**
     * Halts the process when the budget is spent, whatever the hooks or other JVM shutdown
     * hooks are doing, unless the coordinator disarms it (the process exited, in tests).
     */
    void armWatchdog() {
        new Watchdog().start();
    }

    /** A second signal: halt now with 128 + its number, saying what is left undone. */
    void force(String signal) {
        int code = 128 + signalNumber(signal);
        ShutdownReport now = snapshot(false);
        StringBuilder left = new StringBuilder();
        for (HookResult h : now.hooks().subList(results(), now.hooks().size())) {
            left.append(left.length() == 0 ? "" : ", ").append(h.name());
        }
        core.announce(Level.ERROR, "second signal (" + signal + ") during shutdown: halting now with exit code "
                + code + (left.length() == 0 ? "" : "; not finished: " + left));
        core.halt(code);
    }

    private static int signalNumber(String signal) {
        return switch (signal) {
            case "SIGHUP" -> 1;
            case "SIGINT" -> 2;
            default -> 15;
        };
    }

    private synchronized int results() {
        return results.size();
    }

    /** The watchdog's thread; a named class, as lambdas are slow the first time (see Coordinator.Until). */
    private final class Watchdog extends Thread {
        Watchdog() {
            super("twelvefactor-watchdog");
            setDaemon(true);
        }

        @Override
        public void run() {
            if (!core.awaitUninterruptibly(core.until(Coordinator.Until.DISARMED), deadline)) {
                // the last words go out on a thread of their own: a logging backend that blocks
                // (a full stdout pipe, a stuck handler) must not keep the process alive
                LastWords last = new LastWords(snapshot(true));
                last.start();
                try {
                    last.join(LAST_WORDS_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                core.halt(Shutdown.EXIT_BUDGET_SPENT);
            }
        }
    }

    /** How long the watchdog waits for the summary before it halts regardless. */
    private static final long LAST_WORDS_MILLIS = 250;

    /** The summary and the halting notice, written on their own thread by the watchdog. */
    private final class LastWords extends Thread {
        private final ShutdownReport report;

        LastWords(ShutdownReport report) {
            super("twelvefactor-last-words");
            setDaemon(true);
            this.report = report;
        }

        @Override
        public void run() {
            core.printSummary(report);
            core.announce(Level.ERROR, Settings.TIMEOUT + "=" + Settings.millis(core.settings.timeout())
                    + " spent: halting with exit code " + Shutdown.EXIT_BUDGET_SPENT);
        }
    }

    /**
     * Runs hooks one after another until none is left or the supervisor abandons it; marked so
     * that shutdown() and await() can refuse to wait on themselves. As the supervisor's
     * condition: true once the worker finished, moved to a hook with another deadline, or got
     * stuck in System.exit.
     */
    final class Worker extends Thread implements BooleanSupplier {
        /** Guarded by the sequence. */
        boolean finished;
        /** Guarded by the sequence. */
        boolean abandoned;

        Worker() {
            super("twelvefactor-hooks");
            // After a signal, the worker's exit code must win over main() returning from await()
            // (which would end the JVM with 0): so it is not a daemon, and the JVM waits for it.
            setDaemon(mode != Mode.SIGNAL);
        }

        @Override
        public void run() {
            for (Registration r = next(this); r != null; r = next(this)) {
                if (r.timeoutNanos() != Coordinator.NO_TIMEOUT) {
                    core.signalChange(); // the supervisor must watch a nearer deadline
                }
                Coordinator.LOG.log(Level.DEBUG, "hook '" + r.name() + "' (" + r.phase() + ") started");
                Thread.interrupted(); // a previous hook's interrupt is not this one's
                Throwable failure = null;
                try {
                    r.hook().run();
                } catch (Throwable t) {
                    failure = t;
                }
                Duration took = done(this, r, failure);
                if (took == null) {
                    return;
                }
                String ms = took.toMillis() + " ms"; // the duration the report holds, not a second reading
                if (failure == null) {
                    Coordinator.LOG.log(Level.INFO, "hook '" + r.name() + "' OK in " + ms);
                } else {
                    Coordinator.LOG.log(Level.WARNING, "hook '" + r.name() + "' FAILED in " + ms, failure);
                }
            }
            if (finishedNow()) {
                core.signalChange();
                complete();
            }
        }

        @Override
        public boolean getAsBoolean() {
            synchronized (Sequence.this) {
                return finished || (running && currentDeadline != watchedDeadline) || calledExit();
            }
        }

        /** Whether this worker is stuck in System.exit, which blocks while the JVM runs its hooks. */
        boolean calledExit() {
            if (!core.jvmExiting) {
                return false;
            }
            for (StackTraceElement e : getStackTrace()) {
                if (e.getMethodName().equals("exit")
                        && (e.getClassName().equals("java.lang.Shutdown") || e.getClassName().equals("java.lang.Runtime"))) {
                    return true;
                }
            }
            return false;
        }
    }
}
