package io.twelvefactor.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker's promises, proven with real processes, a real RabbitMQ and PostgreSQL, and real
 * signals: no job is lost on SIGTERM, SIGKILL, a job slower than the budget, a broker cut off
 * or a web process killed right after a commit; every job done twice is explained by the
 * broker's redelivery flag or a second publish.
 */
class WorkerProofTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUMMARY = "twelvefactor-lifecycle: shutdown after SIGTERM";

    @TempDir
    Path dir;

    @Test
    void twoWorkersAndASigtermMidRunDoEveryOneOfTwoThousandJobsRight() throws Exception {
        try (Fleet fleet = WorkerTest.fleet()) {
            ServiceProcess web = fleet.web(Map.of());
            List<Long> ids = postAll(web.port(), 2_000); // a backlog: each worker's prefetch stays full
            ServiceProcess w1 = fleet.worker("w1", Map.of());
            fleet.worker("w2", Map.of());
            fleet.jobs.awaitDoneBy("w1", 300, Fleet.BOUND);
            w1.signal("TERM");
            assertEquals(0, w1.awaitExit(Fleet.BOUND), "the signalled worker exits 0 within its budget"
                    + String.join("\n", w1.stderr()));
            fleet.jobs.awaitDone(ids, Fleet.BOUND);

            assertEquals(List.of(), fleet.wrongWordCounts());
            assertEquals(List.of(), fleet.jobs.unexplainedRepeats(), "every job done twice is explained");
            System.out.println("[proof 1] " + fleet.jobs.stats() + "; w1: " + w1.stderr().stream()
                    .filter(l -> l.contains(SUMMARY)).findFirst().orElse("no summary"));
            List<Long> returned = fleet.jobs.events().stream()
                    .filter(e -> e.worker().equals("w1") && e.outcome().equals("returned")).map(JobLog.Event::jobId).toList();
            assertTrue(!returned.isEmpty(), "w1 had jobs in hand that it returned: " + fleet.jobs.stats());
            for (long id : returned) {
                assertTrue(fleet.jobs.doneByJob().get(id).stream().anyMatch(e -> e.worker().equals("w2") && e.redelivered()),
                        "returned job " + id + " was redelivered to w2: " + fleet.jobs.doneByJob().get(id));
            }
            assertTrue(w1.stderr().stream().anyMatch(l -> l.contains(SUMMARY) && l.contains("exit code 0")),
                    String.join("\n", w1.stderr()));
            assertTrue(w1.stdout().stream().anyMatch(l -> l.contains("shutdown began: cancelling the consumer")),
                    String.join("\n", w1.stdout()));
            w1.events();
        }
    }

    @Test
    void aWorkerKilledMidRunLosesNoJob() throws Exception {
        try (Fleet fleet = WorkerTest.fleet()) {
            ServiceProcess web = fleet.web(Map.of());
            List<Long> ids = postAll(web.port(), 600);
            ServiceProcess w1 = fleet.worker("w1", Map.of());
            fleet.jobs.awaitDoneBy("w1", 50, Fleet.BOUND);
            w1.signal("KILL"); // with a backlog, its prefetch is full of unacknowledged jobs
            assertEquals(137, w1.awaitExit(Fleet.BOUND));
            // A job w1 acknowledged in the instant before the kill, before it could log it, is
            // done (its count is stored) but has no event: wait for the events of the others.
            Set<Long> countedBeforeW2 = fleet.counted();
            fleet.worker("w2", Map.of());
            fleet.jobs.awaitDone(ids.stream().filter(id -> !countedBeforeW2.contains(id)).toList(), Fleet.BOUND);

            assertEquals(List.of(), fleet.wrongWordCounts());
            assertEquals(List.of(), fleet.jobs.unexplainedRepeats(), "every job done twice is explained");
            System.out.println("[proof 2] " + fleet.jobs.stats());
            assertTrue(fleet.jobs.events().stream().anyMatch(e -> e.worker().equals("w2") && e.redelivered()),
                    "the broker redelivered what w1 held: " + fleet.jobs.stats());
        }
    }

    @Test
    void aJobSlowerThanTheBudgetIsReturnedNamedInTheSummaryAndDoneByAnotherWorker() throws Exception {
        try (Fleet fleet = WorkerTest.fleet()) {
            ServiceProcess web = fleet.web(Map.of());
            ServiceProcess slow = fleet.worker("slow", Map.of("SHUTDOWN_TIMEOUT", "2s",
                    Faults.VARIABLE, "slow-job=600000"));
            long id = WorkerTest.post(web.port(), 1, "slow note").get(0);
            slow.awaitStdout("fault point slow-job", Fleet.BOUND);
            slow.signal("TERM");
            assertEquals(0, slow.awaitExit(Fleet.BOUND), String.join("\n", slow.stderr()));
            assertTrue(slow.stderr().stream().anyMatch(l -> l.contains(SUMMARY)
                    && l.endsWith("; still in flight when the drain ended: 1 (job " + id + ")")),
                    String.join("\n", slow.stderr()));
            assertTrue(fleet.jobs.events().contains(new JobLog.Event("slow", id, false, 1, "returned")),
                    fleet.jobs.events().toString());

            fleet.worker("other", Map.of());
            fleet.jobs.awaitDone(List.of(id), Fleet.BOUND);
            assertEquals(List.of(new JobLog.Event("other", id, true, 1, "done")), fleet.jobs.doneByJob().get(id));
            assertEquals(List.of(), fleet.wrongWordCounts());
        }
    }

    @Test
    void noAcceptedNoteLosesItsJobWhenTheBrokerIsCutOffOrTheWebProcessDiesAfterACommit() throws Exception {
        try (Fleet fleet = WorkerTest.fleet(); TcpProxy proxy = WorkerTest.proxyTo(fleet.amqpUrl)) {
            String viaProxy = WorkerTest.viaProxy(fleet.amqpUrl, proxy);
            ServiceProcess web = fleet.web(Map.of("AMQP_URL", viaProxy));
            fleet.worker("w1", Map.of()); // straight to the broker: only the web process loses it
            List<Long> accepted = new ArrayList<>(WorkerTest.post(web.port(), 50, "before the cut"));
            fleet.jobs.awaitDone(accepted, Fleet.BOUND);

            proxy.cut();
            accepted.addAll(WorkerTest.post(web.port(), 50, "during the cut"));
            web.awaitStdout("cannot publish jobs", Fleet.BOUND);
            proxy.restore();
            accepted.addAll(WorkerTest.post(web.port(), 50, "after the cut"));

            ServiceProcess dying = ServiceProcess.start(dir, fleet.env(Map.of("AMQP_URL", viaProxy,
                    Faults.VARIABLE, "halt-after-commit")), "run");
            dying.awaitReady();
            try {
                HttpResponse<String> r = NotesServiceTest.post(dying.port(), "{\"text\":\"committed then killed\"}",
                        NotesServiceTest.TOKEN);
                throw new AssertionError("the fault point did not halt the process: " + r.statusCode());
            } catch (IOException expected) {
                // the process halted after the commit, before it answered
            }
            assertEquals(Faults.HALT_STATUS, dying.awaitExit(Fleet.BOUND));

            Map<Long, String> stored = fleet.notes();
            assertTrue(stored.keySet().containsAll(accepted), "every note answered 201 is stored");
            assertEquals(accepted.size() + 1, stored.size(), "and the one committed before the halt");
            fleet.jobs.awaitDone(stored.keySet(), Fleet.BOUND);
            assertEquals(List.of(), fleet.wrongWordCounts());
            assertEquals(List.of(), fleet.jobs.unexplainedRepeats(), "every job done twice is explained");
            System.out.println("[proof 4] " + fleet.jobs.stats());
            web.events();
        }
    }

    /** Posts {@code n} notes of 1 to 12 words from 8 clients; the ids, each answered 201. */
    private static List<Long> postAll(int port, int n) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            return postInBackground(clients, port, n, 8).get(Fleet.BOUND.toSeconds(), TimeUnit.SECONDS);
        } finally {
            clients.shutdownNow();
        }
    }

    /** Posts {@code n} notes of 1 to 12 words from {@code threads} clients; the ids of those answered 201. */
    private static Future<List<Long>> postInBackground(ExecutorService clients, int port, int n, int threads) {
        AtomicInteger next = new AtomicInteger();
        List<Long> ids = Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> parts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            parts.add(clients.submit(() -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    String text = ("word ".repeat(i % 12) + "note-" + i).strip();
                    HttpResponse<String> r = NotesServiceTest.post(port, "{\"text\":\"" + text + "\"}",
                            NotesServiceTest.TOKEN);
                    assertEquals(201, r.statusCode(), r.body());
                    ids.add(JSON.readTree(r.body()).get("id").asLong());
                }
                return null;
            }));
        }
        return clients.submit(() -> {
            for (Future<?> f : parts) {
                f.get();
            }
            return List.copyOf(ids);
        });
    }
}
