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

/** MariaDB Connector/J accepts what toJdbcUrl() and jdbcProperties() make of TEST_MARIADB_URL. */
class MariaDbClientTest {

    @Test
    void connectsAndSelectsOne() throws SQLException {
        BackingService d = TestServices.service("TEST_MARIADB_URL");
        assertEquals(1, selectOne(d));
    }

    @Test
    void sslmodeDisableBecomesTheDriversOwnOptionAndOptionsPassThrough() throws SQLException {
        BackingService base = TestServices.service("TEST_MARIADB_URL");
        BackingService d = BackingService.parse(base.toUrl()
                + "?sslmode=disable&sessionVariables=sql_mode%3D%27ANSI_QUOTES%27");
        assertTrue(d.toJdbcUrl().endsWith("?sslMode=disable"), d.toJdbcUrl());
        try (Connection c = DriverManager.getConnection(d.toJdbcUrl(), d.jdbcProperties());
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select @@session.sql_mode")) {
            r.next();
            assertEquals("ANSI_QUOTES", r.getString(1));
        }
    }

    /** MariaDB checks the password, so this proves every hard character arrives intact. */
    @Test
    void aUserWithAHardPasswordLogsInAndAWrongOneDoesNot() throws SQLException {
        BackingService admin = TestServices.service("TEST_MARIADB_URL");
        String user = TestServices.uniqueName("tf_b@:/#%+");
        String db = admin.database().orElseThrow();
        try (Connection c = DriverManager.getConnection(admin.toJdbcUrl(), admin.jdbcProperties());
                Statement s = c.createStatement()) {
            s.execute("create user '" + user + "'@'%' identified by '" + TestServices.HARD_PASSWORD + "'");
            try {
                s.execute("grant select on `" + db + "`.* to '" + user + "'@'%'");
                BackingService d = TestServices.withCredentials(admin, user, TestServices.HARD_PASSWORD);
                assertEquals(1, selectOne(d));
                BackingService wrong = TestServices.withCredentials(admin, user,
                        TestServices.HARD_PASSWORD.replace('+', ' '));
                assertThrows(SQLException.class, () -> selectOne(wrong));
            } finally {
                s.execute("drop user '" + user + "'@'%'");
            }
        }
    }

    private static int selectOne(BackingService d) throws SQLException {
        try (Connection c = DriverManager.getConnection(d.toJdbcUrl(), d.jdbcProperties());
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select 1, database()")) {
            r.next();
            assertEquals(d.database().orElseThrow(), r.getString(2));
            return r.getInt(1);
        }
    }
}
