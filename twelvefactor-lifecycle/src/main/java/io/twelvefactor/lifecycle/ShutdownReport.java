package io.twelvefactor.lifecycle;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one shutdown did: what started it, how long it took, the exit code it chose and the
 * outcome of every hook in the order they were due to run. Immutable and thread-safe.
 *
 * @param trigger  what started the shutdown: {@code SIGTERM}, {@code SIGINT}, {@code SIGHUP},
 *                 {@code shutdown()} or {@code JVM exit}
 * @param duration from the start of the shutdown to the end of the last hook
 * @param exitCode {@link Shutdown#EXIT_OK}, {@link Shutdown#EXIT_HOOK_FAILED} or
 *                 {@link Shutdown#EXIT_BUDGET_SPENT}; the process exits with it after a
 *                 signal-initiated shutdown
 * @param hooks    one result per registered hook, in running order
 * @param leftInFlight what was still in flight when the drain ended without reaching zero:
 *                 the name of each named request or job ({@code Shutdown.tryEnter(String)}),
 *                 sorted, then {@value #UNNAMED} once for each unnamed one; empty when the
 *                 drain finished
 */
public record ShutdownReport(String trigger, Duration duration, int exitCode, List<HookResult> hooks,
                             List<String> leftInFlight) {

    /** The entry of {@link #leftInFlight()} for a request or job counted without a name. */
    public static final String UNNAMED = "(unnamed)";

    /** How many names of {@link #leftInFlight()} the summary shows before it counts the rest. */
    private static final int MAX_NAMES_SHOWN = 20;

    /**
     * Checks and copies the components.
     *
     * @param trigger  what started the shutdown
     * @param duration how long it took
     * @param exitCode the exit code it chose
     * @param hooks    one result per hook; copied
     * @param leftInFlight what was still in flight when the drain ended; copied
     * @throws NullPointerException if a component is null
     */
    public ShutdownReport {
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(duration, "duration");
        hooks = List.copyOf(hooks);
        leftInFlight = List.copyOf(leftInFlight);
    }

    /**
     * A report with nothing left in flight, as reports were before {@link #leftInFlight()}.
     *
     * @param trigger  what started the shutdown
     * @param duration how long it took
     * @param exitCode the exit code it chose
     * @param hooks    one result per hook; copied
     * @throws NullPointerException if a component is null
     */
    public ShutdownReport(String trigger, Duration duration, int exitCode, List<HookResult> hooks) {
        this(trigger, duration, exitCode, hooks, List.of());
    }

    /**
     * Returns the report as the single line the coordinator logs and writes to stderr, for
     * example {@code shutdown after SIGTERM took 12 ms, exit code 0: http OK 3 ms, db OK 1 ms}.
     * When the drain ended with work in flight, the line ends with what it was, for example
     * {@code ; still in flight when the drain ended: 3 (job 17, job 42, 1 unnamed)}.
     *
     * @return one line, never empty
     */
    public String summary() {
        return summary(false);
    }

    /**
     * The summary; when the JVM is already exiting because of {@code System.exit}, the JVM and
     * not this report decides the status, and the line says so instead of naming a code.
     */
    String summary(boolean statusFromSystemExit) {
        StringBuilder b = new StringBuilder(64 + 32 * hooks.size())
                .append("shutdown after ").append(trigger)
                .append(" took ").append(duration.toMillis()).append(" ms, ");
        if (statusFromSystemExit) {
            b.append("exit status set by System.exit");
        } else {
            b.append("exit code ").append(exitCode);
        }
        if (hooks.isEmpty()) {
            b.append(": no hooks");
        } else {
            b.append(':');
            for (int i = 0; i < hooks.size(); i++) {
                b.append(i == 0 ? " " : ", ");
                hooks.get(i).appendTo(b);
            }
        }
        if (!leftInFlight.isEmpty()) {
            appendLeftInFlight(b);
        }
        return b.toString();
    }

    private void appendLeftInFlight(StringBuilder b) {
        b.append("; still in flight when the drain ended: ").append(leftInFlight.size()).append(" (");
        int shown = 0;
        int unnamed = 0;
        for (String name : leftInFlight) {
            if (name.equals(UNNAMED)) {
                unnamed++;
            } else if (shown < MAX_NAMES_SHOWN) {
                b.append(shown++ == 0 ? "" : ", ").append(name);
            }
        }
        int more = leftInFlight.size() - unnamed - shown;
        if (more > 0) {
            b.append(", ").append(more).append(" more");
        }
        if (unnamed > 0) {
            b.append(shown == 0 ? "" : ", ").append(unnamed).append(" unnamed");
        }
        b.append(')');
    }

    /** How one hook ended. */
    public enum Outcome {
        /** The hook returned normally within its time. */
        OK,
        /** The hook threw, or called {@code System.exit}; see {@link HookResult#failure()}. */
        FAILED,
        /** The hook overran its own timeout or the shutdown budget and was interrupted. */
        TIMED_OUT,
        /** The hook never ran: the budget was spent before its turn, or the process halted. */
        SKIPPED
    }

    /**
     * The outcome of one hook.
     *
     * @param name     the name it was registered with
     * @param phase    its phase
     * @param outcome  how it ended
     * @param duration how long it ran; zero when skipped
     * @param failure  what it threw, present only when {@code outcome} is {@link Outcome#FAILED}
     */
    public record HookResult(String name, Phase phase, Outcome outcome, Duration duration,
                             Optional<Throwable> failure) {

        /**
         * Checks the components.
         *
         * @param name     the name it was registered with
         * @param phase    its phase
         * @param outcome  how it ended
         * @param duration how long it ran
         * @param failure  what it threw, if it failed
         * @throws NullPointerException if a component is null
         */
        public HookResult {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(phase, "phase");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(duration, "duration");
            Objects.requireNonNull(failure, "failure");
        }

        void appendTo(StringBuilder b) {
            b.append(name).append(' ').append(outcome);
            if (outcome != Outcome.SKIPPED) {
                b.append(' ').append(duration.toMillis()).append(" ms");
            }
            if (failure.isPresent()) {
                Throwable t = failure.get();
                b.append(" (").append(t.getClass().getName());
                if (t.getMessage() != null) {
                    b.append(": ").append(t.getMessage().replace('\n', ' '));
                }
                b.append(')');
            }
        }
    }
}
