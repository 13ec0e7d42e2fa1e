package io.twelvefactor.example.fleet;

import io.twelvefactor.backing.BackingService;
import io.twelvefactor.example.TestBroker;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;

/**
 * The backing services of one fleet run: a database of its own on the PostgreSQL server of
 * {@code TEST_POSTGRES_URL}, and, with {@code TEST_AMQP_URL}, a queue of its own on that
 * broker; both created by the example's {@code migrate} and removed by {@link #drop()}.
 */
final class Services {
    private final String adminUrl;
    private final Optional<String> amqpUrl;
    private final String database;
    private final String queue;
    private final Path dir;

    /**
     * @param adminUrl a PostgreSQL server where the run may create and drop its database
     * @param amqpUrl  a RabbitMQ broker, for the scenario with workers
     * @param runId    names the database and the queue
     * @param dir      where migrate's log goes
     */
    Services(String adminUrl, Optional<String> amqpUrl, String runId, Path dir) {
        this.adminUrl = adminUrl;
        this.amqpUrl = amqpUrl;
        this.database = "tf_" + runId.replace('-', '_');
        this.queue = "tf-" + runId;
        this.dir = dir;
    }

    /** Notes answered 201 that are not in the database. */
    int missing(List<Long> ids) throws Exception {
        if (ids.isEmpty()) {
            return 0;
        }
        Set<Long> found = new HashSet<>();
        try (Connection c = connect(databaseUrl());
             PreparedStatement ps = c.prepareStatement("select id from notes where id = any(?)")) {
            Array array = c.createArrayOf("bigint", ids.toArray());
            ps.setArray(1, array);
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    found.add(r.getLong(1));
                }
            }
        }
        return (int) ids.stream().filter(id -> !found.contains(id)).count();
    }

    /** The run's own database, on the server of {@code TEST_POSTGRES_URL}. */
    String databaseUrl() {
        URI u = URI.create(adminUrl);
        String query = u.getRawQuery() == null ? "" : "?" + u.getRawQuery();
        return u.getScheme() + "://" + (u.getRawUserInfo() == null ? "" : u.getRawUserInfo() + "@")
                + u.getRawAuthority().substring(u.getRawAuthority().indexOf('@') + 1) + "/" + database + query;
    }

    /**
     * Creates the run's database and migrates it with the example's own {@code migrate}, which
     * also declares the run's queue when there is a broker.
     */
    void create() throws Exception {
        admin("create database " + database);
        Map<String, String> env = new HashMap<>(broker());
        env.put("DATABASE_URL", databaseUrl());
        Replica migrate = Replica.start("migrate", "migrate", env, false, dir);
        int exit = migrate.awaitExit(Duration.ofSeconds(60));
        if (exit != 0) {
            throw new IllegalStateException("migrate exited with " + exit + "; see " + dir.resolve("migrate.log"));
        }
    }

    /** Drops the run's database, and deletes its queue when there is a broker. */
    void drop() throws Exception {
        try {
            admin("drop database if exists " + database + " with (force)");
        } finally {
            if (amqpUrl.isPresent()) {
                TestBroker.deleteQueue(amqpUrl.get(), queue);
            }
        }
    }

    private void admin(String sql) throws Exception {
        try (Connection c = connect(adminUrl); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** A connection to the run's database. */
    Connection connect() throws Exception {
        return connect(databaseUrl());
    }

    private static Connection connect(String url) throws Exception {
        BackingService db = BackingService.parse(url);
        return DriverManager.getConnection(db.toJdbcUrl(), db.jdbcProperties());
    }

    /**
     * Waits until every note in the database has its word count, or {@code bound}
     * passed (the row then shows the notes left without one), and returns how long it took.
     * No event of the app says "the queue is drained" across the relays and workers, so the
     * run's database says it: a trigger notifies on every stored word count, and the wait
     * wakes on each notification (LISTEN before the first count, so none is missed) to count
     * again, with no polling interval.
     */
    Duration awaitWordCounts(Duration bound) throws Exception {
        long start = System.nanoTime();
        long deadline = start + bound.toNanos();
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("create or replace function fleet_word_counted() returns trigger language plpgsql"
                    + " as $$ begin perform pg_notify('fleet_word_counted', ''); return null; end $$");
            st.execute("create trigger fleet_word_counted after update of word_count on notes"
                    + " for each statement execute function fleet_word_counted()");
            st.execute("listen fleet_word_counted");
            PGConnection notifications = c.unwrap(PGConnection.class);
            while (Jobs.count(c, "select count(*) from notes where word_count is null") > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                notifications.getNotifications((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** The run's broker and queue, for web replicas (the outbox relay), workers and migrate; empty without. */
    Map<String, String> broker() {
        return amqpUrl.map(u -> Map.of("AMQP_URL", u, "JOB_QUEUE", queue)).orElse(Map.of());
    }
}
