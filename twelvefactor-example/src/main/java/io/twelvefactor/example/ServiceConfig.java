package io.twelvefactor.example;

import io.twelvefactor.backing.BackingService;
import io.twelvefactor.config.Default;
import io.twelvefactor.config.Description;
import io.twelvefactor.config.Range;
import io.twelvefactor.config.Secret;
import io.twelvefactor.lifecycle.Shutdown;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything that varies between deploys, bound from the environment by {@code Env.bind},
 * the library's own settings included, so that every wrong variable is reported at once.
 * Run {@code java -jar twelvefactor-example.jar env} to print this as a table.
 */
record ServiceConfig(
        @Default("8080") @Range(min = 0, max = 65_535) @Description("TCP port the HTTP API listens on; 0 picks a free one")
        int port,
        @Default("h2:file:./target/notes-db")
        @Description("the notes database; an embedded H2 file database when unset")
        BackingService databaseUrl,
        @Default("8") @Range(min = 1, max = 100) @Description("connections in the database pool")
        int databasePoolSize,
        @Default("25s") @Description("budget from SIGTERM to exit; keep it below terminationGracePeriodSeconds")
        Duration shutdownTimeout,
        @Default("0s") @Description("how long to keep serving after SIGTERM while load balancers catch up")
        Duration shutdownDelay,
        @Default("dev-token") @Description("bearer token required on POST /notes; set your own in production")
        Secret<String> apiToken,
        @Description("the RabbitMQ broker of the word-count jobs; unset: run keeps jobs in the outbox, worker refuses to start")
        Optional<BackingService> amqpUrl,
        @Default("notes.word-count") @Description("the durable queue of word-count jobs, declared by migrate")
        String jobQueue,
        @Default("16") @Range(min = 1, max = 1000) @Description("jobs a worker holds unacknowledged at once (AMQP prefetch)")
        int workerPrefetch,
        @Default("30s") @Description("how long worker and migrate retry an unreachable broker at start before exiting 69")
        Duration amqpConnectTimeout,
        @Default("5s") @Description("how long /readyz reuses a health check's result; 0s runs the checks on every probe")
        Duration healthCheckInterval) {

    ServiceConfig {
        // twelvefactor-lifecycle's own rules, so a wrong value is reported with every other problem
        Shutdown.checkSettings(shutdownTimeout, shutdownDelay);
        if (jobQueue.isBlank() || jobQueue.length() > 255) {
            throw new IllegalArgumentException("JOB_QUEUE must be a queue name of 1-255 characters");
        }
        if (healthCheckInterval.isNegative()) {
            throw new IllegalArgumentException("HEALTH_CHECK_INTERVAL must be zero or more, was " + healthCheckInterval);
        }
    }

    /**
     * The lifecycle configured with these settings; it reads no variable itself, and serves no
     * probe port of its own, since the API answers {@code /livez} and {@code /readyz} on {@code PORT}.
     */
    Shutdown.Builder shutdown() {
        return Shutdown.builder().timeout(shutdownTimeout).delay(shutdownDelay).noHealthPort()
                .healthCheckInterval(healthCheckInterval);
    }
}
