package io.twelvefactor.example;

import io.twelvefactor.backing.BackingService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * A PostgreSQL database of its own for one test, on the server {@code TEST_POSTGRES_URL}
 * names, so that no two test runs (or tests) share tables; dropped on close.
 */
final class TestDatabases implements AutoCloseable {
    private final String base;
    private final String name;
    final String url;

    private TestDatabases(String base, String name) {
        this.base = base;
        this.name = name;
        int slash = base.indexOf('/', base.indexOf("://") + 3);
        int query = base.indexOf('?');
        this.url = base.substring(0, slash + 1) + name + (query < 0 ? "" : base.substring(query));
    }

    /** The server's URL, or empty when {@code TEST_POSTGRES_URL} is unset (the caller skips). */
    static Optional<String> postgresUrl() {
        return Optional.ofNullable(System.getenv("TEST_POSTGRES_URL"));
    }

    /** Creates a fresh, empty database on the {@code TEST_POSTGRES_URL} server. */
    static TestDatabases createPostgres(String base) throws SQLException {
        String name = "tf_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        TestDatabases db = new TestDatabases(base, name);
        try (Connection c = connect(base); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        }
        return db;
    }

    Connection connect() throws SQLException {
        return connect(url);
    }

    private static Connection connect(String url) throws SQLException {
        BackingService d = BackingService.parse(url);
        return DriverManager.getConnection(d.toJdbcUrl(), d.jdbcProperties());
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = connect(base); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + name + " with (force)");
        }
    }
}
