package io.twelvefactor.backing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The H2 driver, in process, accepts what toJdbcUrl() and jdbcProperties() make of the
 * embedded forms: settings arrive, nothing is added, a file database persists.
 */
class H2ClientTest {

    private static final String NOTE = "r\u00e9sum\u00e9; it's \u4e2d\u6587";

    @Test
    void aMemoryDatabaseTakesItsSettingsAndKeepsARowBetweenConnections() throws SQLException {
        BackingService d = BackingService.parse("h2:mem:" + TestServices.uniqueName("notes_")
                + "?DB_CLOSE_DELAY=-1&MODE=PostgreSQL");
        try (Connection c = connect(d)) {
            createAndInsert(c);
        }
        try (Connection c = connect(d); Statement s = c.createStatement()) {
            assertEquals(NOTE, readBack(c));
            try (ResultSet r = s.executeQuery("select setting_value from information_schema.settings"
                    + " where setting_name = 'MODE'")) {
                assertTrue(r.next());
                assertEquals("PostgreSQL", r.getString(1));
            }
            s.execute("shutdown");
        }
    }

    /** No DB_CLOSE_DELAY is added: the database ends with its last connection, as H2 says. */
    @Test
    void aMemoryDatabaseWithoutSettingsEndsWithItsLastConnection() throws SQLException {
        BackingService d = BackingService.parse("h2:mem:" + TestServices.uniqueName("gone_"));
        assertEquals("jdbc:h2:mem:" + d.database().orElseThrow(), d.toJdbcUrl());
        try (Connection c = connect(d)) {
            createAndInsert(c);
            assertEquals(NOTE, readBack(c));
        }
        try (Connection c = connect(d)) {
            assertThrows(SQLException.class, () -> readBack(c));
        }
    }

    @Test
    void aRelativeFileDatabasePersistsUnderTarget() throws SQLException, IOException {
        String name = TestServices.uniqueName("notes_");
        roundTripThroughAFile(BackingService.parse("h2:file:./target/h2-client-test/" + name),
                Path.of("target", "h2-client-test", name + ".mv.db"));
    }

    @Test
    void anAbsoluteFileDatabasePersists() throws SQLException, IOException {
        Path base = Path.of("target", "h2 client test").toAbsolutePath()
                .resolve(TestServices.uniqueName("notes_"));
        BackingService d = BackingService.parse("h2:file:"
                + TestServices.encode(base.toString().replace('\\', '/'), "/:") + "?MODE=MySQL");
        assertEquals(base.toString().replace('\\', '/'), d.database().orElseThrow());
        roundTripThroughAFile(d, Path.of(base + ".mv.db"));
    }

    private static void roundTripThroughAFile(BackingService d, Path file)
            throws SQLException, IOException {
        assertFalse(Files.exists(file));
        try {
            try (Connection c = connect(d)) {
                createAndInsert(c);
            }
            assertTrue(Files.exists(file), file + " holds the database once it is closed");
            try (Connection c = connect(d)) {
                assertEquals(NOTE, readBack(c));
            }
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(Path.of(file.toString().replace(".mv.db", ".trace.db")));
        }
    }

    private static Connection connect(BackingService d) throws SQLException {
        assertEquals(0, d.jdbcProperties().size(), "an embedded URL carries no credentials");
        return DriverManager.getConnection(d.toJdbcUrl(), d.jdbcProperties());
    }

    private static void createAndInsert(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("create table note (id int primary key, body varchar(100))");
        }
        try (PreparedStatement p = c.prepareStatement("insert into note values (?, ?)")) {
            p.setInt(1, 1);
            p.setString(2, NOTE);
            assertEquals(1, p.executeUpdate());
        }
    }

    private static String readBack(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select body from note where id = 1")) {
            assertTrue(r.next());
            return r.getString(1);
        }
    }
}
