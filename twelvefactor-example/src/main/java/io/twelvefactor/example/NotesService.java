package io.twelvefactor.example;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.twelvefactor.config.ConfigException;
import io.twelvefactor.config.Env;
import io.twelvefactor.lifecycle.Phase;
import io.twelvefactor.lifecycle.Shutdown;
import java.net.InetSocketAddress;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small notes API that is a twelve-factor app: configured by the environment, logging JSON to
 * stdout, attached to its database by URL, and stopping without dropping a request on SIGTERM.
 *
 * <pre>
 * java -jar twelvefactor-example.jar [run]   serve the API (migrates an empty embedded database)
 * java -jar twelvefactor-example.jar migrate create the schema, then exit (an admin process)
 * java -jar twelvefactor-example.jar env     print the environment variables it reads
 * </pre>
 */
public final class NotesService {
    /** Exit code when the environment is wrong: the operator must fix a variable. */
    static final int EXIT_CONFIG = 2;
    /** Exit code when the database cannot be used at startup. */
    static final int EXIT_UNAVAILABLE = 69;
    /** Exit code for an unknown command. */
    static final int EXIT_USAGE = 64;

    private static final Logger log = LoggerFactory.getLogger(NotesService.class);

    private NotesService() {
    }

    /**
     * Runs a command: {@code run} (the default), {@code migrate} or {@code env}.
     *
     * @param args the command
     * @throws Exception when the service fails to start
     */
    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "run" : args[0];
        if (command.equals("env")) {
            System.out.print(Env.describe(ServiceConfig.class).toMarkdown());
            return;
        }
        if (!command.equals("run") && !command.equals("migrate")) {
            System.err.println("unknown command '" + command + "': use run, migrate or env");
            System.exit(EXIT_USAGE);
        }
        ServiceConfig config;
        try {
            config = Env.bind(ServiceConfig.class);
        } catch (ConfigException e) {
            log.error("the environment is not a valid configuration: {}", e.getMessage());
            System.err.println(e.getMessage());
            System.exit(EXIT_CONFIG);
            return;
        }
        log.atInfo().setMessage("starting {}").addArgument(command)
                .addKeyValue("config", config.toString()).log();
        if (command.equals("migrate")) {
            try (HikariDataSource pool = pool(config, 1)) {
                migrate(new Schema(pool));
            }
            return;
        }
        run(config);
    }

    private static void run(ServiceConfig config) throws Exception {
        Shutdown shutdown = Shutdown.builder()
                .env(Map.of("SHUTDOWN_TIMEOUT", config.shutdownTimeout().toMillis() + "ms",
                        "SHUTDOWN_DELAY", config.shutdownDelay().toMillis() + "ms"))
                .install();

        HikariDataSource pool = pool(config, config.databasePoolSize());
        shutdown.register("database pool", pool::close);
        NoteStore store = new NoteStore(pool);
        prepareSchema(config, new Schema(pool));

        ExecutorService workers = Executors.newFixedThreadPool(32);
        HttpServer server = HttpServer.create(new InetSocketAddress(config.port()), 256);
        server.setExecutor(workers);
        server.createContext("/", new Api(store, shutdown, config.apiToken()));
        server.start();
        shutdown.register(Phase.SERVERS, "http server", () -> server.stop(0));
        shutdown.register(Phase.WORKERS, "request workers", () -> {
            workers.shutdown();
            workers.awaitTermination(5, TimeUnit.SECONDS);
        });

        shutdown.started();
        log.atInfo().setMessage("ready on port {}").addArgument(server.getAddress().getPort())
                .addKeyValue("url.port", server.getAddress().getPort()).log();
        shutdown.await();
    }

    /** Applies the missing migration steps and says which. */
    private static void migrate(Schema schema) throws SQLException {
        int before = schema.version();
        List<Schema.Step> applied = schema.migrate();
        for (Schema.Step step : applied) {
            log.atInfo().setMessage("applied schema version {}: {}").addArgument(step.version())
                    .addArgument(step.description()).addKeyValue("db.schema.version", step.version()).log();
        }
        if (applied.isEmpty()) {
            log.atInfo().setMessage("schema is up to date at version {}: nothing to apply").addArgument(before)
                    .addKeyValue("db.schema.version", before).log();
        } else {
            log.atInfo().setMessage("schema migrated from version {} to {}").addArgument(before)
                    .addArgument(Schema.LATEST).addKeyValue("db.schema.version", Schema.LATEST).log();
        }
    }

    /**
     * {@code run} migrates an empty embedded database itself; any other database must be at
     * the version this release needs, or it refuses to start with the fix.
     */
    private static void prepareSchema(ServiceConfig config, Schema schema) throws SQLException {
        int version = schema.version();
        if (version >= Schema.LATEST) {
            if (version > Schema.LATEST) {
                log.warn("the database schema is at version {}, newer than this release knows ({}):"
                        + " carrying on, as every step only adds", version, Schema.LATEST);
            }
            return;
        }
        if (config.databaseUrl().hosts().isEmpty() && schema.isEmpty()) {
            log.info("empty embedded database: creating the schema");
            migrate(schema);
            return;
        }
        log.error("the database schema is at version {} but this release needs version {}: run"
                + " 'java -jar twelvefactor-example.jar migrate' with the same DATABASE_URL first", version,
                Schema.LATEST);
        System.exit(EXIT_UNAVAILABLE);
    }

    private static HikariDataSource pool(ServiceConfig config, int size) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("notes");
        hikari.setJdbcUrl(config.databaseUrl().toJdbcUrl());
        hikari.setDataSourceProperties(config.databaseUrl().jdbcProperties());
        hikari.setMaximumPoolSize(size);
        hikari.setInitializationFailTimeout(10_000);
        return new HikariDataSource(hikari);
    }
}
