package io.twelvefactor.lifecycle;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;

/**
 * Graceful shutdown with one budget: on SIGTERM (or SIGINT, SIGHUP) readiness turns false,
 * requests still arriving are served for {@code SHUTDOWN_DELAY}, requests and jobs in flight
 * are drained, then the registered hooks run phase by phase, last registered first, and the
 * process exits, all within {@code SHUTDOWN_TIMEOUT} (default 25 s) of the signal.
 *
 * <pre>{@code
 * Shutdown shutdown = Shutdown.install();
 * shutdown.register(Phase.SERVERS, "http", () -> server.stop(0));
 * shutdown.register("db", pool::close);
 * shutdown.started();          // logs the startup time; readiness turns true
 * }</pre>
 *
 * <p>Exit codes after a signal: {@value #EXIT_OK} when every hook succeeded (or 128 plus the
 * signal number, see {@link Builder#signalExitStatus(boolean)}),
 * {@value #EXIT_HOOK_FAILED} when a hook failed or overran its own timeout,
 * {@value #EXIT_BUDGET_SPENT} when the budget ran out (the process is halted), and 128 plus
 * the signal number when a second SIGINT forced an immediate halt. When the application calls
 * {@code System.exit(n)}, even from a hook, the hooks still run and the process exits with
 * {@code n}, the JVM's rule.
 *
 * <p>Readiness follows the application too: {@link #notReady(String)} and {@link #ready()}
 * take the replica out of rotation and back, and health checks added with
 * {@link #addHealthCheck(String, HealthCheck.Role, HealthCheck)} are shown by {@code /readyz}
 * (see {@link #health()}), those that gate readiness deciding it. Once shutdown began,
 * readiness stays false whatever they say.
 *
 * <p>All methods are thread-safe.
 */
public final class Shutdown {

    /** Exit code after a signal when every hook succeeded. */
    public static final int EXIT_OK = 0;
    /** Exit code after a signal when a hook threw, called {@code System.exit} or overran its own timeout. */
    public static final int EXIT_HOOK_FAILED = 70;
    /** Exit code when {@code SHUTDOWN_TIMEOUT} ran out; the process is halted (as {@code timeout(1)} does). */
    public static final int EXIT_BUDGET_SPENT = 124;

    private static Shutdown installed;

    /** Package-private for tests that read the settings in force. */
    final Coordinator core;

    private Shutdown(Coordinator core) {
        this.core = core;
    }

    /**
     * Installs the process-wide coordinator, configured from the environment: one JVM shutdown
     * hook and handlers for SIGTERM, SIGINT and SIGHUP. Idempotent: later calls return the
     * same instance. A warning is logged for each signal that cannot be handled ({@code -Xrs},
     * or a signal the process inherited as ignored).
     *
     * @return the process-wide coordinator
     * @throws LifecycleException if {@code SHUTDOWN_TIMEOUT}, {@code SHUTDOWN_DELAY} or
     *                            {@code HEALTH_PORT} is invalid, or the probe server cannot listen
     */
    public static synchronized Shutdown install() {
        // the builder's defaults without the builder: one class fewer to load at startup
        return installed != null ? installed : installNew(new Coordinator(Settings.from(System.getenv()), null, null, null,
                false, false, Readiness.DEFAULT_INTERVAL_NANOS));
    }

    /**
     * Makes {@code core} the process-wide coordinator: it takes the operating system's signals
     * and the JVM's shutdown hook. The caller holds the lock on {@code Shutdown.class} and saw
     * no coordinator installed.
     */
    private static Shutdown installNew(Coordinator core) {
        Shutdown s = new Shutdown(core);
        Defaults.ToCoordinator glue = new Defaults.ToCoordinator(core);
        PosixSignals.subscribe(glue);
        Runtime.getRuntime().addShutdownHook(glue);
        installed = s;
        return s;
    }

    /**
     * Returns a builder for a coordinator with injected settings, clock, exit and signals,
     * mainly for tests; {@link Builder#build()} touches no process-wide state.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Checks a budget and a delay by the rules {@link Builder#build()} applies to them, so that
     * an application that binds {@code SHUTDOWN_TIMEOUT} and {@code SHUTDOWN_DELAY} itself (with
     * {@code Env.bind}) can call it from its config record's compact constructor and report a
     * wrong value with every other configuration problem, before anything starts:
     *
     * <pre>{@code
     * record AppConfig(@Default("25s") Duration shutdownTimeout, @Default("0s") Duration shutdownDelay) {
     *     AppConfig { Shutdown.checkSettings(shutdownTimeout, shutdownDelay); }
     * }
     * }</pre>
     *
     * @param timeout the budget from the signal to exit: above zero, at most one day
     * @param delay   how long to keep serving after the signal: zero or more, less than {@code timeout}
     * @throws IllegalArgumentException naming {@code SHUTDOWN_TIMEOUT} or {@code SHUTDOWN_DELAY}
     *                                  first, with the value and what was expected
     * @throws NullPointerException if an argument is null
     */
    public static void checkSettings(Duration timeout, Duration delay) {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(delay, "delay");
        Settings.checkTimeout(Settings.TIMEOUT, timeout);
        Settings.checkDelay(Settings.DELAY, delay, timeout);
    }

    /**
     * Checks a probe server port by the rule {@link Builder#healthPort(int)} applies, for a
     * config record's compact constructor (see {@link #checkSettings(Duration, Duration)}).
     *
     * @param port the port; 0 picks a free one
     * @throws IllegalArgumentException naming {@code HEALTH_PORT} first, if the port is not 0-65535
     */
    public static void checkHealthPort(int port) {
        Settings.checkPort(Settings.HEALTH_PORT, port);
    }

    /**
     * Registers a hook in {@link Phase#RESOURCES}, limited only by the budget.
     *
     * @param name a short name for logs and the report
     * @param hook what to run
     * @throws IllegalStateException if shutdown already began
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public void register(String name, Hook hook) {
        core.add(Phase.RESOURCES, name, Coordinator.NO_TIMEOUT, hook);
    }

    /**
     * Registers a hook in {@link Phase#RESOURCES} with a timeout of its own, capped by what is
     * left of the budget when its turn comes.
     *
     * @param name    a short name for logs and the report
     * @param timeout the most this hook may take; positive
     * @param hook    what to run
     * @throws IllegalStateException if shutdown already began
     * @throws IllegalArgumentException if {@code name} is blank or {@code timeout} not positive
     */
    public void register(String name, Duration timeout, Hook hook) {
        core.add(Phase.RESOURCES, name, Settings.positiveNanos("hook timeout", timeout), hook);
    }

    /**
     * Registers a hook in the given phase, limited only by the budget.
     *
     * @param phase when it runs
     * @param name  a short name for logs and the report
     * @param hook  what to run
     * @throws IllegalStateException if shutdown already began
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public void register(Phase phase, String name, Hook hook) {
        core.add(phase, name, Coordinator.NO_TIMEOUT, hook);
    }

    /**
     * Registers a hook in the given phase with a timeout of its own, capped by what is left of
     * the budget when its turn comes.
     *
     * @param phase   when it runs
     * @param name    a short name for logs and the report
     * @param timeout the most this hook may take; positive
     * @param hook    what to run
     * @throws IllegalStateException if shutdown already began
     * @throws IllegalArgumentException if {@code name} is blank or {@code timeout} not positive
     */
    public void register(Phase phase, String name, Duration timeout, Hook hook) {
        core.add(phase, name, Settings.positiveNanos("hook timeout", timeout), hook);
    }

    /**
     * Marks startup as done: readiness turns true (unless shutdown already began) and the time
     * since the JVM started is logged. On Linux that time is the process's age as the kernel
     * keeps it, to 10 ms; elsewhere the {@code RuntimeMXBean}'s uptime.
     *
     * @return the time since the JVM started
     */
    public Duration started() {
        Duration uptime = Duration.ofMillis(Uptime.millis());
        core.started = true;
        Coordinator.LOG.log(System.Logger.Level.INFO, "started in " + uptime.toMillis() + " ms since JVM start; "
                + (core.shuttingDown ? "shutdown already began, so staying not ready" : "ready"));
        return uptime;
    }

    /**
     * Tells whether {@link #started()} was called: what {@code /startupz} reports, for a
     * platform's startup probe. Stays true once true, during shutdown too.
     *
     * @return true from {@link #started()} on
     */
    public boolean isStarted() {
        return core.started;
    }

    /**
     * Tells whether traffic should be sent here: after {@link #started()}, before shutdown
     * began, while the application has not said {@link #notReady(String)}, and while every
     * check that {@link HealthCheck.Role#GATES_READINESS gates readiness} is up. Runs the gating
     * checks whose last result is older than the check interval, so it may take as long as
     * their longest timeout; the informational checks are not run.
     *
     * @return the readiness {@code /readyz} reports
     */
    public boolean isReady() {
        return core.isReady();
    }

    /**
     * Takes this replica out of rotation until {@link #ready()}: {@code /readyz} answers 503
     * and shows the reason. For a condition of this replica, such as a cache warming up or a
     * connection of its own being re-established; the process stays live. Logged at
     * {@code INFO} when the reason changes. Calling it again replaces the reason.
     *
     * @param reason a short sentence for {@code /readyz} and the log, such as {@code "cache warming up"};
     *               shown to whoever can reach the probe, so no secret
     * @throws IllegalArgumentException if {@code reason} is blank
     * @throws NullPointerException if {@code reason} is null
     */
    public void notReady(String reason) {
        if (reason.isBlank()) {
            throw new IllegalArgumentException("notReady reason is blank; say why, such as \"cache warming up\"");
        }
        core.readiness().notReady(reason.strip());
    }

    /**
     * Undoes {@link #notReady(String)}: the replica is ready again if it started, shutdown has
     * not begun and its gating checks are up. Once shutdown began, readiness stays false
     * whatever this says. Does nothing when the application did not say not ready.
     */
    public void ready() {
        core.readiness().ready();
    }

    /**
     * Adds a health check with the default timeout of 500 ms; see
     * {@link #addHealthCheck(String, HealthCheck.Role, Duration, HealthCheck)}.
     *
     * @param name  a short name for {@code /readyz} and the logs, unique in this coordinator
     * @param role  whether it gates readiness or is only shown
     * @param check the check
     * @throws IllegalArgumentException if {@code name} is blank or already taken
     * @throws NullPointerException if an argument is null
     */
    public void addHealthCheck(String name, HealthCheck.Role role, HealthCheck check) {
        core.readiness().add(name, role, Readiness.DEFAULT_TIMEOUT.toNanos(), check);
    }

    /**
     * Adds a health check, run when {@code /readyz} (or {@link #health()}, or for a gating
     * check {@link #isReady()}) needs a result and the last one is older than the check
     * interval. A run that takes longer than {@code timeout} counts as down and is interrupted;
     * no other run of that check starts until it returns. Keep the timeout below the probe's
     * own ({@code timeoutSeconds}, 1 s by default on Kubernetes): {@code /readyz} waits for the
     * due checks, which run in parallel.
     *
     * @param name    a short name for {@code /readyz} and the logs, unique in this coordinator
     * @param role    whether it gates readiness or is only shown; see {@link HealthCheck.Role}
     * @param timeout the most one run may take; positive
     * @param check   the check
     * @throws IllegalArgumentException if {@code name} is blank or already taken, or {@code timeout} not positive
     * @throws NullPointerException if an argument is null
     */
    public void addHealthCheck(String name, HealthCheck.Role role, Duration timeout, HealthCheck check) {
        core.readiness().add(name, role, Settings.positiveNanos("health check timeout", timeout), check);
    }

    /**
     * Returns what {@code /readyz} answers now: the status, the reason and every check's last
     * result, running the checks that are due (unless shutdown began: then nothing runs and
     * the last results are shown). For an application that serves its probes on its own port.
     *
     * @return the health, with its HTTP status and JSON body
     */
    public Health health() {
        return core.readiness().health();
    }

    /**
     * Tells whether shutdown began, by a signal, {@link #shutdown()} or the JVM exiting.
     *
     * @return true from the first moment of shutdown on
     */
    public boolean isShuttingDown() {
        return core.shuttingDown;
    }

    /**
     * Counts a request as in flight until the returned guard is closed; the drain waits for the
     * count to reach zero. Never refuses, so it suits servers whose {@code SERVERS} hook is what
     * stops their intake; a server that keeps accepting until its hook runs should use
     * {@link #tryEnter()}, or under steady load the drain never sees zero.
     *
     * @return a guard for try-with-resources; closing it again does nothing
     */
    public InFlight enter() {
        core.inFlight.incrementAndGet();
        return new InFlight(core, null);
    }

    /**
     * Counts a request or job as {@link #enter()} does, under a name: if it is still in flight
     * when the drain ends, the shutdown summary shows the name and the thread that called this
     * method is interrupted.
     *
     * @param name a short name for the summary
     * @return a guard for try-with-resources; closing it again does nothing
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public InFlight enter(String name) {
        String checked = checkName(name);
        core.inFlight.incrementAndGet();
        return core.held(new InFlight(core, checked));
    }

    /**
     * Counts a request as in flight, as {@link #enter()} does, unless the drain has begun (after
     * {@code SHUTDOWN_DELAY}): from then on it refuses, so that the drain converges even while
     * the server still accepts connections. Answer a refused request with 503 and
     * {@code Connection: close}; the client retries on a replica that is still ready.
     *
     * <pre>{@code
     * Optional<Shutdown.InFlight> request = shutdown.tryEnter();
     * if (request.isEmpty()) { refuse(exchange, 503); return; }
     * try (Shutdown.InFlight counted = request.get()) { handle(exchange); }
     * }</pre>
     *
     * @return a guard for try-with-resources, or empty once the drain has begun
     */
    public Optional<InFlight> tryEnter() {
        return core.tryEnter() ? Optional.of(new InFlight(core, null)) : Optional.empty();
    }

    /**
     * Counts a job (or request) as {@link #tryEnter()} does, under a name: if it is still in
     * flight when the drain ends, the shutdown summary shows the name and the thread that
     * called this method is interrupted, so that the job can give its work back. A worker takes each job this
     * way and gives the job back to its queue when refused:
     *
     * <pre>{@code
     * Optional<Shutdown.InFlight> job = shutdown.tryEnter("job " + id);
     * if (job.isEmpty()) { channel.basicNack(tag, false, true); return; }   // back to the queue
     * try (Shutdown.InFlight counted = job.get()) { process(message, counted.remaining()); }
     * }</pre>
     *
     * @param name a short name for the summary, such as {@code "job 42"}
     * @return a guard for try-with-resources, or empty once the drain has begun
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public Optional<InFlight> tryEnter(String name) {
        String checked = checkName(name);
        return core.tryEnter() ? Optional.of(core.held(new InFlight(core, checked))) : Optional.empty();
    }

    /**
     * Ends one request counted by {@link #enter()}, for servers that cannot use the guard. Such
     * a request is counted but not named, and its thread is not interrupted when the drain ends.
     *
     * @throws IllegalStateException if no request is in flight
     */
    public void exit() {
        core.exit();
    }

    /**
     * Runs the shutdown now (for example after a fatal error) and returns its report, without
     * exiting the process. If a shutdown already began, waits for it and returns its report:
     * hooks never run twice.
     *
     * @return the report
     * @throws IllegalStateException if called from a hook (it would wait for itself)
     */
    public ShutdownReport shutdown() {
        return core.shutdown();
    }

    /**
     * Calls {@code listener} once, at the first moment of shutdown: readiness is already false,
     * {@code SHUTDOWN_DELAY} has not begun. This is how a queue consumer or a scheduler learns
     * at once that it must stop taking work, without polling {@link #isShuttingDown()}.
     *
     * <p>Listeners run one after another, in the order they were added, on a daemon thread of
     * their own ({@code twelvefactor-shutdown-listeners}), so a listener may block briefly (to
     * cancel a consumer, say): the sequence does not wait for it, and the budget runs on. A
     * listener that throws is logged and the next one runs. Added after shutdown began, the
     * listener runs at once, on the calling thread.
     *
     * @param listener what to run; it may call {@link #remaining()}
     */
    public void onShutdown(Runnable listener) {
        core.onShutdown(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Tells how much of the budget is left: the whole {@code SHUTDOWN_TIMEOUT} before shutdown
     * began, then what is left of it, down to zero. Called from a hook, the time left for that
     * hook: its own timeout, capped by the budget. For the time left to a job or request in
     * flight, see {@link InFlight#remaining()}.
     *
     * @return a duration, never negative
     */
    public Duration remaining() {
        return Duration.ofNanos(core.remainingNanos());
    }

    /**
     * Waits until a shutdown has run its hooks.
     *
     * @param timeout how long to wait at most
     * @return true if the shutdown finished, false if the timeout passed first
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return core.awaitTermination(Settings.nanosOrZero(timeout));
    }

    /**
     * Blocks until a shutdown has run its hooks, for example at the end of {@code main}.
     *
     * @return the report
     * @throws InterruptedException if interrupted while waiting
     * @throws IllegalStateException if called from a hook (it would wait for itself)
     */
    public ShutdownReport await() throws InterruptedException {
        return core.await();
    }

    /**
     * Returns the port the probe server listens on, if {@code HEALTH_PORT} asked for one.
     *
     * @return the bound port (the actual one when {@code HEALTH_PORT=0}), or empty
     */
    public OptionalInt healthPort() {
        return core.probes == null ? OptionalInt.empty() : OptionalInt.of(core.probes.port());
    }

    /**
     * A request or job counted by {@link #enter()} or {@link #tryEnter()}: closing it ends it.
     * When the drain ends (its share of the budget spent) with a <em>named</em> guard still
     * open ({@link #tryEnter(String)}, {@link #enter(String)}), the summary names it and the
     * thread that took it is interrupted; unnamed ones are only counted. Thread-safe; closing
     * twice counts once.
     */
    public static final class InFlight implements AutoCloseable {
        private final Coordinator owner;
        final AtomicBoolean closed = new AtomicBoolean();
        /** The name for the summary, or null. */
        final String name;
        /** The thread that took it, interrupted if the drain ends first (named guards only). */
        final Thread thread;

        private InFlight(Coordinator owner, String name) {
            this.owner = owner;
            this.name = name;
            this.thread = Thread.currentThread();
        }

        /**
         * Tells how long this work may still take before the drain ends (and, for a named guard,
         * its thread is interrupted): {@code SHUTDOWN_DELAY} plus half of the rest of {@code SHUTDOWN_TIMEOUT}
         * before shutdown began, then what is left of that, down to zero. A job that needs
         * longer should give its work back (to its queue) rather than start.
         *
         * @return a duration, never negative
         */
        public Duration remaining() {
            return Duration.ofNanos(owner.drainRemainingNanos());
        }

        /** Ends the request or job; later calls do nothing. */
        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                if (name != null) {
                    owner.release(this);
                }
                owner.exit();
            }
        }
    }

    /**
     * Configures a coordinator. Defaults: settings from {@code System.getenv()}, the system's
     * {@code nanoTime}, {@code Runtime.exit} and {@code Runtime.halt}, no signals for
     * {@link #build()}, a second SIGTERM ignored. A setting given as a typed value
     * ({@link #timeout(Duration)}, {@link #delay(Duration)}, {@link #healthPort(int)},
     * {@link #noHealthPort()}) wins over its environment variable, which is then not read;
     * an application that binds its settings with {@code Env.bind} hands them over this way:
     *
     * <pre>{@code
     * Shutdown shutdown = Shutdown.builder()
     *         .timeout(config.shutdownTimeout())
     *         .delay(config.shutdownDelay())
     *         .install();
     * }</pre>
     *
     * Not thread-safe.
     */
    public static final class Builder {
        private Map<String, String> env = System.getenv();
        /** Null for the system's clock, exit and halt, and for no signals: no object made for a default. */
        private LongSupplier clock;
        private IntConsumer exitAction;
        private IntConsumer haltAction;
        private SignalSource signals;
        private boolean forceOnSecondSigterm;
        private boolean signalExitStatus;
        /** Typed settings; null means "read the variable". */
        private Duration timeout;
        private Duration delay;
        private Integer healthPort;
        /** Null for the default, {@link Readiness#DEFAULT_INTERVAL_NANOS}. */
        private Duration checkInterval;

        private Builder() {
        }

        /**
         * Sets the budget from the signal to exit, instead of reading {@code SHUTDOWN_TIMEOUT}.
         *
         * @param timeout above zero, at most one day; default {@code SHUTDOWN_TIMEOUT}, else 25 s
         * @return this builder
         * @throws IllegalArgumentException if {@code timeout} is not above zero or longer than one day
         * @throws NullPointerException if {@code timeout} is null
         */
        public Builder timeout(Duration timeout) {
            Settings.checkTimeout("timeout", Objects.requireNonNull(timeout, "timeout"));
            this.timeout = timeout;
            return this;
        }

        /**
         * Sets how long to keep serving after the signal before the drain, instead of reading
         * {@code SHUTDOWN_DELAY}. It must be less than the budget, which {@link #build()} checks.
         *
         * @param delay zero or more; default {@code SHUTDOWN_DELAY}, else zero
         * @return this builder
         * @throws IllegalArgumentException if {@code delay} is negative
         * @throws NullPointerException if {@code delay} is null
         */
        public Builder delay(Duration delay) {
            Settings.checkNotNegative("delay", Objects.requireNonNull(delay, "delay"));
            this.delay = delay;
            return this;
        }

        /**
         * Serves the probes ({@code /livez}, {@code /readyz}, {@code /startupz}) on this port, instead of reading
         * {@code HEALTH_PORT}.
         *
         * @param port 0-65535, 0 picks a free port; default {@code HEALTH_PORT}, else no probe server
         * @return this builder
         * @throws IllegalArgumentException if {@code port} is not 0-65535
         */
        public Builder healthPort(int port) {
            Settings.checkPort("health port", port);
            this.healthPort = port;
            return this;
        }

        /**
         * Starts no probe server, whatever {@code HEALTH_PORT} says.
         *
         * @return this builder
         */
        public Builder noHealthPort() {
            this.healthPort = Settings.NO_PORT;
            return this;
        }

        /**
         * Sets how long a health check's result is reused before the check runs again, so that
         * probes, however frequent, reach each dependency at most once per interval.
         *
         * @param interval zero or more (zero runs a check for every probe); default 5 s
         * @return this builder
         * @throws IllegalArgumentException if {@code interval} is negative
         * @throws NullPointerException if {@code interval} is null
         */
        public Builder healthCheckInterval(Duration interval) {
            Settings.checkNotNegative("health check interval", Objects.requireNonNull(interval, "interval"));
            this.checkInterval = interval;
            return this;
        }

        /**
         * Reads {@code SHUTDOWN_TIMEOUT}, {@code SHUTDOWN_DELAY} and {@code HEALTH_PORT} from
         * this map instead of the process environment (those not given as typed values).
         *
         * @param env the variables; copied
         * @return this builder
         */
        public Builder env(Map<String, String> env) {
            this.env = Map.copyOf(env);
            return this;
        }

        /**
         * Measures time with this monotonic nanosecond source instead of {@code System.nanoTime}.
         * Waits re-read it every few milliseconds, so a test can move time by hand.
         *
         * @param nanoTime the clock
         * @return this builder
         */
        public Builder clock(LongSupplier nanoTime) {
            this.clock = Objects.requireNonNull(nanoTime, "nanoTime");
            return this;
        }

        /**
         * Ends the process this way after a signal-initiated shutdown, instead of {@code Runtime.exit}.
         *
         * @param exit takes the exit code
         * @return this builder
         */
        public Builder exitAction(IntConsumer exit) {
            this.exitAction = Objects.requireNonNull(exit, "exit");
            return this;
        }

        /**
         * Stops the process at once this way (budget spent, second signal), instead of
         * {@code Runtime.halt}.
         *
         * @param halt takes the exit code
         * @return this builder
         */
        public Builder haltAction(IntConsumer halt) {
            this.haltAction = Objects.requireNonNull(halt, "halt");
            return this;
        }

        /**
         * Takes signals from this source; {@link #install()} uses the operating system's.
         *
         * @param signals the source; by default none
         * @return this builder
         */
        public Builder signals(SignalSource signals) {
            this.signals = Objects.requireNonNull(signals, "signals");
            return this;
        }

        /**
         * Makes a second SIGTERM during shutdown halt at once, as a second SIGINT always does.
         *
         * @param force default false: a second SIGTERM is logged and ignored, since platforms
         *              such as Kubernetes may repeat it
         * @return this builder
         */
        public Builder forceOnSecondSigterm(boolean force) {
            this.forceOnSecondSigterm = force;
            return this;
        }

        /**
         * Makes a clean signal-initiated shutdown exit with 128 plus the signal number (143
         * after SIGTERM, the JVM's own convention) instead of {@value Shutdown#EXIT_OK}.
         *
         * @param enabled default false: exit with 0, which Kubernetes shows as {@code Completed}
         * @return this builder
         */
        public Builder signalExitStatus(boolean enabled) {
            this.signalExitStatus = enabled;
            return this;
        }

        /**
         * Builds an independent coordinator: no JVM hook, signals only from {@link #signals(SignalSource)}.
         *
         * @return the coordinator, its probe server (if any) listening
         * @throws LifecycleException if a variable read is invalid, the delay is not less than the
         *                            budget, or the probe server cannot listen
         */
        public Shutdown build() {
            Shutdown s = new Shutdown(coordinator());
            if (signals != null) {
                signals.subscribe(new Defaults.ToCoordinator(s.core));
            }
            return s;
        }

        private Coordinator coordinator() {
            return new Coordinator(Settings.from(env, timeout, delay, healthPort), clock, exitAction, haltAction,
                    forceOnSecondSigterm, signalExitStatus,
                    checkInterval == null ? Readiness.DEFAULT_INTERVAL_NANOS : Settings.nanosOrZero(checkInterval));
        }

        /**
         * Builds the process-wide coordinator: adds one JVM shutdown hook and handles SIGTERM,
         * SIGINT and SIGHUP from the operating system, whatever {@link #signals(SignalSource)} said.
         *
         * @return the coordinator that {@link Shutdown#install()} returns from now on
         * @throws IllegalStateException if a process-wide coordinator is already installed
         * @throws LifecycleException if the settings are invalid or the probe server cannot listen
         */
        public Shutdown install() {
            synchronized (Shutdown.class) {
                if (installed != null) {
                    throw new IllegalStateException("a process-wide Shutdown is already installed;"
                            + " use Shutdown.install() to get it");
                }
                return installNew(coordinator());
            }
        }
    }

    /**
     * A named guard, taken on the current thread, for an entry another thread already counted
     * in {@code core}'s in-flight count (a signal handler chained to by {@link PosixSignals}).
     */
    static InFlight adopt(Coordinator core, String name) {
        return core.held(new InFlight(core, name));
    }

    private static String checkName(String name) {
        if (name.isBlank()) {
            throw new IllegalArgumentException("in-flight name is blank; give it a name for the summary, such as \"job 42\"");
        }
        return name;
    }
}
