package io.twelvefactor.lifecycle;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code /readyz} answers at one moment: whether traffic should be sent here, why not,
 * and the last result of every health check. Returned by {@link Shutdown#health()}, so that an
 * application serving its probes on its own port answers exactly what the probe server would:
 *
 * <pre>{@code
 * Health health = shutdown.health();
 * byte[] body = health.toJson().getBytes(StandardCharsets.UTF_8);
 * exchange.sendResponseHeaders(health.httpStatus(), body.length);
 * }</pre>
 *
 * Immutable and thread-safe.
 *
 * @param status where the replica stands
 * @param reason why it is not ready: the application's {@link Shutdown#notReady(String)}
 *               reason, else the gating checks that are down; empty when ready, starting or
 *               shutting down
 * @param checks the last result of each check that has one, in the order they were added
 */
public record Health(Status status, Optional<String> reason, List<CheckResult> checks) {

    /**
     * Checks and copies the components.
     *
     * @param status where the replica stands
     * @param reason why it is not ready
     * @param checks the check results; copied
     * @throws NullPointerException if a component is null
     */
    public Health {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        checks = List.copyOf(checks);
    }

    /** Where a replica stands, as {@code /readyz} shows it. */
    public enum Status {
        /** {@link Shutdown#started()} not called yet. */
        STARTING,
        /** Started, not shutting down, not marked not ready, every gating check up. */
        READY,
        /** Marked not ready by the application, or a gating check is down. */
        NOT_READY,
        /** Shutdown began: stays so, whatever the application or the checks say. */
        SHUTTING_DOWN;

        /** The status as {@code /readyz} writes it: {@code "ready"}, {@code "not ready"}… */
        String text() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    /**
     * The last result of one health check.
     *
     * @param name           the name it was added under
     * @param role           whether it gates readiness
     * @param up             whether it reported healthy
     * @param problem        why it is down: {@code "reported unhealthy"}, {@code "threw
     *                       java.net.ConnectException"}, {@code "timed out after 500 ms"}; empty
     *                       when up. An exception's message is logged, never shown here
     * @param duration       how long the check took (for a check still running past its
     *                       timeout, how long it has run so far)
     * @param checkedAgo     how long ago this result was taken: results are reused for the
     *                       check interval
     */
    public record CheckResult(String name, HealthCheck.Role role, boolean up, Optional<String> problem,
                              Duration duration, Duration checkedAgo) {

        /**
         * Checks the components.
         *
         * @param name       the check's name
         * @param role       whether it gates readiness
         * @param up         whether it reported healthy
         * @param problem    why it is down
         * @param duration   how long it took
         * @param checkedAgo how long ago it was taken
         * @throws NullPointerException if a component is null
         */
        public CheckResult {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(problem, "problem");
            Objects.requireNonNull(duration, "duration");
            Objects.requireNonNull(checkedAgo, "checkedAgo");
        }
    }

    /**
     * Tells whether traffic should be sent here.
     *
     * @return true when the status is {@link Status#READY}
     */
    public boolean isReady() {
        return status == Status.READY;
    }

    /**
     * Returns the HTTP status {@code /readyz} answers with.
     *
     * @return 200 when ready, else 503
     */
    public int httpStatus() {
        return isReady() ? 200 : 503;
    }

    /**
     * Returns the body {@code /readyz} answers with, one line of JSON, for example
     * <pre>{@code
     * {"status":"not ready","reason":"cache warming up","checks":[{"name":"database",
     *  "gatesReadiness":false,"status":"up","durationMs":3,"checkedAgoMs":1200}]}
     * }</pre>
     * A check that is down also has {@code "problem"}; {@code "reason"} is there only when
     * the status is {@code "not ready"}.
     *
     * @return a JSON object, without a trailing newline
     */
    public String toJson() {
        StringBuilder b = new StringBuilder(64 + 120 * checks.size()).append("{\"status\":");
        Json.string(b, status.text());
        if (reason.isPresent()) {
            b.append(",\"reason\":");
            Json.string(b, reason.get());
        }
        b.append(",\"checks\":[");
        for (int i = 0; i < checks.size(); i++) {
            CheckResult c = checks.get(i);
            b.append(i == 0 ? "{\"name\":" : ",{\"name\":");
            Json.string(b, c.name());
            b.append(",\"gatesReadiness\":").append(c.role() == HealthCheck.Role.GATES_READINESS)
                    .append(",\"status\":").append(c.up() ? "\"up\"" : "\"down\"");
            if (c.problem().isPresent()) {
                b.append(",\"problem\":");
                Json.string(b, c.problem().get());
            }
            b.append(",\"durationMs\":").append(c.duration().toMillis())
                    .append(",\"checkedAgoMs\":").append(c.checkedAgo().toMillis()).append('}');
        }
        return b.append("]}").toString();
    }
}
