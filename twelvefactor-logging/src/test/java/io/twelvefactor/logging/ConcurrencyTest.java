package io.twelvefactor.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {

    @Test
    void fourThreadsOfFiftyThousandEventsGiveExactlyTwoHundredThousandLines() throws Exception {
        Capture capture = new Capture();
        StdoutLogger logger = capture.logger("concurrent");
        int threads = 4;
        int events = 50_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < events; i++) {
                    if (i % 3 == 0) {
                        logger.atInfo().addKeyValue("thread", id).addKeyValue("i", i).log("event {} \u00e9\"", i);
                    } else {
                        logger.info("event {} of thread {}", i, id);
                    }
                }
            }, "worker-" + t);
            worker.start();
            workers.add(worker);
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        List<String> lines = capture.lines();
        assertEquals(threads * events, lines.size());
        int[] perThread = new int[threads];
        for (String line : lines) {
            JsonNode e = Capture.parse(line);
            String thread = e.get("process.thread.name").asText();
            perThread[thread.charAt(thread.length() - 1) - '0']++;
        }
        for (int count : perThread) {
            assertEquals(events, count);
        }
    }
}
