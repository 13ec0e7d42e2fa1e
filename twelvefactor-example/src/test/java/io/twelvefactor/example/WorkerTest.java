package io.twelvefactor.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.twelvefactor.backing.BackingService;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker process type: its happy path, and every bad situation with its line and exit code. */
class WorkerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aWorkerWithoutAmqpUrlExits2NamingIt() throws Exception {
        ServiceProcess p = ServiceProcess.runToEnd(dir, Map.of(), "worker");
        assertEquals(NotesService.EXIT_CONFIG, p.awaitExit(Fleet.BOUND));
        String err = String.join("\n", p.stderr());
        assertTrue(err.contains("worker needs AMQP_URL, the RabbitMQ broker its jobs come from"), err);
        p.events();
    }

    @Test
    void aWorkerOnTheEmbeddedDefaultSaysItNeedsASharedDatabaseAndExits2() throws Exception {
        ServiceProcess p = ServiceProcess.runToEnd(dir, Map.of("AMQP_URL", "amqp://127.0.0.1:1/"), "worker");
        assertEquals(NotesService.EXIT_CONFIG, p.awaitExit(Fleet.BOUND));
        String err = String.join("\n", p.stderr());
        assertTrue(err.contains("worker needs a database it shares with the web processes, but"
                + " DATABASE_URL=h2:file:./target/notes-db is an embedded H2 database only one process can open"), err);
    }

    @Test
    void aBrokerUnreachableAtStartIsRetriedWithinItsBoundThenTheWorkerExits69() throws Exception {
        try (Fleet fleet = fleet()) {
            int closed;
            try (ServerSocket s = new ServerSocket(0)) {
                closed = s.getLocalPort();
            }
            ServiceProcess p = ServiceProcess.start(dir, fleet.env(Map.of(
                    "AMQP_URL", "amqp://guest:guest@127.0.0.1:" + closed + "/", "AMQP_CONNECT_TIMEOUT", "2s")), "worker");
            assertEquals(NotesService.EXIT_UNAVAILABLE, p.awaitExit(Fleet.BOUND));
            String err = String.join("\n", p.stderr());
            assertTrue(err.matches("(?s).*the broker at amqp://guest:\\*+@127.0.0.1:" + closed
                    + "/ is unreachable after [2-9]\\d* attempt\\(s\\) in 2 s \\(AMQP_CONNECT_TIMEOUT\\).*; exiting.*"), err);
            assertTrue(p.stdout().stream().anyMatch(l -> l.contains("is unreachable") && l.contains("retrying in")),
                    String.join("\n", p.stdout()));
            p.events();
        }
    }

    @Test
    void aWorkerThatLosesItsBrokerMidRunExits75SoThatThePlatformRestartsIt() throws Exception {
        try (Fleet fleet = fleet(); TcpProxy proxy = proxyTo(fleet.amqpUrl)) {
            ServiceProcess worker = fleet.worker("w1", Map.of("AMQP_URL", viaProxy(fleet.amqpUrl, proxy)));
            proxy.cut();
            assertEquals(Worker.EXIT_BROKER_LOST, worker.awaitExit(Fleet.BOUND));
            assertTrue(worker.stdout().stream().anyMatch(l -> l.contains("lost the broker connection")
                    && l.contains("exiting with 75 so that the platform restarts the worker")),
                    String.join("\n", worker.stdout()));
            assertTrue(worker.stderr().stream().anyMatch(l -> l.contains("shutdown after JVM exit")
                    && l.contains("job consumer OK")), String.join("\n", worker.stderr()));
            worker.events();
        }
    }

    @Test
    void jobsWaitInTheOutboxWithoutABrokerAndAreDoneOnceAWebProcessWithOneRelaysThem() throws Exception {
        try (Fleet fleet = fleet()) {
            ServiceProcess lonely = fleet.web(Map.of("AMQP_URL", ""));
            assertTrue(lonely.stdout().stream().anyMatch(l -> l.contains("AMQP_URL is unset: word-count jobs wait"
                    + " in the outbox (0 now) until a process with AMQP_URL relays them")), String.join("\n", lonely.stdout()));
            List<Long> ids = post(lonely.port(), 20, "waiting note");
            JsonNode before = JSON.readTree(NotesServiceTest.get(lonely.port(), "/notes/" + ids.get(0)).body());
            assertTrue(before.get("wordCount").isNull(), before.toString());

            fleet.worker("w1", Map.of());
            ServiceProcess relaying = fleet.web(Map.of());
            fleet.jobs.awaitDone(ids, Fleet.BOUND);
            assertEquals(List.of(), fleet.wrongWordCounts());
            JsonNode after = JSON.readTree(NotesServiceTest.get(relaying.port(), "/notes/" + ids.get(0)).body());
            assertEquals(NoteStore.countWords("waiting note 0"), after.get("wordCount").asInt(), after.toString());
            assertTrue(fleet.jobs.events().stream().allMatch(e -> e.published() >= 1), fleet.jobs.events().toString());
        }
    }

    static Fleet fleet() throws Exception {
        String postgres = System.getenv("TEST_POSTGRES_URL");
        String amqp = System.getenv("TEST_AMQP_URL");
        assumeTrue(postgres != null && amqp != null,
                "TEST_POSTGRES_URL or TEST_AMQP_URL is not set: skipped the worker run (.ci/run sets them)");
        return new Fleet(Path.of(System.getProperty("java.io.tmpdir")), postgres, amqp);
    }

    static TcpProxy proxyTo(String amqpUrl) throws Exception {
        BackingService d = BackingService.parse(amqpUrl);
        return new TcpProxy(d.host(), d.port());
    }

    /** The same URL with the proxy's port instead of the broker's. */
    static String viaProxy(String amqpUrl, TcpProxy proxy) {
        BackingService d = BackingService.parse(amqpUrl);
        return amqpUrl.replace(d.host() + ":" + d.port(), "127.0.0.1:" + proxy.port());
    }

    /** Posts {@code n} notes ("prefix i"), each answered 201; returns their ids. */
    static List<Long> post(int port, int n, String prefix) throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            HttpResponse<String> r = NotesServiceTest.post(port, "{\"text\":\"" + prefix + " " + i + "\"}",
                    NotesServiceTest.TOKEN);
            assertEquals(201, r.statusCode(), r.body());
            ids.add(JSON.readTree(r.body()).get("id").asLong());
        }
        return ids;
    }
}
