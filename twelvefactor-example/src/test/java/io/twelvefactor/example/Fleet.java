package io.twelvefactor.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Web and worker processes of the example on one fresh PostgreSQL database and one queue
 * unique to the test, on the real RabbitMQ of {@code TEST_AMQP_URL}; everything is removed on
 * close. Worker events are collected in {@link #jobs}.
 */
final class Fleet implements AutoCloseable {
    static final Duration BOUND = Duration.ofSeconds(90);

    final TestDatabases db;
    final String amqpUrl;
    final String queue = "tf-test-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    final JobLog jobs = new JobLog();
    private final Path dir;
    private final List<ServiceProcess> processes = new ArrayList<>();

    Fleet(Path dir, String postgresUrl, String amqpUrl) throws Exception {
        this.dir = dir;
        this.amqpUrl = amqpUrl;
        this.db = TestDatabases.createPostgres(postgresUrl);
        ServiceProcess migrate = ServiceProcess.runToEnd(dir, env(Map.of()), "migrate");
        assertEquals(0, migrate.awaitExit(BOUND), String.join("\n", migrate.stdout()));
    }

    /** The environment every process gets, plus {@code extra}. */
    Map<String, String> env(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("PORT", "0");
        env.put("API_TOKEN", NotesServiceTest.TOKEN);
        env.put("DATABASE_URL", db.url);
        env.put("DATABASE_POOL_SIZE", "4");
        env.put("AMQP_URL", amqpUrl);
        env.put("JOB_QUEUE", queue);
        env.put("SHUTDOWN_TIMEOUT", "10s");
        env.putAll(extra);
        return env;
    }

    /** Starts a web process and waits until it is ready. */
    ServiceProcess web(Map<String, String> extra) throws Exception {
        ServiceProcess p = ServiceProcess.start(dir, env(extra), "run");
        processes.add(p);
        p.awaitReady();
        return p;
    }

    /** Starts a worker called {@code name} and waits until it consumes. */
    ServiceProcess worker(String name, Map<String, String> extra) throws Exception {
        ServiceProcess p = ServiceProcess.start(dir, env(extra), "worker", jobs.listener(name));
        processes.add(p);
        p.awaitStdout("worker ready", BOUND);
        return p;
    }

    /** Every note id with its text, read from the database. */
    Map<Long, String> notes() throws Exception {
        Map<Long, String> notes = new HashMap<>();
        try (java.sql.Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select id, text from notes")) {
            while (r.next()) {
                notes.put(r.getLong(1), r.getString(2));
            }
        }
        return notes;
    }

    /** The notes whose word count is stored, right or wrong. */
    Set<Long> counted() throws Exception {
        Set<Long> counted = new HashSet<>();
        try (java.sql.Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select id from notes where word_count is not null")) {
            while (r.next()) {
                counted.add(r.getLong(1));
            }
        }
        return counted;
    }

    /** Notes whose stored word count is missing or wrong; empty when every job was done right. */
    List<String> wrongWordCounts() throws Exception {
        List<String> wrong = new ArrayList<>();
        try (java.sql.Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select id, text, word_count from notes order by id")) {
            while (r.next()) {
                int count = r.getInt(3);
                boolean missing = r.wasNull();
                if (missing || count != NoteStore.countWords(r.getString(2))) {
                    wrong.add(r.getLong(1) + "=" + (missing ? "null" : count));
                }
            }
        }
        return wrong;
    }

    @Override
    public void close() throws java.io.IOException, java.sql.SQLException, java.util.concurrent.TimeoutException {
        for (ServiceProcess p : processes) {
            p.close();
        }
        for (ServiceProcess p : processes) {
            try {
                p.awaitExit(BOUND);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                // killed anyway; the database goes next
            }
        }
        try {
            deleteQueue();
        } finally {
            db.close();
        }
    }

    /** Deletes the test's queue on the broker (idempotent): its consumers are cancelled by the broker. */
    void deleteQueue() throws java.io.IOException, java.util.concurrent.TimeoutException {
        TestBroker.deleteQueue(amqpUrl, queue);
    }
}
