package io.twelvefactor.example;

import io.twelvefactor.backing.BackingService;
import io.twelvefactor.config.Default;
import io.twelvefactor.config.Description;
import io.twelvefactor.config.Secret;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything that varies between deploys, bound from the environment by {@code Env.bind}.
 * Run {@code java -jar twelvefactor-example.jar env} to print this as a table.
 */
record ServiceConfig(
        @Default("8080") @Description("TCP port the HTTP API listens on")
        int port,
        @Default("h2:file:./target/notes-db")
        @Description("the notes database; an embedded H2 file database when unset")
        BackingService databaseUrl,
        @Default("8") @Description("connections in the database pool")
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
        @Default("16") @Description("jobs a worker holds unacknowledged at once (AMQP prefetch), 1-1000")
        int workerPrefetch,
        @Default("30s") @Description("how long worker and migrate retry an unreachable broker at start before exiting 69")
        Duration amqpConnectTimeout) {

    ServiceConfig {
        if (databasePoolSize < 1 || databasePoolSize > 100) {
            throw new IllegalArgumentException("DATABASE_POOL_SIZE must be between 1 and 100, not "
                    + databasePoolSize);
        }
        if (workerPrefetch < 1 || workerPrefetch > 1000) {
            throw new IllegalArgumentException("WORKER_PREFETCH must be between 1 and 1000, not " + workerPrefetch);
        }
        if (jobQueue.isBlank() || jobQueue.length() > 255) {
            throw new IllegalArgumentException("JOB_QUEUE must be a queue name of 1-255 characters");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("PORT must be between 0 and 65535, not " + port);
        }
        // what twelvefactor-lifecycle accepts, checked here so every problem is reported at once
        if (shutdownTimeout.isNegative() || shutdownTimeout.isZero() || shutdownTimeout.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("SHUTDOWN_TIMEOUT must be above zero and at most 1d, not "
                    + shutdownTimeout);
        }
        if (shutdownDelay.isNegative() || shutdownDelay.compareTo(shutdownTimeout) >= 0) {
            throw new IllegalArgumentException("SHUTDOWN_DELAY must be at least zero and less than SHUTDOWN_TIMEOUT ("
                    + shutdownTimeout + "), not " + shutdownDelay);
        }
    }
}
