package io.twelvefactor.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.twelvefactor.config.Secret;
import io.twelvefactor.lifecycle.Shutdown;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad input gets a 4xx with a JSON error, never a 500; good input round-trips. */
class ApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private HttpServer server;
    private Shutdown shutdown;
    private NoteStore store;
    private int port;

    @BeforeEach
    void start() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        store = new NoteStore(h2);
        new Schema(h2).migrate();
        shutdown = Shutdown.builder().env(Map.of()).build();
        HealthChecks.register(shutdown, h2);
        shutdown.started();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", new Api(store, shutdown, Secret.of(NotesServiceTest.TOKEN)));
        server.start();
        port = server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void storesAndListsANote() throws Exception {
        HttpResponse<String> created = NotesServiceTest.post(port, "{\"text\":\"caf\u00e9 \u2603\"}", NotesServiceTest.TOKEN);
        assertEquals(201, created.statusCode(), created.body());
        JsonNode list = JSON.readTree(NotesServiceTest.get(port, "/notes").body());
        assertEquals("caf\u00e9 \u2603", list.get(0).get("text").asText());
    }

    @Test
    void oneNoteIsReadByIdWithItsWordCountNullUntilTheJobRan() throws Exception {
        HttpResponse<String> created = NotesServiceTest.post(port, "{\"text\":\"four words in here\"}",
                NotesServiceTest.TOKEN);
        assertEquals(201, created.statusCode(), created.body());
        long id = JSON.readTree(created.body()).get("id").asLong();
        assertEquals("/notes/" + id, created.headers().firstValue("Location").orElseThrow());
        JsonNode before = JSON.readTree(NotesServiceTest.get(port, "/notes/" + id).body());
        assertTrue(before.has("wordCount") && before.get("wordCount").isNull(), before.toString());
        assertTrue(store.setWordCount(id, 4));
        JsonNode after = JSON.readTree(NotesServiceTest.get(port, "/notes/" + id).body());
        assertTrue(after.get("wordCount").isInt(), after.toString());
        assertEquals(4, after.get("wordCount").asInt());
        assertEquals(4, JSON.readTree(NotesServiceTest.get(port, "/notes").body()).get(0).get("wordCount").asInt());
        assertError(NotesServiceTest.get(port, "/notes/" + (id + 1)), 404, "no such note");
        assertError(NotesServiceTest.get(port, "/notes/abc"), 404, "not a note id");
    }

    @Test
    void malformedJsonIs400() throws Exception {
        assertError(NotesServiceTest.post(port, "{\"text\": ", NotesServiceTest.TOKEN), 400, "not valid JSON");
    }

    @Test
    void aBodyWithoutTextIs400() throws Exception {
        assertError(NotesServiceTest.post(port, "{\"title\":\"x\"}", NotesServiceTest.TOKEN), 400, "\"text\"");
        assertError(NotesServiceTest.post(port, "[1,2]", NotesServiceTest.TOKEN), 400, "\"text\"");
        assertError(NotesServiceTest.post(port, "{\"text\":42}", NotesServiceTest.TOKEN), 400, "\"text\"");
    }

    @Test
    void anOversizeBodyIs413() throws Exception {
        String big = "{\"text\":\"" + "x".repeat(Api.MAX_BODY_BYTES) + "\"}";
        assertError(NotesServiceTest.post(port, big, NotesServiceTest.TOKEN), 413, "larger than");
    }

    @Test
    void anOverlongNoteIs400() throws Exception {
        String body = "{\"text\":\"" + "x".repeat(Api.MAX_NOTE_CHARS + 1) + "\"}";
        assertError(NotesServiceTest.post(port, body, NotesServiceTest.TOKEN), 400, "longer than");
    }

    @Test
    void aMissingOrWrongTokenIs401() throws Exception {
        assertError(NotesServiceTest.post(port, "{\"text\":\"x\"}", null), 401, "Bearer");
        assertError(NotesServiceTest.post(port, "{\"text\":\"x\"}", "wrong"), 401, "Bearer");
    }

    @Test
    void unknownPathsAndMethodsAre4xx() throws Exception {
        assertError(NotesServiceTest.get(port, "/nope"), 404, "no such resource");
    }

    @Test
    void probesAnswer() throws Exception {
        assertEquals(200, NotesServiceTest.get(port, "/livez").statusCode());
        assertEquals(200, NotesServiceTest.get(port, "/startupz").statusCode());
        HttpResponse<String> ready = NotesServiceTest.get(port, "/readyz");
        assertEquals(200, ready.statusCode());
        JsonNode body = JSON.readTree(ready.body());
        assertEquals("ready", body.get("status").asText());
        JsonNode database = body.get("checks").get(0);
        assertEquals("database", database.get("name").asText());
        assertEquals("up", database.get("status").asText());
        assertFalse(database.get("gatesReadiness").asBoolean());
    }

    @Test
    void aDatabaseDownIsShownWithoutTakingTheReplicaOutOfRotation() throws Exception {
        server.removeContext("/");
        JdbcDataSource gone = new JdbcDataSource();
        gone.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";IFEXISTS=TRUE");   // refuses to create it
        Shutdown other = Shutdown.builder().env(Map.of()).build();
        HealthChecks.register(other, gone);
        other.started();
        server.createContext("/", new Api(new NoteStore(gone), other, Secret.of(NotesServiceTest.TOKEN)));
        HttpResponse<String> ready = NotesServiceTest.get(port, "/readyz");
        assertEquals(200, ready.statusCode(), ready.body());
        JsonNode database = JSON.readTree(ready.body()).get("checks").get(0);
        assertEquals("down", database.get("status").asText());
        assertTrue(database.get("problem").asText().startsWith("threw "), database.toString());
        other.notReady("cache warming up");
        HttpResponse<String> notReady = NotesServiceTest.get(port, "/readyz");
        assertEquals(503, notReady.statusCode());
        assertEquals("cache warming up", JSON.readTree(notReady.body()).get("reason").asText());
    }

    @Test
    void whileDrainingProbesStillAnswerAndNewRequestsAreRefused() throws Exception {
        Shutdown.InFlight held = shutdown.tryEnter().orElseThrow(); // keeps the drain waiting
        Thread stopping = new Thread(shutdown::shutdown, "shutdown");
        stopping.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (var r = shutdown.tryEnter(); r.isPresent(); r = shutdown.tryEnter()) {
            r.get().close();
            assertTrue(System.nanoTime() < deadline, "the drain did not begin within 10 s");
            Thread.onSpinWait();
        }
        assertEquals(200, NotesServiceTest.get(port, "/livez").statusCode());
        assertEquals(503, NotesServiceTest.get(port, "/readyz").statusCode());
        assertError(NotesServiceTest.post(port, "{\"text\":\"late\"}", NotesServiceTest.TOKEN), 503, "shutting down");
        held.close();
        assertTrue(shutdown.awaitTermination(Duration.ofSeconds(10)));
        stopping.join();
    }

    private static void assertError(HttpResponse<String> response, int status, String fragment) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        JsonNode body = JSON.readTree(response.body());
        assertEquals(status, body.get("status").asInt());
        assertTrue(body.get("error").asText().contains(fragment), body.toString());
    }
}
