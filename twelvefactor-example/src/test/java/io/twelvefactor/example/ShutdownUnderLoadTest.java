package io.twelvefactor.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM in the middle of a load of POSTs: every request the server accepted completes and is
 * stored, later ones are refused cleanly, readiness turns 503 first, the process exits in budget.
 */
class ShutdownUnderLoadTest {
    private static final int CONNECTIONS = 16;
    private static final int MAX_REQUESTS = 40_000;
    private static final Duration MAX_LOAD_TIME = Duration.ofSeconds(40);
    private static final int SIGNAL_AFTER_COMPLETED = 400;
    private static final Duration BUDGET = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger sent = new AtomicInteger();
    private final Set<Integer> completed = ConcurrentHashMap.newKeySet();
    private final Set<Integer> refusedAtDoor = ConcurrentHashMap.newKeySet();     // 503 while draining
    private final Set<Integer> refusedConnect = ConcurrentHashMap.newKeySet();    // listener closed
    private final Set<Integer> noResponse = ConcurrentHashMap.newKeySet();        // connection dropped
    private final Map<Integer, Integer> unexpected = new ConcurrentHashMap<>();
    private final List<Integer> readiness = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean signalled = new AtomicBoolean();
    private final CountDownLatch warmedUp = new CountDownLatch(SIGNAL_AFTER_COMPLETED);

    @Test
    void sigtermUnderLoadLosesNoAcceptedRequest() throws Exception {
        Path db = dir.resolve("notes").toAbsolutePath();
        Map<String, String> env = Map.of("PORT", "0", "API_TOKEN", NotesServiceTest.TOKEN,
                "DATABASE_URL", "h2:file:" + db, "SHUTDOWN_DELAY", "1s",
                "SHUTDOWN_TIMEOUT", BUDGET.toSeconds() + "s");
        try (ServiceProcess service = ServiceProcess.run(dir, env)) {
            int port = service.port();
            long deadline = System.nanoTime() + MAX_LOAD_TIME.toNanos();
            List<Thread> clients = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                clients.add(started(() -> load(port, deadline)));
            }
            Thread probe = started(() -> probe(port, deadline));

            assertTrue(warmedUp.await(MAX_LOAD_TIME.toSeconds(), TimeUnit.SECONDS), "the load never got going");
            long signalAt = System.nanoTime();
            signalled.set(true);
            service.signal("TERM");
            int exit = service.awaitExit(BUDGET.plusSeconds(10));
            Duration toExit = Duration.ofNanos(System.nanoTime() - signalAt);
            for (Thread t : clients) {
                t.join();
            }
            probe.join();

            Set<Integer> stored = storedIds(db);
            Set<Integer> lost = new HashSet<>(completed);
            lost.removeAll(stored);
            Set<Integer> droppedButStored = new HashSet<>(noResponse);
            droppedButStored.retainAll(stored);
            System.out.printf("load: sent=%d completed=%d refused=%d (503 while draining %d,"
                    + " connection refused %d, closed unanswered and not stored %d) lost=%d;"
                    + " SIGTERM to exit %d ms, exit code %d%n", sent.get(), completed.size(),
                    refusedAtDoor.size() + refusedConnect.size() + noResponse.size(), refusedAtDoor.size(),
                    refusedConnect.size(), noResponse.size(), lost.size(), toExit.toMillis(), exit);

            assertEquals(0, exit, () -> String.join("\n", service.stderr()));
            assertTrue(toExit.compareTo(BUDGET) < 0, "exit took " + toExit);
            assertEquals(Set.of(), lost, "acknowledged with 201 but not stored");
            assertEquals(Set.of(), droppedButStored, "stored but the client never got its answer");
            assertEquals(Map.of(), unexpected, "statuses other than 201 and 503");
            assertEquals(completed.size(), stored.size(), "stored notes nobody was told about");
            assertReadinessFlippedOnceAndStayedDown();

            List<JsonNode> events = service.events();   // every line is one JSON object
            assertTrue(events.size() > completed.size(), "one request event per request");
            String last = events.get(events.size() - 1).path("message").asText();
            assertTrue(last.contains("shutdown"), "the log should end with the shutdown summary, not: " + last);
        }
    }

    private void load(int port, long deadline) {
        while (System.nanoTime() < deadline) {
            int id = sent.incrementAndGet();
            if (id > MAX_REQUESTS) {
                return;
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/notes"))
                    .timeout(Duration.ofSeconds(20))
                    .header("Authorization", "Bearer " + NotesServiceTest.TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"load-" + id + "\"}"))
                    .build();
            try {
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 201) {
                    completed.add(id);
                    warmedUp.countDown();
                } else if (status == 503 && signalled.get()) {
                    refusedAtDoor.add(id);
                } else {
                    unexpected.put(id, status);
                }
            } catch (ConnectException e) {
                refusedConnect.add(id);
                return;   // the listener is closed: the service is going away
            } catch (IOException e) {
                noResponse.add(id);
                if (!signalled.get()) {
                    unexpected.put(id, -1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void probe(int port, long deadline) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
                .timeout(Duration.ofSeconds(5)).build();
        while (System.nanoTime() < deadline) {
            try {
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (signalled.get()) {
                    readiness.add(status);
                }
            } catch (IOException e) {
                if (signalled.get()) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void assertReadinessFlippedOnceAndStayedDown() {
        List<Integer> seen = List.copyOf(readiness);
        int first503 = seen.indexOf(503);
        assertTrue(first503 >= 0, "/readyz never answered 503 after SIGTERM: " + seen);
        assertTrue(seen.subList(first503, seen.size()).stream().allMatch(s -> s == 503),
                "/readyz answered 200 again after 503: " + seen);
    }

    private static Thread started(Runnable body) {
        Thread t = new Thread(body, "load");
        t.start();
        return t;
    }

    private static Set<Integer> storedIds(Path db) throws Exception {
        Set<Integer> ids = new HashSet<>();
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + db);
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select text from notes")) {
            while (r.next()) {
                ids.add(Integer.parseInt(r.getString(1).substring("load-".length())));
            }
        }
        return ids;
    }
}
