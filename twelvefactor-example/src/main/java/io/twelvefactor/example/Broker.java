package io.twelvefactor.example;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.twelvefactor.backing.BackingService;
import io.twelvefactor.backing.Tls;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RabbitMQ side of the word-count jobs: a connection configured from {@code AMQP_URL}
 * (parsed by {@code BackingService}: host, port, virtual host, credentials, TLS), the durable
 * queue, and the message a job travels in.
 */
final class Broker {
    /** The header that carries the outbox's publish attempt for this job (1 for the first). */
    static final String PUBLISHED_HEADER = "published";

    private static final Logger log = LoggerFactory.getLogger(Broker.class);
    private static final long FIRST_BACKOFF_MILLIS = 250;
    private static final long MAX_BACKOFF_MILLIS = 5_000;

    /** The broker could not be reached within the time allowed. */
    static final class UnreachableException extends Exception {
        private static final long serialVersionUID = 1L;

        UnreachableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final BackingService url;
    private final String queue;

    Broker(BackingService url, String queue) {
        this.url = url;
        this.queue = queue;
    }

    String queue() {
        return queue;
    }

    /**
     * Connects, retrying with backoff (250 ms doubling to 5 s) for at most {@code bound}; no
     * automatic recovery: each process type decides what a lost connection means.
     *
     * @throws UnreachableException when {@code bound} passed without a connection
     * @throws InterruptedException if interrupted while waiting to retry
     */
    Connection connect(String name, Duration bound) throws UnreachableException, InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        long backoff = FIRST_BACKOFF_MILLIS;
        for (int attempt = 1; ; attempt++) {
            try {
                return factory().newConnection(name);
            } catch (IOException | TimeoutException e) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new UnreachableException("the broker at " + url + " is unreachable after " + attempt
                            + " attempt(s) in " + bound.toSeconds() + " s (AMQP_CONNECT_TIMEOUT): " + reason(e), e);
                }
                log.atWarn().setMessage("the broker at {} is unreachable ({}); retrying in {} ms")
                        .addArgument(url).addArgument(reason(e)).addArgument(Math.min(backoff, left / 1_000_000 + 1))
                        .addKeyValue("server.address", url.host()).log();
                Thread.sleep(Math.min(backoff, left / 1_000_000 + 1));
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            }
        }
    }

    /** Declares the durable job queue (idempotent): the admin process's part. */
    void declareQueue(Connection c) throws IOException, TimeoutException {
        try (Channel ch = c.createChannel()) {
            ch.queueDeclare(queue, true, false, false, Map.of());
        }
    }

    private ConnectionFactory factory() {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(url.host());
        f.setPort(url.port());
        f.setVirtualHost(url.amqpVirtualHost());
        url.user().ifPresent(f::setUsername);
        url.password().ifPresent(f::setPassword);
        if (url.tls().map(Tls::isRequired).orElse(false)) {
            try {
                f.useSslProtocol();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("TLS is not available for AMQP_URL: " + e.getMessage(), e);
            }
        }
        f.setAutomaticRecoveryEnabled(false);
        f.setTopologyRecoveryEnabled(false);
        f.setConnectionTimeout(5_000);
        f.setRequestedHeartbeat(10);
        return f;
    }

    static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getMessage() == null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
