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

    @Test
    void shutdownSettingsTheLifecycleWouldRefuseAreConfigProblems() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> Env.of(Map.of("SHUTDOWN_DELAY", "30s")).bind(ServiceConfig.class));
        assertTrue(e.getMessage().contains("SHUTDOWN_DELAY must be at least zero and less than SHUTDOWN_TIMEOUT"),
                e.getMessage());
        assertThrows(ConfigException.class, () -> Env.of(Map.of("SHUTDOWN_TIMEOUT", "0s")).bind(ServiceConfig.class));
    }

    @Test
    void theRecordValidatesThePoolSize() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> Env.of(Map.of("DATABASE_POOL_SIZE", "500")).bind(ServiceConfig.class));
        assertTrue(e.getMessage().contains("between 1 and 100"), e.getMessage());
    }
}
