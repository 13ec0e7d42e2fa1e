package io.twelvefactor.example;

import io.twelvefactor.lifecycle.HealthCheck;
import io.twelvefactor.lifecycle.Shutdown;
import java.sql.Connection;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * The service's health checks, shown by {@code /readyz}. None gates readiness: the database
 * (and the broker, when {@code AMQP_URL} is set) is shared by every replica, so taking
 * replicas out of rotation when it blips would take them all out at once, and clients would
 * get no answer instead of a 503 they can retry. A check that only this replica could fail
 * (a cache of its own warming up) would be {@link HealthCheck.Role#GATES_READINESS}.
 */
final class HealthChecks {
    /** Below Kubernetes' default probe timeout (1 s): {@code /readyz} waits for the checks. */
    static final Duration TIMEOUT = Duration.ofMillis(500);

    private HealthChecks() {
    }

    /**
     * Registers the checks of what this process uses. A broker connection, when the service
     * has one, is added here the same way ({@code () -> connection.isOpen()}).
     */
    static void register(Shutdown shutdown, DataSource database) {
        shutdown.addHealthCheck("database", HealthCheck.Role.INFORMATIONAL, TIMEOUT, database(database));
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
