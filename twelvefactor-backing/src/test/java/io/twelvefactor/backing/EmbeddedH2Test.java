package io.twelvefactor.backing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** H2's in-process forms h2:mem:NAME and h2:file:PATH: no host, settings as ;NAME=value. */
class EmbeddedH2Test {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "h2:mem:notes | notes | jdbc:h2:mem:notes | h2:mem:notes",
        "H2:MEM:notes | notes | jdbc:h2:mem:notes | h2:mem:notes",
        "h2:mem:notes?DB_CLOSE_DELAY=-1 | notes | jdbc:h2:mem:notes;DB_CLOSE_DELAY=-1 | h2:mem:notes?DB_CLOSE_DELAY=-1",
        "h2:mem:my%20notes?MODE=PostgreSQL&DATABASE_TO_LOWER=TRUE | my notes | jdbc:h2:mem:my notes;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE | h2:mem:my%20notes?MODE=PostgreSQL&DATABASE_TO_LOWER=TRUE",
        "h2:file:./target/notes | ./target/notes | jdbc:h2:file:./target/notes | h2:file:./target/notes",
        "h2:file:/var/data/notes?AUTO_SERVER=TRUE | /var/data/notes | jdbc:h2:file:/var/data/notes;AUTO_SERVER=TRUE | h2:file:/var/data/notes?AUTO_SERVER=TRUE",
        "h2:file:~/notes | ~/notes | jdbc:h2:file:~/notes | h2:file:~/notes",
        "h2:file:C:/data/notes | C:/data/notes | jdbc:h2:file:C:/data/notes | h2:file:C:/data/notes",
        "h2:file:./data/r%C3%A9sum%C3%A9%3F | ./data/résumé? | jdbc:h2:file:./data/résumé? | h2:file:./data/r%C3%A9sum%C3%A9%3F",
    })
    void accepts(String url, String database, String jdbc, String normalized) {
        BackingService d = BackingService.parse(url);
        assertEquals("h2", d.scheme());
        assertEquals("h2", d.kind());
        assertEquals(Optional.of(database), d.database());
        assertEquals(jdbc, d.toJdbcUrl());
        assertEquals(normalized, d.toUrl());
        assertEquals(normalized, d.toString());
        assertEquals(d, BackingService.parse(d.toUrl()));
    }

    @Test
    void anEmbeddedDatabaseHasNoHostNoCredentialsAndNoTls() {
        BackingService d = BackingService.parse("h2:mem:notes");
        assertEquals(List.of(), d.hosts());
        assertEquals(Optional.empty(), d.user());
        assertEquals(Optional.empty(), d.password());
        assertEquals(Optional.empty(), d.tls());
        assertEquals(Map.of(), Map.copyOf(d.jdbcProperties()));
        IllegalStateException host = assertThrows(IllegalStateException.class, d::host);
        assertEquals("an embedded h2:mem: database has no host or port; check hosts().isEmpty()"
                + " before asking", host.getMessage());
        IllegalStateException port = assertThrows(IllegalStateException.class,
                () -> BackingService.parse("h2:file:./x").port());
        assertTrue(port.getMessage().startsWith("an embedded h2:file: database"), port.getMessage());
    }

    @Test
    void memoryFileAndServerFormsOfOnePathDiffer() {
        BackingService mem = BackingService.parse("h2:mem:notes");
        BackingService file = BackingService.parse("h2:file:notes");
        assertNotEquals(mem, file);
        assertNotEquals(mem.hashCode(), file.hashCode());
        assertNotEquals(mem, BackingService.parse("h2://notes/notes"));
        assertEquals(mem, BackingService.parse("h2:MEM:notes"));
        assertEquals(mem.hashCode(), BackingService.parse("h2:MEM:notes").hashCode());
    }

    @Test
    void secretSettingsAreRedactedAndTheServerFormStillNeedsAHost() {
        assertEquals("h2:file:./x?CIPHER=AES&FILE_PASSWORD=***",
                BackingService.parse("h2:file:./x?CIPHER=AES&FILE_PASSWORD=k3y").toString());
        assertEquals("host", assertThrows(BackingServiceException.class,
                () -> BackingService.parse("h2:///notes")).component());
    }

    @Test
    void fromEnvAndParseGenericTakeTheEmbeddedFormsToo() {
        BackingService d = BackingService.fromEnv("DATABASE_URL", Map.of("DATABASE_URL", "h2:mem:app"));
        assertEquals("jdbc:h2:mem:app", d.toJdbcUrl());
        assertEquals(d, BackingService.parseGeneric("h2:mem:app"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "h2:mem: | database | 7 | is empty; name the in-memory database, such as h2:mem:notes (an unnamed one would be private to each connection)",
        "h2:mem:?MODE=MySQL | database | 8 | is empty; name the in-memory database, such as h2:mem:notes (an unnamed one would be private to each connection)",
        "h2:file: | database | 8 | is empty; write the database's path without .mv.db, such as ./data/notes or /var/data/notes",
        "h2:zip:~/data.zip!/notes | scheme | 4 | expected 'mem:', 'file:' or '//' after 'h2:', such as h2:mem:notes, h2:file:./data/notes, or h2://host/path for an H2 server",
        "h2:tcp://db/notes | scheme | 4 | expected 'mem:', 'file:' or '//' after 'h2:', such as h2:mem:notes, h2:file:./data/notes, or h2://host/path for an H2 server",
        "h2:notes | scheme | 4 | expected 'mem:', 'file:' or '//' after 'h2:', such as h2:mem:notes, h2:file:./data/notes, or h2://host/path for an H2 server",
        "h2: | scheme | 3 | expected 'mem:', 'file:' or '//' after 'h2:', such as h2:mem:notes, h2:file:./data/notes, or h2://host/path for an H2 server",
        "h2:mem:notes;DB_CLOSE_DELAY=-1 | database | 8 | holds ';', which would start an H2 setting; write settings as ?NAME=value, such as ?MODE=PostgreSQL",
        "h2:file:./a%3Bb | database | 9 | holds ';', which would start an H2 setting; write settings as ?NAME=value, such as ?MODE=PostgreSQL",
        "h2:mem:notes#x | url | 13 | '#' would start a fragment, which a service URL cannot have; write '#' in a password (or anywhere else) as %23",
        "h2:mem:notes?MODE | query | 14 | a parameter has no '='; write name=value, and '&' in a value as %26",
        "h2:mem:notes?USER=sa | query parameter USER | 14 | an embedded H2 URL carries no credentials, since H2 would read them from the JDBC URL; set user and password on the Properties jdbcProperties() returns",
        "h2:file:./x?a=1&password=pw | query parameter password | 17 | an embedded H2 URL carries no credentials, since H2 would read them from the JDBC URL; set user and password on the Properties jdbcProperties() returns",
        "h2:mem:notes?sslmode=require | query parameter sslmode | 14 | an embedded database has no connection to encrypt; remove sslmode",
        "h2:mem:n%zz | database | 9 | '%' must start a percent-encoding such as %40; write a literal '%' in the database as %25",
    })
    void rejects(String url, String component, int position, String message) {
        BackingServiceException e = assertThrows(BackingServiceException.class,
                () -> BackingService.fromEnv("DATABASE_URL", Map.of("DATABASE_URL", url)));
        assertEquals(component, e.component());
        assertEquals(position, e.position());
        assertEquals("DATABASE_URL" + (component.equals("url") ? "" : ": " + component)
                + " at character " + position + ": " + message, e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "h2:mem:notes?INIT=a%3Bb | query parameter INIT | H2 cannot take ';' in a setting",
        "h2:mem:notes?A%3BB=1 | query parameter A;B | an H2 setting's name is letters, digits and -._~",
    })
    void settingsTheJdbcUrlCannotCarryAreRefused(String url, String component, String message) {
        BackingServiceException e = assertThrows(BackingServiceException.class,
                () -> BackingService.parse(url).toJdbcUrl());
        assertEquals("backing service URL: " + component + ": " + message, e.getMessage());
    }
}
