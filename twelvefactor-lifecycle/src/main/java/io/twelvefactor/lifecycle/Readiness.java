package io.twelvefactor.lifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * Readiness beyond startup and shutdown: the application's own {@code notReady(reason)} and
 * the health checks, each run on a thread of its own with a timeout and its result reused for
 * the check interval.
 *
 * <p>Protocol of one check: at most one run is in flight ({@link Entry#running}); a caller that
 * needs a result starts a run only when none is in flight and the last result is older than
 * the interval, then waits for the run until its start plus the check's timeout. A run still
 * going at that point is recorded as timed out and interrupted, once, but stays in flight: no
 * new run starts until it returns, so a hung dependency never collects threads. Every state
 * change of an entry happens under the entry's monitor; runs wake waiters through
 * {@link Coordinator#signalChange()}.
 */
final class Readiness {

    static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(500);
    /** The default check interval, 5 s: a constant, so that naming it loads no class. */
    static final long DEFAULT_INTERVAL_NANOS = 5_000_000_000L;

    private final Coordinator core;
    private final long intervalNanos;
    private final List<Entry> entries = new CopyOnWriteArrayList<>();
    /** The application's reason for not being ready, or null. */
    private volatile String reason;

    Readiness(Coordinator core, long intervalNanos) {
        this.core = core;
        this.intervalNanos = intervalNanos;
    }

    void notReady(String why) {
        String previous = reason;
        reason = why;
        if (!why.equals(previous)) {
            Coordinator.LOG.log(System.Logger.Level.INFO, "not ready: " + why);
        }
    }

    void ready() {
        String previous = reason;
        reason = null;
        if (previous != null) {
            Coordinator.LOG.log(System.Logger.Level.INFO, "ready again (was not ready: " + previous + ")");
        }
    }

    void add(String name, HealthCheck.Role role, long timeoutNanos, HealthCheck check) {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(check, "check");
        if (name.isBlank()) {
            throw new IllegalArgumentException("health check name is blank; give it a name for /readyz and the logs");
        }
        synchronized (entries) {
            for (Entry e : entries) {
                if (e.name.equals(name)) {
                    throw new IllegalArgumentException("a health check named '" + name + "' was already added");
                }
            }
            entries.add(new Entry(name, role, timeoutNanos, check));
        }
    }

    /** Readiness as {@code isReady()} tells it: runs only the gating checks that are due. */
    boolean isReady() {
        if (!core.started || core.shuttingDown || reason != null) {
            return false;
        }
        for (Health.CheckResult r : results(true)) {
            if (!r.up()) {
                return false;
            }
        }
        return !core.shuttingDown;
    }

    /** What {@code /readyz} shows: runs every due check, unless shutdown began. */
    Health health() {
        if (core.shuttingDown) {
            return new Health(Health.Status.SHUTTING_DOWN, Optional.empty(), cached());
        }
        List<Health.CheckResult> results = results(false);
        String why = reason;
        if (why == null) {
            StringBuilder down = new StringBuilder();
            for (Health.CheckResult r : results) {
                if (!r.up() && r.role() == HealthCheck.Role.GATES_READINESS) {
                    down.append(down.length() == 0 ? "" : "; ").append("health check '").append(r.name())
                            .append("' is down: ").append(r.problem().orElse("down"));
                }
            }
            why = down.length() == 0 ? null : down.toString();
        }
        // read the lifecycle flags last: a shutdown that began while the checks ran wins
        if (core.shuttingDown) {
            return new Health(Health.Status.SHUTTING_DOWN, Optional.empty(), results);
        }
        if (!core.started) {
            return new Health(Health.Status.STARTING, Optional.empty(), results);
        }
        return why == null ? new Health(Health.Status.READY, Optional.empty(), results)
                : new Health(Health.Status.NOT_READY, Optional.of(why), results);
    }

    /** Runs the due checks (only the gating ones if asked) and waits for them within their timeouts. */
    private List<Health.CheckResult> results(boolean gatingOnly) {
        List<Entry> due = new ArrayList<>();
        long now = core.now();
        for (Entry e : entries) {
            if (!gatingOnly || e.role == HealthCheck.Role.GATES_READINESS) {
                if (e.startIfDue(now)) {
                    due.add(e);
                }
            }
        }
        for (Entry e : due) {
            e.await();
        }
        now = core.now();
        List<Health.CheckResult> results = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            if (!gatingOnly || e.role == HealthCheck.Role.GATES_READINESS) {
                Health.CheckResult r = e.result(now);
                if (r != null) {
                    results.add(r);
                }
            }
        }
        return results;
    }

    /** The last results, running nothing: once shutdown began the dependencies may be closing. */
    private List<Health.CheckResult> cached() {
        long now = core.now();
        List<Health.CheckResult> results = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            Health.CheckResult r = e.result(now);
            if (r != null) {
                results.add(r);
            }
        }
        return results;
    }

    /** A result: up, or down with a problem, taken at {@code at} after running {@code nanos}. */
    private record Outcome(boolean up, String problem, long nanos, long at) {
    }

    /** One registered check and its state; see the class comment for the protocol. */
    private final class Entry {
        final String name;
        final HealthCheck.Role role;
        final long timeoutNanos;
        final HealthCheck check;
        // guarded by this
        private Run running;
        private Outcome last;

        Entry(String name, HealthCheck.Role role, long timeoutNanos, HealthCheck check) {
            this.name = name;
            this.role = role;
            this.timeoutNanos = timeoutNanos;
            this.check = check;
        }

        /** Starts a run if the last result is stale and none is in flight; true if one is in flight now. */
        synchronized boolean startIfDue(long now) {
            if (running != null) {
                return true;
            }
            if (last != null && now - last.at < intervalNanos) {
                return false;
            }
            running = new Run(this, now);
            running.start();
            return true;
        }

        /** Waits for the run in flight until its deadline, then records a timeout if it is still going. */
        void await() {
            Run run;
            synchronized (this) {
                run = running;
            }
            if (run == null) {
                return;
            }
            long deadline = Coordinator.saturatedAdd(run.startedAt, timeoutNanos);
            core.awaitUninterruptibly(run, deadline);
            synchronized (this) {
                long now = core.now();
                if (running == run && now - deadline >= 0) {
                    record(new Outcome(false, timedOut(), now - run.startedAt, now), null);
                    if (!run.timedOut) {
                        run.timedOut = true;
                        run.interrupt();
                    }
                }
            }
        }

        /** Called by the run when the check returned or threw. */
        void finished(Run run, boolean up, Throwable failure) {
            synchronized (this) {
                if (running == run) {
                    running = null;
                }
                long now = core.now();
                // a run that failed after its timeout (most likely of the interrupt) timed out
                String problem = up ? null : run.timedOut ? timedOut() : failure == null ? "reported unhealthy"
                        : "threw " + failure.getClass().getName();
                record(new Outcome(up, problem, now - run.startedAt, now), failure);
                run.done = true; // after the result is kept: a waiter that sees done finds it
            }
            core.signalChange();
        }

        private String timedOut() {
            return "timed out after " + timeoutNanos / 1_000_000 + " ms";
        }

        /** Keeps a result and logs a change of state: down once, up again once. */
        private void record(Outcome outcome, Throwable failure) {
            Outcome before = last;
            last = outcome;
            String kind = role == HealthCheck.Role.GATES_READINESS ? " (gates readiness)" : " (informational)";
            if (!outcome.up && (before == null || before.up)) {
                Coordinator.LOG.log(System.Logger.Level.WARNING, "health check '" + name + "'" + kind + " is down: "
                        + outcome.problem, failure);
            } else if (outcome.up && before != null && !before.up) {
                Coordinator.LOG.log(System.Logger.Level.INFO, "health check '" + name + "'" + kind + " is up again");
            }
        }

        synchronized Health.CheckResult result(long now) {
            if (last == null) {
                return null;
            }
            return new Health.CheckResult(name, role, last.up, Optional.ofNullable(last.problem),
                    Duration.ofNanos(Math.max(0, last.nanos)), Duration.ofNanos(Math.max(0, now - last.at)));
        }
    }

    /**
     * One run of a check, on a daemon thread of its own; also the condition its waiters wait on
     * (a named class, not a lambda, as on the shutdown path).
     */
    private static final class Run extends Thread implements BooleanSupplier {
        private final Entry entry;
        final long startedAt;
        /** Set once the check returned or threw. */
        private volatile boolean done;
        /** Guarded by the entry: set, and the thread interrupted, once, when it timed out. */
        boolean timedOut;

        Run(Entry entry, long startedAt) {
            super("twelvefactor-health-check " + entry.name);
            setDaemon(true);
            this.entry = entry;
            this.startedAt = startedAt;
        }

        @Override
        public void run() {
            boolean up = false;
            Throwable failure = null;
            try {
                up = entry.check.isHealthy();
            } catch (Exception | Error e) {
                failure = e;
            }
            entry.finished(this, up, failure);
        }

        @Override
        public boolean getAsBoolean() {
            return done;
        }
    }
}
