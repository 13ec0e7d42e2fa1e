package io.twelvefactor.example;

import io.twelvefactor.testkit.Skip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service as users run it: a child JVM, real HTTP, a real database, a real SIGTERM. */
class NotesServiceTest {
    static final String TOKEN = "test-token-5f1c";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @Test
    void notesOutliveTheProcessOnTheEmbeddedDefault() throws Exception {
        Map<String, String> env = Map.of("PORT", "0", "API_TOKEN", TOKEN);   // DATABASE_URL unset
        notesOutliveTheProcess(env);
    }

    @Test
    void notesOutliveTheProcessOnPostgresql() throws Exception {
        String url = System.getenv("TEST_POSTGRES_URL");
        Skip.unless(url != null, "TEST_POSTGRES_URL is not set: skipped the PostgreSQL run (bash .ci/run sets it)");
        Map<String, String> env = Map.of("PORT", "0", "API_TOKEN", TOKEN, "DATABASE_URL", url);
        ServiceProcess migrate = ServiceProcess.runToEnd(dir, env, "migrate");
        assertEquals(0, migrate.awaitExit(Duration.ofSeconds(5)), () -> String.join("\n", migrate.stderr()));
        notesOutliveTheProcess(env);
    }

    private void notesOutliveTheProcess(Map<String, String> env) throws Exception {
        String text = "remember " + UUID.randomUUID();
        try (ServiceProcess first = ServiceProcess.run(dir, env)) {
            HttpResponse<String> created = post(first.port(), "{\"text\":\"" + text + "\"}", TOKEN);
            assertEquals(201, created.statusCode(), created.body());
            first.signal("TERM");
            assertEquals(0, first.awaitExit(Duration.ofSeconds(30)));
            first.events();   // every line is JSON
        }
        try (ServiceProcess second = ServiceProcess.run(dir, env)) {
            HttpResponse<String> list = get(second.port(), "/notes");
            assertEquals(200, list.statusCode());
            assertTrue(list.body().contains(text), "the note did not survive the restart: " + list.body());
            HttpResponse<String> ready = get(second.port(), "/readyz");
            assertEquals(200, ready.statusCode(), ready.body());
            JsonNode database = JSON.readTree(ready.body()).get("checks").get(0);
            assertEquals("database", database.get("name").asText(), ready.body());
            assertEquals("up", database.get("status").asText(), ready.body());
            second.signal("TERM");
            assertEquals(0, second.awaitExit(Duration.ofSeconds(30)));
        }
    }

    @Test
    void aBadEnvironmentFailsAtStartupWithEveryProblemAndNoSecret() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("PORT", "eighty");
        env.put("DATABASE_URL", "postgres://app:hunter2-secret@db.internal:99999/notes");
        env.put("DATABASE_POOL_SIZE", "0x10");
        ServiceProcess p = ServiceProcess.runToEnd(dir, env, "run");
        assertEquals(NotesService.EXIT_CONFIG, p.awaitExit(Duration.ofSeconds(5)));
        String err = String.join("\n", p.stderr());
        assertTrue(err.contains("PORT"), err);
        assertTrue(err.contains("DATABASE_URL"), err);
        assertTrue(err.contains("DATABASE_POOL_SIZE"), err);
        String all = err + String.join("\n", p.stdout());
        assertFalse(all.contains("hunter2-secret"), "the password leaked:\n" + all);
        p.events();
    }

    static HttpResponse<String> post(int port, String body, String token) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/notes"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

}
