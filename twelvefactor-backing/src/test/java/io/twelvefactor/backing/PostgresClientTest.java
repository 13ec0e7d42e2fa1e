package io.twelvefactor.backing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** pgjdbc accepts what toJdbcUrl() and jdbcProperties() make of TEST_POSTGRES_URL. */
class PostgresClientTest {

    @Test
    void connectsAndSelectsOne() throws SQLException {
        BackingService d = TestServices.service("TEST_POSTGRES_URL");
        try (Connection c = DriverManager.getConnection(d.toJdbcUrl(), d.jdbcProperties());
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select 1, current_database(), current_user")) {
            r.next();
            assertEquals(1, r.getInt(1));
            assertEquals(d.database().orElseThrow(), r.getString(2));
            assertEquals(d.user().orElseThrow(), r.getString(3));
        }
    }

    /**
     * A role whose name and password hold every character a URL must encode. This server
     * trusts 127.0.0.1, so only the name is checked by PostgreSQL; MariaDB, Redis and
     * RabbitMQ tests check the password.
     */
    @Test
    void aRoleWithHardCredentialsLogsIn() throws SQLException {
        BackingService admin = TestServices.service("TEST_POSTGRES_URL");
        String role = TestServices.uniqueName("tf_b@:/#%+_");
        try (Connection c = DriverManager.getConnection(admin.toJdbcUrl(), admin.jdbcProperties());
                Statement s = c.createStatement()) {
            s.execute("create role \"" + role + "\" login password '" + TestServices.HARD_PASSWORD + "'");
            try {
                BackingService d = TestServices.withCredentials(admin, role, TestServices.HARD_PASSWORD);
                try (Connection as = DriverManager.getConnection(d.toJdbcUrl(), d.jdbcProperties());
                        Statement q = as.createStatement();
                        ResultSet r = q.executeQuery("select current_user, 1")) {
                    r.next();
                    assertEquals(role, r.getString(1));
                    assertEquals(1, r.getInt(2));
                }
            } finally {
                s.execute("drop role \"" + role + "\"");
            }
        }
    }

    /** Heroku's converter emitted jdbc:postgresql://h:5432?… here, which pgjdbc rejects. */
    @Test
    void aUrlWithoutDatabaseStillWritesTheSlashAndConnectsToTheUsersDatabase() throws SQLException {
        BackingService base = TestServices.service("TEST_POSTGRES_URL");
        String url = base.toUrl();
        BackingService d = BackingService.parse(url.substring(0, url.lastIndexOf('/')) + "?sslmode=disable");
        assertEquals(":" + d.port() + "/?sslmode=disable", d.toJdbcUrl().substring(d.toJdbcUrl().lastIndexOf(':')));
        try (Connection c = DriverManager.getConnection(d.toJdbcUrl(), d.jdbcProperties());
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select current_database(), current_user")) {
            r.next();
            assertEquals(r.getString(2), r.getString(1));
        }
    }

    @Test
    void queryOptionsReachTheDriver() throws SQLException {
        BackingService base = TestServices.service("TEST_POSTGRES_URL");
        BackingService d = BackingService.parse(base.toUrl() + "?ApplicationName=tf+backing%20test");
        try (Connection c = DriverManager.getConnection(d.toJdbcUrl(), d.jdbcProperties());
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select current_setting('application_name')")) {
            r.next();
            assertEquals("tf+backing test", r.getString(1));
        }
    }

    /**
     * Two hosts, the first refusing connections: with libpq's {@code read-write} pgjdbc goes
     * on to the second, a primary; with {@code standby} it finds none and says so, which it
     * would not do if the parameter were dropped on the way.
     */
    @Test
    void twoHostsAndTargetSessionAttrsReachPgjdbc() throws SQLException {
        BackingService base = TestServices.service("TEST_POSTGRES_URL");
        Host real = base.hosts().get(0);
        String url = base.scheme() + "://" + TestServices.encode(base.user().orElseThrow(), "")
                + "@127.0.0.1:1," + real + "/" + base.database().orElseThrow()
                + "?connect_timeout=5&target_session_attrs=";
        BackingService primary = BackingService.parse(url + "read-write");
        assertEquals(2, primary.hosts().size());
        try (Connection c = DriverManager.getConnection(primary.toJdbcUrl(), primary.jdbcProperties());
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select pg_is_in_recovery(), current_setting('transaction_read_only')")) {
            r.next();
            assertEquals(false, r.getBoolean(1));
            assertEquals("off", r.getString(2));
        }
        BackingService standby = BackingService.parse(url + "standby");
        SQLException e = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(standby.toJdbcUrl(), standby.jdbcProperties()).close());
        assertTrue(e.getMessage().contains("secondary"), e.getMessage());
    }
}
