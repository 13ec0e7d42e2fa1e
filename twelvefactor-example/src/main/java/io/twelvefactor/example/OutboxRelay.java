package io.twelvefactor.example;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the outbox to the broker, in every web process: claims a batch of rows (a lease,
 * so that replicas never publish the same row at once and take over rows a dead one left),
 * publishes each as a persistent message with publisher confirms, marks the confirmed ones
 * published and gives the rest back. It holds its broker connection from the start, idle or
 * not, so that {@link #isConnected()} tells the health check the truth; a broker that goes
 * away is reconnected with backoff while the rows wait, and the web process keeps serving.
 */
final class OutboxRelay {
    /** How long a claim holds: rows of a process that died are taken over after this. */
    static final Duration LEASE = Duration.ofSeconds(15);
    /** How often the outbox is read when nothing woke the relay (rows of other replicas). */
    private static final long POLL_MILLIS = 1_000;
    private static final long CONFIRM_TIMEOUT_MILLIS = 10_000;
    private static final long MAX_BACKOFF_MILLIS = 5_000;
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final Outbox outbox;
    private final Broker broker;
    private final String owner = "relay-" + UUID.randomUUID();
    private final Semaphore wake = new Semaphore(0);
    private final Thread thread = new Thread(this::loop, "outbox-relay");
    private final Set<String> returned = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;
    private Connection connection;
    /** Written by the relay thread, read by the health check. */
    private volatile Channel channel;
    private long claims;

    OutboxRelay(Outbox outbox, Broker broker) {
        this.outbox = outbox;
        this.broker = broker;
    }

    void start() {
        thread.setDaemon(true);
        thread.start();
    }

    /** A job was committed: relay now rather than at the next poll. */
    void wake() {
        wake.release();
    }

    /**
     * Whether the relay holds an open channel to the broker now: what the web process's
     * {@code broker} health check reports. Thread-safe.
     */
    boolean isConnected() {
        Channel c = channel;
        return c != null && c.isOpen();
    }

    /** Stops after the batch in hand (its rows are published or given back), within {@code within}. */
    void stop(Duration within) throws InterruptedException {
        stopping = true;
        wake.release();
        thread.join(Math.max(1, within.toMillis()));
    }

    private void loop() {
        long backoff = 0;
        boolean outage = false;
        while (!stopping) {
            try {
                if (backoff > 0) {
                    wake.tryAcquire(backoff, TimeUnit.MILLISECONDS);
                    if (stopping) {
                        break;
                    }
                }
                relayOnce();
                if (outage) {
                    log.info("the broker is reachable again: relaying the outbox");
                    outage = false;
                }
                backoff = 0;
            } catch (IOException | TimeoutException | ShutdownSignalException
                     | Broker.UnreachableException e) {
                if (!outage) {
                    log.atWarn().setMessage("cannot publish jobs ({}): they wait in the outbox; retrying with backoff")
                            .addArgument(Broker.reason(e)).log();
                    outage = true;
                }
                closeQuietly();
                backoff = Math.min(Math.max(backoff * 2, 250), MAX_BACKOFF_MILLIS);
            } catch (SQLException e) {
                log.atWarn().setMessage("cannot read the outbox ({}); retrying").addArgument(e.getMessage()).log();
                backoff = Math.min(Math.max(backoff * 2, 250), MAX_BACKOFF_MILLIS);
            } catch (InterruptedException e) {
                break;
            }
        }
        closeQuietly();
    }

    /**
     * One batch, or one poll interval of waiting when there is none. The connection comes
     * first, so that a broker lost while the outbox is empty is noticed and reconnected too.
     */
    private void relayOnce() throws IOException, TimeoutException, SQLException, InterruptedException,
            Broker.UnreachableException {
        channel();
        List<Outbox.Row> rows = outbox.claim(owner + "-" + (++claims), LEASE);
        if (rows.isEmpty()) {
            wake.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS);
            wake.drainPermits();
            return;
        }
        List<Outbox.Row> published = new ArrayList<>(rows.size());
        try {
            Channel ch = channel();
            returned.clear();
            for (Outbox.Row row : rows) {
                AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                        .deliveryMode(2) // persistent
                        .contentType("text/plain")
                        .messageId(Long.toString(row.noteId()))
                        .headers(Map.of(Broker.PUBLISHED_HEADER, row.published()))
                        .build();
                // mandatory: a queue that does not exist returns the message instead of dropping it
                ch.basicPublish("", broker.queue(), true, props,
                        Long.toString(row.noteId()).getBytes(StandardCharsets.UTF_8));
            }
            ch.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MILLIS);
            List<Outbox.Row> back = new ArrayList<>();
            for (Outbox.Row row : rows) {
                (returned.contains(Long.toString(row.noteId())) ? back : published).add(row);
            }
            outbox.markPublished(published);
            if (!back.isEmpty()) {
                outbox.release(back);
                throw new IOException(back.size() + " job(s) returned as unroutable: does the queue '"
                        + broker.queue() + "' exist? Run 'java -jar twelvefactor-example.jar migrate' with AMQP_URL");
            }
            log.atDebug().setMessage("relayed {} job(s)").addArgument(published.size()).log();
        } catch (IOException | TimeoutException | RuntimeException | Broker.UnreachableException e) {
            if (published.isEmpty()) {
                try {
                    outbox.release(rows); // retried at once, not after the lease
                } catch (SQLException ignored) {
                    // the lease ends on its own
                }
            }
            throw e;
        }
    }

    private Channel channel() throws IOException, Broker.UnreachableException, InterruptedException {
        if (channel != null && channel.isOpen()) {
            return channel;
        }
        closeQuietly();
        connection = broker.connect("notes outbox relay", Duration.ZERO);
        Channel ch = connection.createChannel();
        ch.confirmSelect();
        ch.addReturnListener(r -> returned.add(r.getProperties().getMessageId()));
        channel = ch;
        log.atInfo().setMessage("connected to the broker: relaying the outbox to {}").addArgument(broker.queue())
                .addKeyValue("messaging.destination.name", broker.queue()).log();
        return ch;
    }

    private void closeQuietly() {
        Connection c = connection;
        connection = null;
        channel = null;
        if (c != null) {
            try {
                c.close(2_000);
            } catch (IOException | RuntimeException ignored) {
                // already gone
            }
        }
    }
}
