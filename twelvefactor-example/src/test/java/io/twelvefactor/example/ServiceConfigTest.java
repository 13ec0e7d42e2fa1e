package io.twelvefactor.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twelvefactor.backing.BackingService;
import io.twelvefactor.config.ConfigException;
import io.twelvefactor.config.Env;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** config and backing together: a BackingService component binds through its static parse. */
class ServiceConfigTest {

    @Test
    void nothingSetGivesTheEmbeddedDefaults() {
        ServiceConfig c = Env.builder().variables(Map.of()).noDotEnv().build().bind(ServiceConfig.class);
        assertEquals(8080, c.port());
        assertEquals(BackingService.parse("h2:file:./target/notes-db"), c.databaseUrl());
        assertTrue(c.databaseUrl().hosts().isEmpty());
        assertEquals(Duration.ofSeconds(25), c.shutdownTimeout());
        assertFalse(c.toString().contains("dev-token"), c.toString());
    }

    @Test
    void aDatabaseUrlBindsToWhatTheDriverNeeds() {
        ServiceConfig c = Env.of(Map.of("DATABASE_URL", "postgres://app:p%40ss@db.internal/notes?sslmode=require"))
                .bind(ServiceConfig.class);
        assertEquals("jdbc:postgresql://db.internal:5432/notes?sslmode=require", c.databaseUrl().toJdbcUrl());
        assertEquals("p@ss", c.databaseUrl().jdbcProperties().getProperty("password"));
        assertFalse(c.toString().contains("p@ss"), c.toString());
    }

    @Test
    void everyProblemIsReportedAtOnceWithoutThePassword() {
        ConfigException e = assertThrows(ConfigException.class, () -> Env.of(Map.of(
                "DATABASE_URL", "postgres://app:s3cr3t-pw@db.internal:0/notes",
                "DATABASE_POOL_SIZE", "lots",
                "SHUTDOWN_TIMEOUT", "25",
                "API_TOKEN_FILE", "/nonexistent/token")).bind(ServiceConfig.class));
        List<String> variables = e.problems().stream().map(ConfigException.Problem::variable).sorted().toList();
        assertEquals(List.of("API_TOKEN_FILE", "DATABASE_POOL_SIZE", "DATABASE_URL", "SHUTDOWN_TIMEOUT"), variables);
        assertFalse(e.getMessage().contains("s3cr3t-pw"), e.getMessage());
        assertTrue(e.getMessage().contains("port"), e.getMessage());
    }

    private static ConfigException.Problem only(Map<String, String> env) {
        ConfigException e = assertThrows(ConfigException.class, () -> Env.of(env).bind(ServiceConfig.class));
        assertEquals(1, e.problems().size(), e.getMessage());
        return e.problems().get(0);
    }

    @Test
    void shutdownSettingsTheLifecycleWouldRefuseAreProblemsOfTheirVariable() {
        assertEquals("SHUTDOWN_DELAY (validation by ServiceConfig): SHUTDOWN_DELAY is 30000 ms; expected less than"
                + " SHUTDOWN_TIMEOUT (25000 ms), since the delay is spent out of that budget",
                only(Map.of("SHUTDOWN_DELAY", "30s")).toString());
        assertEquals("SHUTDOWN_TIMEOUT (validation by ServiceConfig): SHUTDOWN_TIMEOUT is 0 ms; expected a budget"
                + " above zero", only(Map.of("SHUTDOWN_TIMEOUT", "0s")).toString());
        assertEquals("SHUTDOWN_TIMEOUT", only(Map.of("SHUTDOWN_TIMEOUT", "2d")).variable());
    }

    @Test
    void theSameDurationMeansTheSameToConfigAndLifecycle() {
        ServiceConfig c = Env.of(Map.of("SHUTDOWN_TIMEOUT", " 10s\n", "SHUTDOWN_DELAY", "PT2S")).bind(ServiceConfig.class);
        assertEquals(Duration.ofSeconds(10), c.shutdownTimeout());
        assertEquals(Duration.ofSeconds(2), c.shutdownDelay());
        assertEquals("SHUTDOWN_TIMEOUT", only(Map.of("SHUTDOWN_TIMEOUT", "05s")).variable());
    }

    @Test
    void portsStateTheirRangeOnceAndAreProblemsOfTheirVariable() {
        assertEquals("PORT (environment): \"abc\" is not a whole number of decimal digits 0-9;"
                + " expected an integer from 0 to 65535", only(Map.of("PORT", "abc")).toString());
        assertEquals("PORT (environment): \"-1\" is out of range 0 to 65535; expected an integer from 0 to 65535",
                only(Map.of("PORT", "-1")).toString());
    }

    @Test
    void theRecordValidatesThePoolSize() {
        assertEquals("DATABASE_POOL_SIZE (environment): \"500\" is out of range 1 to 100; expected an integer from 1 to 100",
                only(Map.of("DATABASE_POOL_SIZE", "500")).toString());
    }

    @Test
    void aMalformedDatabaseUrlShowsBackingsExampleIntact() {
        ConfigException.Problem p = only(Map.of("DATABASE_URL", "postgresql:/127.0.0.1:5432/test"));
        assertEquals("DATABASE_URL", p.variable());
        assertTrue(p.message().contains("postgres://user:password@host:5432/db"), p.message());
    }
}
