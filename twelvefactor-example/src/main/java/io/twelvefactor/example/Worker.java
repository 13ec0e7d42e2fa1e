package io.twelvefactor.example;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import io.twelvefactor.lifecycle.Phase;
import io.twelvefactor.lifecycle.Shutdown;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker process type: consumes word-count jobs with manual acknowledgements and a
 * prefetch, and on SIGTERM stops consuming at once, finishes the jobs in hand within the
 * drain's share of {@code SHUTDOWN_TIMEOUT}, and returns the rest to the queue before its
 * channel closes. Every delivery is logged as one event: {@code job.id}, {@code redelivered},
 * {@code published}, {@code event.duration}, {@code outcome}.
 */
final class Worker extends DefaultConsumer {
    /** Exit code when the broker connection is lost mid-run: the platform restarts the worker. */
    static final int EXIT_BROKER_LOST = 75;

    private static final Logger log = LoggerFactory.getLogger(Worker.class);

    /** How a delivery ended. */
    enum Outcome {
        /** The word count is stored and the message acknowledged. */
        DONE("done"),
        /** Given back to the queue: shutdown began before or while it ran. */
        RETURNED("returned"),
        /** The note does not exist (deleted, or another database): acknowledged and dropped. */
        NO_SUCH_NOTE("no-such-note"),
        /** Not a job message: acknowledged and dropped. */
        MALFORMED("malformed"),
        /** The database failed: given back to the queue for another try. */
        FAILED("failed");

        final String label;

        Outcome(String label) {
            this.label = label;
        }
    }

    private final Shutdown shutdown;
    private final NoteStore store;
    private final Faults faults;
    private final Connection connection;
    private final Object acks = new Object();
    /** Guarded by {@link #acks}: the channel's unsettled deliveries were returned; no more acks. */
    private boolean returnedAll;
    private volatile String consumerTag;
    /** Set when the broker cancelled the consumer (its queue was deleted): no more deliveries come. */
    private volatile boolean cancelledByBroker;

    private Worker(Channel channel, Connection connection, Shutdown shutdown, NoteStore store, Faults faults) {
        super(channel);
        this.connection = connection;
        this.shutdown = shutdown;
        this.store = store;
        this.faults = faults;
    }

    /**
     * Starts consuming {@code queue} and wires the worker into the shutdown: a listener that
     * cancels the consumer at the first moment of shutdown, a {@code WORKERS} hook that returns
     * what is left and closes the channel, and an exit with {@value #EXIT_BROKER_LOST} if the
     * connection is lost while running.
     */
    static Worker start(Connection connection, String queue, int prefetch, Shutdown shutdown, NoteStore store,
                        Faults faults) throws IOException {
        Channel channel = connection.createChannel();
        channel.queueDeclarePassive(queue); // migrate declares it; fail clearly if it did not
        channel.basicQos(prefetch);
        Worker worker = new Worker(channel, connection, shutdown, store, faults);
        connection.addShutdownListener(worker::connectionLost);
        shutdown.onShutdown(worker::stopConsuming);
        shutdown.register(Phase.WORKERS, "job consumer", worker::returnTheRestAndClose);
        worker.consumerTag = channel.basicConsume(queue, false, "", worker);
        return worker;
    }

    /**
     * Whether this worker can receive jobs now: its connection and channel are open and its
     * consumer is registered with the broker. What the worker's {@code broker} health check
     * reports. Thread-safe.
     */
    boolean isConsuming() {
        return consumerTag != null && !cancelledByBroker && connection.isOpen() && getChannel().isOpen();
    }

    @Override
    public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body)
            throws IOException {
        long start = System.nanoTime();
        long id = -1;
        Outcome outcome;
        int published = published(props);
        try {
            id = Long.parseLong(new String(body, StandardCharsets.UTF_8).strip());
        } catch (NumberFormatException e) {
            // stays -1
        }
        if (id < 0) {
            outcome = settle(envelope, Outcome.MALFORMED);
        } else if (shutdown.isShuttingDown()) {
            outcome = settle(envelope, Outcome.RETURNED); // in hand but not started: back to the queue
        } else {
            Optional<Shutdown.InFlight> job = shutdown.tryEnter("job " + id);
            outcome = job.isEmpty() ? settle(envelope, Outcome.RETURNED) : run(job.get(), id, envelope);
        }
        Thread.interrupted(); // an interrupt meant for this job is not the client's
        log.atInfo().setMessage("job {} {}").addArgument(id).addArgument(outcome.label)
                .addKeyValue("job.id", id)
                .addKeyValue("redelivered", envelope.isRedeliver())
                .addKeyValue("published", published)
                .addKeyValue("event.duration", System.nanoTime() - start)
                .addKeyValue("outcome", outcome.label)
                .log();
    }

    private Outcome run(Shutdown.InFlight job, long id, Envelope envelope) throws IOException {
        try (job) {
            Optional<NoteStore.Note> note = store.find(id);
            if (note.isEmpty()) {
                return settle(envelope, Outcome.NO_SUCH_NOTE);
            }
            faults.slowJob(note.get().text());
            store.setWordCount(id, NoteStore.countWords(note.get().text()));
            return settle(envelope, Outcome.DONE);
        } catch (InterruptedException e) {
            // the drain's share of the budget ended: give the job back, another worker does it
            return settle(envelope, Outcome.RETURNED);
        } catch (SQLException e) {
            log.atWarn().setMessage("job {} failed: {}").addArgument(id).addArgument(e.getMessage()).log();
            return settle(envelope, Outcome.FAILED);
        }
    }

    /** Acknowledges (done, dropped) or gives back (returned, failed) one delivery, unless all were returned. */
    private Outcome settle(Envelope envelope, Outcome outcome) throws IOException {
        synchronized (acks) {
            if (returnedAll) {
                return Outcome.RETURNED; // the shutdown hook returned it already; the result is not acknowledged
            }
            if (outcome == Outcome.RETURNED || outcome == Outcome.FAILED) {
                getChannel().basicNack(envelope.getDeliveryTag(), false, true);
            } else {
                getChannel().basicAck(envelope.getDeliveryTag(), false);
            }
        }
        return outcome;
    }

    /** The shutdown listener: no new deliveries from now on (those already sent come back). */
    private void stopConsuming() {
        log.info("shutdown began: cancelling the consumer; jobs in hand finish within the drain, the rest go back");
        try {
            getChannel().basicCancel(consumerTag);
        } catch (IOException | RuntimeException e) {
            log.atWarn().setMessage("cancelling the consumer failed ({}); the channel's close returns its jobs")
                    .addArgument(e.getMessage()).log();
        }
    }

    /** The WORKERS hook: every delivery not yet settled goes back to the queue, then the channel closes. */
    private void returnTheRestAndClose() throws Exception {
        Channel channel = getChannel();
        synchronized (acks) {
            returnedAll = true;
            if (channel.isOpen()) {
                channel.basicNack(0, true, true); // tag 0 with multiple: every unsettled delivery
            }
        }
        if (channel.isOpen()) {
            channel.close();
        }
        if (connection.isOpen()) { // not after a lost broker, which ends the process with 75
            connection.close(Math.max(1, (int) Math.min(Integer.MAX_VALUE, shutdown.remaining().toMillis())));
        }
    }

    private void connectionLost(ShutdownSignalException cause) {
        if (cause.isInitiatedByApplication() || shutdown.isShuttingDown()) {
            return;
        }
        exitForRestart("lost the broker connection (" + Broker.reason(cause) + ")");
    }

    /** Ends the process with {@value #EXIT_BROKER_LOST}: a restart rebuilds connection, channel and consumer. */
    private void exitForRestart(String what) {
        log.atError().setMessage("{}: exiting with {} so that the platform restarts the worker; the broker redelivers"
                        + " the jobs it had sent").addArgument(what).addArgument(EXIT_BROKER_LOST).log();
        new Thread(() -> System.exit(EXIT_BROKER_LOST), "broker-lost-exit").start();
    }

    private static int published(AMQP.BasicProperties props) {
        Map<String, Object> headers = props.getHeaders();
        Object p = headers == null ? null : headers.get(Broker.PUBLISHED_HEADER);
        return p instanceof Number n ? n.intValue() : 0;
    }

    @Override
    public void handleCancelOk(String tag) {
        log.info("consumer cancelled: no new jobs");
    }

    /**
     * The broker cancelled the consumer (the queue was deleted, or its node went away): the
     * connection stays open but no job will come, so the worker would sit idle for ever. It
     * exits as for a lost connection; restarted, it finds the queue again, or exits 69 naming
     * {@code migrate} until the queue is back.
     */
    @Override
    public void handleCancel(String tag) {
        cancelledByBroker = true;
        if (!shutdown.isShuttingDown()) {
            exitForRestart("the broker cancelled the consumer of this worker (was the queue deleted?)");
        }
    }

    @Override
    public void handleShutdownSignal(String tag, ShutdownSignalException sig) {
        // the connection listener decides
    }
}
