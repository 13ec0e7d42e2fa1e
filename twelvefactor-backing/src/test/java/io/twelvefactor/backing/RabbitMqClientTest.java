package io.twelvefactor.backing;

import io.twelvefactor.testkit.Skip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.PossibleAuthenticationFailureException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** The RabbitMQ Java client, configured from the descriptor, reaches TEST_AMQP_URL's vhost. */
class RabbitMqClientTest {

    static Connection connect(BackingService d)
            throws IOException, TimeoutException, GeneralSecurityException {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(d.host());
        f.setPort(d.port());
        f.setVirtualHost(d.amqpVirtualHost());
        d.user().ifPresent(f::setUsername);
        d.password().ifPresent(f::setPassword);
        if (d.tls().map(Tls::isRequired).orElse(false)) {
            f.useSslProtocol();
        }
        f.setConnectionTimeout(10_000);
        return f.newConnection("twelvefactor-backing-test");
    }

    static void roundTripOneMessage(BackingService d) throws Exception {
        byte[] body = ("hello " + d.amqpVirtualHost()).getBytes(StandardCharsets.UTF_8);
        try (Connection c = connect(d); Channel ch = c.createChannel()) {
            String queue = ch.queueDeclare().getQueue();
            ch.confirmSelect();
            ch.basicPublish("", queue, null, body);
            ch.waitForConfirmsOrDie(10_000);
            GetResponse got = ch.basicGet(queue, true);
            assertNotNull(got, "the published message is in the queue");
            assertArrayEquals(body, got.getBody());
        }
    }

    @Test
    void publishesAndConsumesOneMessageOnTheVirtualHost() throws Exception {
        BackingService d = TestServices.service("TEST_AMQP_URL");
        roundTripOneMessage(d);
    }

    /**
     * A user whose password holds every hard character, on a virtual host whose name holds a
     * '/', both made with rabbitmqctl (the test is skipped where it cannot run).
     */
    @Test
    void aUserWithAHardPasswordReachesItsOwnVirtualHost() throws Exception {
        BackingService admin = TestServices.service("TEST_AMQP_URL");
        String user = TestServices.uniqueName("tf-b@:/#%+");
        String vhost = TestServices.uniqueName("tf/backing-");
        Skip.unless(rabbitmqctl("add_vhost", vhost), "rabbitmqctl cannot add a virtual host here");
        try {
            Skip.unless(rabbitmqctl("add_user", user, TestServices.HARD_PASSWORD), "rabbitmqctl add_user failed");
            Skip.unless(rabbitmqctl("set_permissions", "-p", vhost, user, ".*", ".*", ".*"),
                    "rabbitmqctl set_permissions failed");
            BackingService base = TestServices.withCredentials(admin, user, TestServices.HARD_PASSWORD);
            String url = base.toUrl();
            BackingService d = BackingService.parse(url.substring(0, url.lastIndexOf('/') + 1)
                    + TestServices.encode(vhost, ""));
            assertEquals(vhost, d.amqpVirtualHost());
            roundTripOneMessage(d);
            BackingService wrong = TestServices.withCredentials(d, user,
                    TestServices.HARD_PASSWORD.replace('+', ' '));
            assertThrows(PossibleAuthenticationFailureException.class, () -> connect(wrong).close());
        } finally {
            rabbitmqctl("delete_user", user);
            rabbitmqctl("delete_vhost", vhost);
        }
    }

    private static boolean rabbitmqctl(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("rabbitmqctl", "-q"));
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException notInstalled) {
            return false;
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return false;
        }
        return p.exitValue() == 0;
    }
}
