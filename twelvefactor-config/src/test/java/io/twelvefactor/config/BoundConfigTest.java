package io.twelvefactor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoundConfigTest {
    @Prefix("APP")
    record Config(@Default("8080") int port, Secret<String> password, String host, String region,
                  String zone, Optional<String> label, List<String> tags) {
    }

    @Test
    void saysWhereEachVariableCameFromAndNeverAValue(@TempDir Path root) throws Exception {
        Path secret = root.resolve("password");
        Files.writeString(secret, "hunter2-very-secret\n");
        Path dir = Files.createDirectory(root.resolve("config"));
        Files.writeString(dir.resolve("APP_REGION"), "eu-west-1");
        Path dotEnv = root.resolve(".env");
        Files.writeString(dotEnv, "# local\nAPP_ZONE=b\nAPP_HOST=dotenv-host\n");
        BoundConfig<Config> bound = Env.builder()
                .variables(Map.of("APP_PASSWORD_FILE", secret.toString(), "APP_HOST", "db.internal"))
                .dotEnv(dotEnv).directory(dir).build().bindWithOrigins(Config.class);
        assertEquals("hunter2-very-secret", bound.config().password().value());
        assertEquals(List.of(
                new BoundConfig.Origin("APP_PORT", BoundConfig.Kind.DEFAULT, "@Default"),
                new BoundConfig.Origin("APP_PASSWORD", BoundConfig.Kind.FILE,
                        "file " + secret + " (APP_PASSWORD_FILE)"),
                new BoundConfig.Origin("APP_HOST", BoundConfig.Kind.ENVIRONMENT, "environment"),
                new BoundConfig.Origin("APP_REGION", BoundConfig.Kind.DIRECTORY,
                        "file " + dir.resolve("APP_REGION") + " (directory " + dir + ")"),
                new BoundConfig.Origin("APP_ZONE", BoundConfig.Kind.DOT_ENV, dotEnv + " line 2"),
                new BoundConfig.Origin("APP_LABEL", BoundConfig.Kind.UNSET, "unset"),
                new BoundConfig.Origin("APP_TAGS", BoundConfig.Kind.UNSET, "unset")), bound.origins());
        String table = bound.toString();
        assertEquals("APP_PORT      @Default\n", table.lines().findFirst().get() + "\n");
        assertFalse(table.contains("hunter2"));
        assertFalse(table.contains("db.internal"));
        assertFalse(table.contains("eu-west-1"));
        assertEquals(List.of(), bound.warnings());
    }

    record Renamed(@DeprecatedName("OLD_HOST") String host) {
    }

    @Test
    void aDeprecatedNameIsTheVariableReadAndItsWarningIsKept() {
        BoundConfig<Renamed> bound = Env.builder().variables(Map.of("OLD_HOST", "h")).noDotEnv().warnings(w -> { })
                .build().bindWithOrigins(Renamed.class);
        assertEquals(List.of(new BoundConfig.Origin("OLD_HOST", BoundConfig.Kind.ENVIRONMENT, "environment")),
                bound.origins());
        assertEquals("OLD_HOST", bound.warnings().get(0).variable());
    }
}
