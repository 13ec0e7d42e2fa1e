package io.twelvefactor.example;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The job events of every worker a test started, collected from their JSON stdout as it is
 * read: one {@link Event} per delivery. Tests wait on it for jobs to be done, never on time.
 */
final class JobLog {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One delivery, as the worker logged it. */
    record Event(String worker, long jobId, boolean redelivered, int published, String outcome) {}

    private final List<Event> events = new ArrayList<>();
    private final Set<Long> done = new HashSet<>();

    /** A stdout listener for the worker called {@code name}. */
    Consumer<String> listener(String name) {
        return line -> {
            if (!line.contains("\"outcome\"")) {
                return;
            }
            try {
                JsonNode e = JSON.readTree(line);
                Event ev = new Event(name, e.path("job.id").asLong(), e.path("redelivered").asBoolean(),
                        e.path("published").asInt(), e.path("outcome").asText());
                synchronized (this) {
                    events.add(ev);
                    if (ev.outcome().equals("done")) {
                        done.add(ev.jobId());
                    }
                    notifyAll();
                }
            } catch (IOException ignored) {
                // ServiceProcess.events() fails the test on a line that is not JSON
            }
        };
    }

    /** Waits until every job in {@code ids} was done at least once, within a bound only a hang reaches. */
    synchronized void awaitDone(Collection<Long> ids, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!done.containsAll(ids)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                Set<Long> missing = new HashSet<>(ids);
                missing.removeAll(done);
                fail(missing.size() + " job(s) never done within " + bound + ", e.g. " + missing.stream().limit(10).toList());
            }
            wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
    }

    /** Waits until {@code worker} logged at least {@code n} done jobs. */
    synchronized void awaitDoneBy(String worker, int n, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (events.stream().filter(e -> e.worker().equals(worker) && e.outcome().equals("done")).count() < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                fail(worker + " did not do " + n + " jobs within " + bound);
            }
            wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
    }

    /** Counts for the test log: deliveries by outcome, jobs done more than once, and why. */
    synchronized String stats() {
        Map<String, Integer> outcomes = new java.util.TreeMap<>();
        for (Event e : events) {
            outcomes.merge(e.outcome(), 1, Integer::sum);
        }
        long repeats = doneByJob().values().stream().filter(l -> l.size() > 1).count();
        long redelivered = events.stream().filter(Event::redelivered).count();
        long republished = events.stream().filter(e -> e.published() > 1).count();
        return events.size() + " deliveries " + outcomes + ", " + done.size() + " jobs done, " + repeats
                + " done more than once; deliveries flagged redelivered: " + redelivered + ", published > 1: "
                + republished;
    }

    synchronized List<Event> events() {
        return List.copyOf(events);
    }

    /** The done events per job id. */
    synchronized Map<Long, List<Event>> doneByJob() {
        Map<Long, List<Event>> by = new HashMap<>();
        for (Event e : events) {
            if (e.outcome().equals("done")) {
                by.computeIfAbsent(e.jobId(), k -> new ArrayList<>()).add(e);
            }
        }
        return by;
    }

    /**
     * Every job done more than once where fewer than all but one of its runs carry a
     * redelivery flag or a second publish to explain them; empty when every repeat is explained.
     */
    synchronized List<Long> unexplainedRepeats() {
        List<Long> bad = new ArrayList<>();
        for (Map.Entry<Long, List<Event>> e : doneByJob().entrySet()) {
            List<Event> runs = e.getValue();
            long explained = runs.stream().filter(r -> r.redelivered() || r.published() > 1).count();
            if (explained < runs.size() - 1) {
                bad.add(e.getKey());
            }
        }
        return bad;
    }
}
