package io.twelvefactor.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker check of each process type on the real RabbitMQ, as {@code /readyz} shows it:
 * informational in a web process (it keeps serving while its jobs wait in the outbox),
 * gating in a worker (without its consumer it has nothing to do). The web process's broker is
 * cut through a TCP proxy, so no other test sees the shared broker down; the worker's queue is
 * the test's own.
 */
class HealthChecksTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aWebProcessShowsItsBrokerDownAndBackUpWithoutLeavingRotation() throws Exception {
        try (Fleet fleet = WorkerTest.fleet(); TcpProxy proxy = WorkerTest.proxyTo(fleet.amqpUrl)) {
            // every probe runs the checks, so each answer below is the state after the event awaited
            ServiceProcess web = fleet.web(Map.of("AMQP_URL", WorkerTest.viaProxy(fleet.amqpUrl, proxy),
                    "HEALTH_CHECK_INTERVAL", "0s"));
            web.awaitStdout("connected to the broker: relaying the outbox to " + fleet.queue, Fleet.BOUND);
            assertReadyWithBroker(readyz(web.port()), "up", false);

            proxy.cut();
            web.awaitStdout("cannot publish jobs", Fleet.BOUND);
            JsonNode cut = readyz(web.port());
            assertReadyWithBroker(cut, "down", false);
            assertEquals("reported unhealthy", broker(cut).path("problem").asText(), cut.toString());
            assertEquals(201, NotesServiceTest.post(web.port(), "{\"text\":\"kept in the outbox\"}",
                    NotesServiceTest.TOKEN).statusCode(), "still serving");

            proxy.restore();
            web.awaitStdout("the broker is reachable again", Fleet.BOUND);
            assertReadyWithBroker(readyz(web.port()), "up", false);
            web.events();
        }
    }

    @Test
    void aWorkerGatesReadinessOnItsConsumerAndExits75WhenTheBrokerCancelsIt() throws Exception {
        try (Fleet fleet = WorkerTest.fleet()) {
            ServiceProcess worker = fleet.worker("w1", Map.of("HEALTH_CHECK_INTERVAL", "0s"));
            int probes = JSON.readTree(worker.awaitStdout("worker ready", Fleet.BOUND)).path("url.port").asInt();
            JsonNode ready = readyz(probes);
            assertReadyWithBroker(ready, "up", true);
            assertTrue(ready.toString().contains("{\"name\":\"database\",\"gatesReadiness\":false,\"status\":\"up\""),
                    ready.toString());

            fleet.deleteQueue(); // the test's own queue: the broker cancels the consumer
            assertEquals(Worker.EXIT_BROKER_LOST, worker.awaitExit(Fleet.BOUND));
            assertTrue(worker.stdout().stream().anyMatch(l -> l.contains("the broker cancelled the consumer of this"
                    + " worker (was the queue deleted?): exiting with 75 so that the platform restarts the worker")),
                    String.join("\n", worker.stdout()));
            worker.events();
        }
    }

    private static void assertReadyWithBroker(JsonNode readyz, String status, boolean gates) {
        assertEquals("ready", readyz.path("status").asText(), readyz.toString());
        JsonNode broker = broker(readyz);
        assertEquals(status, broker.path("status").asText(), readyz.toString());
        assertEquals(gates, broker.path("gatesReadiness").asBoolean(!gates), readyz.toString());
    }

    private static JsonNode broker(JsonNode readyz) {
        for (JsonNode check : readyz.path("checks")) {
            if (check.path("name").asText().equals(HealthChecks.BROKER)) {
                return check;
            }
        }
        throw new AssertionError("no broker check in " + readyz);
    }

    private static JsonNode readyz(int port) throws Exception {
        HttpResponse<String> r = NotesServiceTest.get(port, "/readyz");
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }
}
