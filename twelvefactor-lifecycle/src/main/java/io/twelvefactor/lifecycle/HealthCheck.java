package io.twelvefactor.lifecycle;

/**
 * A check of something the application depends on, such as a database ping or a broker
 * connection, registered with {@link Shutdown#addHealthCheck(String, Role, HealthCheck)} and
 * shown by {@code /readyz} with its status and duration.
 *
 * <pre>{@code
 * shutdown.addHealthCheck("database", HealthCheck.Role.INFORMATIONAL, () -> {
 *     try (Connection c = pool.getConnection()) { return c.isValid(1); }
 * });
 * shutdown.addHealthCheck("cache", HealthCheck.Role.GATES_READINESS, cache::isWarm);
 * }</pre>
 *
 * <p>A check runs on a thread of its own, at most once at a time, and its result is kept for
 * the check interval ({@link Shutdown.Builder#healthCheckInterval(java.time.Duration)}), so
 * however often the platform probes, the dependency sees at most one check per interval from
 * each replica. A check that overruns its timeout counts as down and is interrupted.
 */
@FunctionalInterface
public interface HealthCheck {

    /**
     * Tells whether the dependency is usable now.
     *
     * @return true if it is up, false if it is down
     * @throws Exception when it cannot be checked, which counts as down: {@code /readyz} shows
     *                   the exception's class, the log its message
     */
    boolean isHealthy() throws Exception;

    /** Whether a check decides readiness or is only shown. */
    enum Role {
        /**
         * While the check is down, the replica is not ready ({@code /readyz} answers 503).
         * For what is local to this replica and that another replica may not share: a cache
         * warming up, a local queue full, a connection of its own to re-establish.
         */
        GATES_READINESS,

        /**
         * Shown by {@code /readyz} with its status, never changing its answer. For what every
         * replica shares, such as the one database: were it gating, a blip would take every
         * replica out of rotation at once, and the clients would get no answer at all instead
         * of an error they can retry.
         */
        INFORMATIONAL
    }
}
