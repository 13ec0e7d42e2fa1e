package io.twelvefactor.backing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * MySQL Connector/J, called directly (MariaDB Connector/J would also answer jdbc:mysql: in
 * DriverManager), accepts what toJdbcUrl() and jdbcProperties() make of a mysql:// URL for
 * the real MariaDB server of TEST_MARIADB_URL.
 */
class MySqlClientTest {

    /** TEST_MARIADB_URL with the mysql:// scheme. */
    static BackingService mysql() {
        BackingService mariadb = TestServices.service("TEST_MARIADB_URL");
        return BackingService.parse("mysql" + mariadb.toUrl().substring(mariadb.scheme().length()));
    }

    static Connection connect(BackingService d) throws SQLException {
        Properties p = d.jdbcProperties();
        Connection c = new com.mysql.cj.jdbc.Driver().connect(d.toJdbcUrl(), p);
        if (c == null) {
            throw new AssertionError("MySQL Connector/J did not take " + d.toJdbcUrl());
        }
        return c;
    }

    @Test
    void connectsWithSslmodeDisableTranslatedAndAnOption() throws SQLException {
        BackingService base = mysql();
        BackingService d = BackingService.parse(base.toUrl()
                + "?sslmode=disable&sessionVariables=sql_mode%3D%27ANSI_QUOTES%27");
        assertTrue(d.toJdbcUrl().startsWith("jdbc:mysql://"), d.toJdbcUrl());
        assertTrue(d.toJdbcUrl().contains("sslMode=DISABLED"), d.toJdbcUrl());
        try (Connection c = connect(d);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select database(), @@session.sql_mode")) {
            r.next();
            assertEquals(d.database().orElseThrow(), r.getString(1));
            // Connector/J adds STRICT_TRANS_TABLES to the sql_mode it was given.
            assertTrue(r.getString(2).contains("ANSI_QUOTES"), r.getString(2));
        }
    }

    /** The server checks the password, so every hard character arrives through Connector/J. */
    @Test
    void aUserWithAHardPasswordLogsInAndAWrongOneDoesNot() throws SQLException {
        BackingService admin = mysql();
        String user = TestServices.uniqueName("tf_m@:/#%+");
        String db = admin.database().orElseThrow();
        try (Connection c = connect(admin); Statement s = c.createStatement()) {
            s.execute("create user '" + user + "'@'%' identified by '" + TestServices.HARD_PASSWORD + "'");
            try {
                s.execute("grant select on `" + db + "`.* to '" + user + "'@'%'");
                BackingService d = TestServices.withCredentials(admin, user, TestServices.HARD_PASSWORD);
                try (Connection as = connect(d);
                        Statement q = as.createStatement();
                        ResultSet r = q.executeQuery("select current_user(), database()")) {
                    r.next();
                    assertEquals(user + "@%", r.getString(1));
                    assertEquals(db, r.getString(2));
                }
                BackingService wrong = TestServices.withCredentials(admin, user,
                        TestServices.HARD_PASSWORD.replace('+', ' '));
                assertThrows(SQLException.class, () -> connect(wrong).close());
            } finally {
                s.execute("drop user '" + user + "'@'%'");
            }
        }
    }
}
