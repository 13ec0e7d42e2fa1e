package io.twelvefactor.example;

import io.twelvefactor.config.ConfigDescription;
import io.twelvefactor.config.Env;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code env} command: every environment variable this process reads, the service's own
 * (from {@code Env.describe}) and then the twelvefactor library's, in Markdown.
 */
final class EnvCommand {

    /** What the library reads (the README's table), as {@code name, default, meaning}. */
    private static final List<String[]> LIBRARY = List.of(
            new String[] {"LOG_LEVEL", "info", "trace, debug, info, warn, error or off: level of every logger"},
            new String[] {"LOG_LEVEL_<PREFIX>", "", "level of the loggers under a prefix: LOG_LEVEL_COM_ZAXXER_HIKARI=debug"},
            new String[] {"LOG_LEVELS", "", "the same as a list: com.zaxxer.hikari=debug,org.h2=warn"},
            new String[] {"LOG_FORMAT", "json", "json (Elastic Common Schema), gcp (Google Cloud Logging) or text"},
            new String[] {"LOG_MAX_LINE_BYTES", "16000", "longest log line written; longer events are cut"},
            new String[] {"LOG_JUL_BRIDGE", "true", "route java.util.logging to the same JSON stream"},
            new String[] {"GOOGLE_CLOUD_PROJECT", "", "with LOG_FORMAT=gcp, the project of trace names"},
            new String[] {"SHUTDOWN_TIMEOUT", "25s", "budget from SIGTERM to exit"},
            new String[] {"SHUTDOWN_DELAY", "0s", "how long to keep serving after SIGTERM"},
            new String[] {"HEALTH_PORT", "",
                "not read by this service, which answers /livez, /readyz and /startupz on PORT itself"});

    private EnvCommand() {
    }

    static String describe() {
        ConfigDescription service = Env.describe(ServiceConfig.class);
        StringBuilder b = new StringBuilder("## The service's variables (ServiceConfig)\n\n")
                .append(service.toMarkdown());
        Set<String> own = new HashSet<>();
        for (ConfigDescription.Variable v : service.variables()) {
            own.add(v.name());
            if (v.secret() && v.hasDefault()) {
                b.append("\n`").append(v.name()).append("` has a development default, not shown here;"
                        + " set your own in production.\n");
            }
        }
        b.append("\n## Read by the twelvefactor library (twelvefactor-logging, twelvefactor-lifecycle)\n\n")
                .append("| variable | default | meaning |\n|---|---|---|\n");
        for (String[] row : LIBRARY) {
            if (!own.contains(row[0])) {   // bound by ServiceConfig above and handed to the library
                b.append("| `").append(row[0]).append("` | ")
                        .append(row[1].isEmpty() ? "" : "`" + row[1] + "`")
                        .append(" | ").append(row[2]).append(" |\n");
            }
        }
        return b.toString();
    }
}
