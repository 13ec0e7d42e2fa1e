package io.twelvefactor.example;

import io.twelvefactor.lifecycle.HealthCheck;
import io.twelvefactor.lifecycle.Shutdown;
import java.sql.Connection;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * The service's health checks, shown by {@code /readyz}. Whether a check gates readiness
 * depends on what the process type is for:
 * <ul>
 * <li>The database is shared by every replica of every type: informational everywhere, since
 *     a blip would take every replica out of rotation at once, and clients would get no
 *     answer instead of a 503 they can retry.</li>
 * <li>The broker, in a web process ({@link #registerRelay}): informational. The web process
 *     serves without it: a note's job waits in the outbox until the relay reconnects, so the
 *     replica is still worth sending traffic to.</li>
 * <li>The broker, in a worker ({@link #registerConsumer}): gates readiness. A worker without
 *     its consumer cannot do its job, and no traffic is routed to a worker anyway: its
 *     readiness is what a rolling update waits for before it stops the next old worker.</li>
 * </ul>
 */
final class HealthChecks {
    /** Below Kubernetes' default probe timeout (1 s): {@code /readyz} waits for the checks. */
    static final Duration TIMEOUT = Duration.ofMillis(500);
    /** The name of the broker check in {@code /readyz}. */
    static final String BROKER = "broker";

    private HealthChecks() {
    }

    /** Registers the database check, informational: every replica shares the database. */
    static void register(Shutdown shutdown, DataSource database) {
        shutdown.addHealthCheck("database", HealthCheck.Role.INFORMATIONAL, TIMEOUT, database(database));
    }

    /**
     * A web process's broker check, informational: up while the outbox relay holds an open
     * channel; down while the broker is unreachable and jobs wait in the outbox.
     */
    static void registerRelay(Shutdown shutdown, OutboxRelay relay) {
        shutdown.addHealthCheck(BROKER, HealthCheck.Role.INFORMATIONAL, TIMEOUT, relay::isConnected);
    }

    /**
     * A worker's broker check, gating readiness: up while its connection and channel are open
     * and its consumer is registered.
     */
    static void registerConsumer(Shutdown shutdown, Worker worker) {
        shutdown.addHealthCheck(BROKER, HealthCheck.Role.GATES_READINESS, TIMEOUT, worker::isConsuming);
    }

    /** Borrows a connection and asks the driver whether it is valid (a round trip for PostgreSQL). */
    static HealthCheck database(DataSource database) {
        return () -> {
            try (Connection c = database.getConnection()) {
                return c.isValid(1);
            }
        };
    }
}
