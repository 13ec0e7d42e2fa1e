package io.twelvefactor.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The commands and startup failures a new user meets first, each in a child JVM. */
class NotesServiceCommandsTest {
    private static final Duration EXIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"help", "--help", "-h"})
    void helpPrintsTheCommandsAndExitCodesAndExitsZero(String command) throws Exception {
        ServiceProcess p = ServiceProcess.runToEnd(dir, Map.of(), command);
        assertEquals(0, p.awaitExit(EXIT), () -> String.join("\n", p.stderr()));
        assertEquals(List.of(NotesService.USAGE.split("\n")), p.stdout());
        assertEquals(List.of(), p.stderr());
    }

    @Test
    void anUnknownCommandPrintsTheUsageOnStderrAndExits64() throws Exception {
        ServiceProcess p = ServiceProcess.runToEnd(dir, Map.of(), "serve");
        assertEquals(NotesService.EXIT_USAGE, p.awaitExit(EXIT));
        assertEquals("unknown command 'serve'", p.stderr().get(0));
        assertTrue(p.stderr().contains("  migrate   apply the schema steps the database lacks and declare the job queue,"
                + " then exit:"), () -> String.join("\n", p.stderr()));
    }

    @Test
    void envListsTheLibrarysVariablesAndSaysTheTokenHasAHiddenDefault() throws Exception {
        ServiceProcess p = ServiceProcess.runToEnd(dir, Map.of(), "env");
        assertEquals(0, p.awaitExit(EXIT));
        String out = String.join("\n", p.stdout());
        for (String own : List.of("PORT", "DATABASE_URL", "SHUTDOWN_TIMEOUT", "API_TOKEN")) {
            assertTrue(out.contains("| `" + own + "` |"), own + " missing:\n" + out);
        }
        for (String library : List.of("LOG_LEVEL", "LOG_FORMAT", "LOG_LEVELS", "HEALTH_PORT")) {
            assertTrue(out.contains("| `" + library + "` |"), library + " missing:\n" + out);
        }
        assertEquals(1, out.split("\\| `SHUTDOWN_TIMEOUT` \\|", -1).length - 1, "listed twice:\n" + out);
        assertTrue(out.contains("`API_TOKEN` has a development default, not shown here"), out);
        assertFalse(out.contains("dev-token"), "the default token was printed:\n" + out);
    }

    @Test
    void aPortInUseIsOneJsonLineNamingThePortAndTheFixThenExit75() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
            int port = taken.getLocalPort();
            ServiceProcess p = ServiceProcess.runToEnd(dir, Map.of("PORT", Integer.toString(port)), "run");
            assertEquals(NotesService.EXIT_PORT_IN_USE, p.awaitExit(EXIT), () -> String.join("\n", p.stdout()));
            assertEquals(List.of(), p.stderr(), "no stack trace, no shutdown summary");
            List<JsonNode> errors = p.events().stream()
                    .filter(e -> e.path("log.level").asText().equals("ERROR")).toList();
            assertEquals(1, errors.size(), () -> String.join("\n", p.stdout()));
            assertEquals("PORT=" + port + " is already in use by another process: stop it, or set PORT to a free"
                    + " port (PORT=0 picks one); exiting with code 75", errors.get(0).path("message").asText());
            assertEquals(port, errors.get(0).path("url.port").asInt());
        }
    }

    @Test
    void migrateSaysWhatItCreatedThenThatThereWasNothingToDo() throws Exception {
        ServiceProcess first = ServiceProcess.runToEnd(dir, Map.of(), "migrate");
        assertEquals(0, first.awaitExit(EXIT), () -> String.join("\n", first.stderr()));
        List<String> messages = messages(first);
        assertTrue(messages.contains("applied schema version 1: create table notes"), messages::toString);
        assertTrue(messages.contains("schema migrated from version 0 to " + Schema.LATEST), messages::toString);
        Path file = dir.toRealPath().resolve("target/notes-db");
        assertTrue(messages.contains("embedded H2 database in " + file + ".mv.db (DATABASE_URL=h2:file:./target/notes-db;"
                + " a relative path is resolved from the working directory)"), messages::toString);

        ServiceProcess second = ServiceProcess.runToEnd(dir, Map.of(), "migrate");
        assertEquals(0, second.awaitExit(EXIT), () -> String.join("\n", second.stderr()));
        assertTrue(messages(second).contains("schema is up to date at version " + Schema.LATEST + ": nothing to apply"),
                () -> messages(second).toString());
    }

    private static List<String> messages(ServiceProcess p) {
        return p.events().stream().map(e -> e.path("message").asText()).toList();
    }
}
