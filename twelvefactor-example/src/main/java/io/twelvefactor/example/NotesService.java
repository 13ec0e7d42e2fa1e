package io.twelvefactor.example;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.twelvefactor.backing.BackingService;
import io.twelvefactor.config.ConfigException;
import io.twelvefactor.config.Env;
import io.twelvefactor.lifecycle.Phase;
import io.twelvefactor.lifecycle.Shutdown;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.sql.SQLException;
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
 * java -jar twelvefactor-example.jar help    print the commands and exit codes
 * </pre>
 */
public final class NotesService {
    /** Exit code when the environment is wrong: the operator must fix a variable. */
    static final int EXIT_CONFIG = 2;
    /** Exit code when the database cannot be used at startup. */
    static final int EXIT_UNAVAILABLE = 69;
    /** Exit code for an unknown command. */
    static final int EXIT_USAGE = 64;
    /** Exit code when {@code PORT} is taken by another process ({@code EX_TEMPFAIL}: retry, or change it). */
    static final int EXIT_PORT_IN_USE = 75;

    static final String USAGE = String.join("\n",
            "usage: java -jar twelvefactor-example.jar [command]",
            "  run       serve the notes API on PORT (the default); creates the schema of an empty embedded database",
            "  migrate   create the schema, then exit: run it before 'run' on a server database",
            "  env       list the environment variables the service and the twelvefactor library read",
            "  help      print this (also --help, -h)",
            "exit codes: 0 clean shutdown, 2 invalid environment, 64 unknown command, 69 database without",
            "  schema (run migrate), 75 PORT in use, 70/124/130 from twelvefactor-lifecycle (see the README)",
            "");

    private static final Logger log = LoggerFactory.getLogger(NotesService.class);

    private NotesService() {
    }

    /**
     * Runs a command: {@code run} (the default), {@code migrate}, {@code env} or {@code help}.
     *
     * @param args the command
     * @throws Exception when the service fails to start
     */
    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "run" : args[0];
        switch (command) {
            case "help", "--help", "-h" -> {
                System.out.print(USAGE);
                return;
            }
            case "env" -> {
                System.out.print(EnvCommand.describe());
                return;
            }
            case "run", "migrate" -> {
            }
            default -> {
                System.err.print("unknown command '" + command + "'\n" + USAGE);
                System.exit(EXIT_USAGE);
            }
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
        logEmbeddedDatabaseFile(config);
        if (command.equals("migrate")) {
            try (HikariDataSource pool = pool(config, 1)) {
                if (new NoteStore(pool).migrate()) {
                    log.info("created table notes: the database had no schema");
                } else {
                    log.info("schema is up to date: table notes exists, nothing to do");
                }
            }
            return;
        }
        run(config);
    }

    /**
     * Binds the port and prepares the database before installing the shutdown coordinator, so
     * that a failure there exits with its own code and one log line, with no hooks to run.
     */
    private static void run(ServiceConfig config) throws Exception {
        HttpServer server = bind(config.port());
        HikariDataSource pool = pool(config, config.databasePoolSize());
        NoteStore store = new NoteStore(pool);
        prepareSchema(config, store, pool);

        Shutdown shutdown = config.shutdown().install();
        shutdown.register("database pool", pool::close);
        HealthChecks.register(shutdown, pool);

        ExecutorService workers = Executors.newFixedThreadPool(32);
        server.setExecutor(workers);
        server.createContext("/", new Api(store, shutdown, config.apiToken()));
        server.start();
        // After the drain every request is answered 503 with Connection: close, each held for a
        // moment (Api.holdRefusal). stop(1), not stop(0): the JDK server stops accepting, closes
        // its listener, then lets the exchanges in progress (those held 503s) finish, up to 1 s,
        // instead of resetting them; the clients' next connections are refused, cleanly.
        shutdown.register(Phase.SERVERS, "http server", () -> server.stop(1));
        shutdown.register(Phase.WORKERS, "request workers", () -> {
            workers.shutdown();
            workers.awaitTermination(5, TimeUnit.SECONDS);
        });

        shutdown.started();
        log.atInfo().setMessage("ready on port {}").addArgument(server.getAddress().getPort())
                .addKeyValue("url.port", server.getAddress().getPort()).log();
        shutdown.await();
    }

    /** Listens on {@code port}, or exits with {@link #EXIT_PORT_IN_USE} and says what to do. */
    private static HttpServer bind(int port) throws IOException {
        try {
            return HttpServer.create(new InetSocketAddress(port), 256);
        } catch (BindException e) {
            log.atError().setMessage("PORT={} is already in use by another process: stop it, or set PORT to a free"
                            + " port (PORT=0 picks one); exiting with code {}")
                    .addArgument(port).addArgument(EXIT_PORT_IN_USE)
                    .addKeyValue("url.port", port).addKeyValue("error.message", e.getMessage()).log();
            System.exit(EXIT_PORT_IN_USE);
            throw new AssertionError("unreachable");
        }
    }

    /** Says where an embedded H2 file database is: a relative path depends on the working directory. */
    private static void logEmbeddedDatabaseFile(ServiceConfig config) {
        BackingService db = config.databaseUrl();
        if (db.toJdbcUrl().startsWith("jdbc:h2:file:")) {
            String path = db.database().orElseThrow();
            Path file = Path.of(path.startsWith("~/") ? System.getProperty("user.home") + path.substring(1) : path)
                    .toAbsolutePath().normalize();
            log.atInfo().setMessage("embedded H2 database in {}.mv.db (DATABASE_URL={}; a relative path is"
                            + " resolved from the working directory)")
                    .addArgument(file).addArgument(db).log();
        }
    }

    /** {@code run} creates the schema itself only on an empty embedded database. */
    private static void prepareSchema(ServiceConfig config, NoteStore store, HikariDataSource pool)
            throws SQLException {
        if (store.isMigrated()) {
            return;
        }
        if (config.databaseUrl().hosts().isEmpty()) {
            store.migrate();
            log.info("empty embedded database: created table notes");
            return;
        }
        log.atError().setMessage("the database has no notes table: run 'java -jar twelvefactor-example.jar migrate'"
                + " with the same DATABASE_URL first; exiting with code {}").addArgument(EXIT_UNAVAILABLE).log();
        pool.close();
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
