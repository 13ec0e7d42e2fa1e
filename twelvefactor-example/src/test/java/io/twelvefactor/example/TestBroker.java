package io.twelvefactor.example;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.twelvefactor.backing.BackingService;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** The tests' own moves on the real RabbitMQ, through the example's {@link Broker}. */
public final class TestBroker {
    private TestBroker() {
    }

    /**
     * Deletes {@code queue} (idempotent): the broker cancels its consumers.
     *
     * @param amqpUrl the broker, as {@code TEST_AMQP_URL}
     * @param queue   a queue the test declared for itself
     * @throws IOException when the broker cannot be reached within 10 s, or refuses
     * @throws TimeoutException when closing the channel times out
     */
    public static void deleteQueue(String amqpUrl, String queue) throws IOException, TimeoutException {
        Broker broker = new Broker(BackingService.parse(amqpUrl), queue);
        Connection c;
        try {
            c = broker.connect("test: delete " + queue, Duration.ofSeconds(10));
        } catch (Broker.UnreachableException e) {
            throw new IOException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting to delete " + queue, e);
        }
        try (c; Channel ch = c.createChannel()) {
            ch.queueDelete(queue);
        }
    }
}
