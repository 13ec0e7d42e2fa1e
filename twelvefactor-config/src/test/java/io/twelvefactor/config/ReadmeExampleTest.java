package io.twelvefactor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The README's config example, so the README cannot drift from what the code does. */
class ReadmeExampleTest {
    enum Level { DEBUG, INFO, WARN, ERROR }

    @Prefix("APP")
    record AppConfig(
            @Default("8080") @Description("Port the HTTP server listens on.") int port,
            Db db,
            @Default("30s") Duration shutdownTimeout,
            @Default("info") Level logLevel,
            List<String> allowedOrigins,
            @Name("REGION") Optional<String> region) {
    }

    record Db(URI url, Secret<String> password, @Default("10") int poolSize) {
        Db {
            if (poolSize < 1) {
                throw new IllegalArgumentException("pool size must be at least 1");
            }
        }
    }

    @Test
    void theErrorExampleIsWhatBindPrints() {
        DotEnv dotEnv = DotEnv.parse(".env", "# local settings\n\n# the port\nAPP_PORT=80x\n");
        Env.Source source = new Env.Source(Map.of("APP_DB_PASSWORD_FILE", "/run/secrets/db"), dotEnv, Map.of());
        ConfigException e = assertThrows(ConfigException.class, () -> source.bind(AppConfig.class));
        assertEquals(String.join("\n",
                "3 configuration problems:",
                "  APP_PORT (.env line 4): \"80x\" is not a whole number of decimal digits 0-9; expected an integer"
                        + " from -2147483648 to 2147483647",
                "  APP_DB_URL (environment and .env): is required but not set; expected a URI",
                "  APP_DB_PASSWORD_FILE (file /run/secrets/db (APP_DB_PASSWORD_FILE)): names a file that does not"
                        + " exist"), e.getMessage());
    }

    @Test
    void theVariableTableIsWhatDescribePrints() {
        assertEquals(String.join("\n",
                "| variable | type | default | required | secret | description |",
                "|---|---|---|---|---|---|",
                "| `APP_PORT` | integer | `8080` | no | no | Port the HTTP server listens on. |",
                "| `APP_DB_URL` | URI |  | yes | no |  |",
                "| `APP_DB_PASSWORD` | string |  | yes | yes |  |",
                "| `APP_DB_POOL_SIZE` | integer | `10` | no | no |  |",
                "| `APP_SHUTDOWN_TIMEOUT` | duration | `30s` | no | no |  |",
                "| `APP_LOG_LEVEL` | debug \\| info \\| warn \\| error | `info` | no | no |  |",
                "| `APP_ALLOWED_ORIGINS` | list of string |  | no | no |  |",
                "| `REGION` | string |  | no | no |  |",
                ""), Env.describe(AppConfig.class).toMarkdown());
    }

    @Test
    void theValidationExampleReportsThePoolSize() {
        ConfigException e = assertThrows(ConfigException.class, () -> Env.of(Map.of("APP_DB_URL", "postgres://h/db",
                "APP_DB_PASSWORD", "pw", "APP_DB_POOL_SIZE", "0")).bind(AppConfig.class));
        assertEquals("APP_DB_* (validation by Db): pool size must be at least 1", EnvTest.only(e).toString());
    }
}
