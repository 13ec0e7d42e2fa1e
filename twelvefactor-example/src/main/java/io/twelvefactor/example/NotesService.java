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
import java.util.List;
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
 * java -jar twelvefactor-example.jar worker  run the word-count jobs from AMQP_URL's queue
 * java -jar twelvefactor-example.jar migrate bring the schema up to date and declare the job queue, then exit
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
    /** Exit code of a worker that lost its broker mid-run ({@code EX_TEMPFAIL}: the platform restarts it). */
    static final int EXIT_BROKER_LOST = Worker.EXIT_BROKER_LOST;

    static final String USAGE = String.join("\n",
            "usage: java -jar twelvefactor-example.jar [command]",
            "  run       serve the notes API on PORT (the default); creates the schema of an empty embedded database",
            "  worker    do the word-count jobs from AMQP_URL's queue (needs a database shared with run)",
            "  migrate   apply the schema steps the database lacks and declare the job queue, then exit:",
            "            run it before 'run' and 'worker' on a server database",
            "  env       list the environment variables the service and the twelvefactor library read",
            "  help      print this (also --help, -h)",
            "exit codes: 0 clean shutdown, 2 invalid environment (worker: no AMQP_URL, or an embedded database),",
            "  64 unknown command, 69 database schema behind (run migrate) or broker unreachable at start,",
            "  75 PORT in use or (worker) broker lost, 70/124/130 from twelvefactor-lifecycle (see the README)",
            "");

    private static final Logger log = LoggerFactory.getLogger(NotesService.class);

    private NotesService() {
    }

    /**
     * Runs a command: {@code run} (the default), {@code worker}, {@code migrate}, {@code env} or {@code help}.
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
            case "run", "migrate", "worker" -> {
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
                migrate(new Schema(pool));
            }
            declareQueue(config);
            return;
        }
        if (command.equals("worker")) {
            worker(config);
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
        prepareSchema(config, new Schema(pool), pool);

        Shutdown shutdown = config.shutdown().install();
        shutdown.register("database pool", pool::close);
        HealthChecks.register(shutdown, pool);
        NoteStore store;
        if (config.amqpUrl().isPresent()) {
            OutboxRelay relay = new OutboxRelay(new Outbox(pool), new Broker(config.amqpUrl().get(), config.jobQueue()));
            store = new NoteStore(pool, Faults.from(System.getenv()), relay::wake);
            relay.start();
            HealthChecks.registerRelay(shutdown, relay);
            shutdown.register(Phase.WORKERS, "outbox relay", () -> relay.stop(shutdown.remaining()));
        } else {
            store = new NoteStore(pool, Faults.from(System.getenv()), () -> { });
            log.atWarn().setMessage("AMQP_URL is unset: word-count jobs wait in the outbox ({} now) until a process"
                    + " with AMQP_URL relays them").addArgument(new Outbox(pool).pending()).log();
        }

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

    /**
     * The worker process type: needs {@code AMQP_URL} and a database the web processes share,
     * waits a bounded time for the broker, then consumes until SIGTERM.
     */
    private static void worker(ServiceConfig config) throws Exception {
        if (config.amqpUrl().isEmpty()) {
            fail(EXIT_CONFIG, "worker needs AMQP_URL, the RabbitMQ broker its jobs come from (for example"
                    + " amqp://user:password@rabbitmq:5672/notes); it is unset");
        }
        if (!isShared(config.databaseUrl())) {
            fail(EXIT_CONFIG, "worker needs a database it shares with the web processes, but DATABASE_URL="
                    + config.databaseUrl() + " is an embedded H2 database only one process can open: set"
                    + " DATABASE_URL=postgres://... (or, for local work, h2:file:PATH?AUTO_SERVER=TRUE in every process)");
        }
        HikariDataSource pool = pool(config, Math.min(config.databasePoolSize(), 4));
        Schema schema = new Schema(pool);
        if (schema.version() < Schema.LATEST) {
            pool.close();
            fail(EXIT_UNAVAILABLE, "the database schema is at version " + schema.version() + " but this release needs"
                    + " version " + Schema.LATEST + ": run 'java -jar twelvefactor-example.jar migrate' with the same"
                    + " DATABASE_URL first");
        }
        // no HTTP API here: the probe server answers /livez and /readyz on PORT
        Shutdown shutdown = config.shutdown().healthPort(config.port()).install();
        shutdown.register("database pool", pool::close);
        Broker broker = new Broker(config.amqpUrl().get(), config.jobQueue());
        com.rabbitmq.client.Connection connection;
        try {
            connection = broker.connect("notes worker", config.amqpConnectTimeout());
        } catch (Broker.UnreachableException e) {
            fail(EXIT_UNAVAILABLE, e.getMessage() + "; exiting");
            return;
        }
        HealthChecks.register(shutdown, pool);
        try {
            Worker worker = Worker.start(connection, broker.queue(), config.workerPrefetch(), shutdown,
                    new NoteStore(pool, Faults.from(System.getenv()), () -> { }), Faults.from(System.getenv()));
            HealthChecks.registerConsumer(shutdown, worker);
        } catch (IOException e) {
            fail(EXIT_UNAVAILABLE, "cannot consume the queue '" + broker.queue() + "' (" + Broker.reason(e)
                    + "): run 'java -jar twelvefactor-example.jar migrate' with the same AMQP_URL to declare it");
        }
        shutdown.started();
        log.atInfo().setMessage("worker ready: consuming {} with prefetch {}; probes on port {}")
                .addArgument(broker.queue()).addArgument(config.workerPrefetch())
                .addArgument(shutdown.healthPort().orElse(-1))
                .addKeyValue("messaging.destination.name", broker.queue())
                .addKeyValue("url.port", shutdown.healthPort().orElse(-1)).log();
        shutdown.await();
    }

    /** Whether other processes can open the database too: a server, or H2 with AUTO_SERVER. */
    static boolean isShared(BackingService db) {
        if (!db.hosts().isEmpty()) {
            return true;
        }
        String autoServer = db.query().get("AUTO_SERVER");
        return db.scheme().startsWith("h2") && db.toJdbcUrl().startsWith("jdbc:h2:file:")
                && autoServer != null && autoServer.equalsIgnoreCase("TRUE");
    }

    /** {@code migrate} with AMQP_URL also declares the durable job queue. */
    private static void declareQueue(ServiceConfig config) throws Exception {
        if (config.amqpUrl().isEmpty()) {
            log.info("AMQP_URL is unset: the job queue is declared by the first migrate that has it");
            return;
        }
        Broker broker = new Broker(config.amqpUrl().get(), config.jobQueue());
        try (com.rabbitmq.client.Connection c = broker.connect("notes migrate", config.amqpConnectTimeout())) {
            broker.declareQueue(c);
        } catch (Broker.UnreachableException e) {
            fail(EXIT_UNAVAILABLE, e.getMessage() + "; the queue is not declared");
        }
        log.atInfo().setMessage("declared the durable queue {}").addArgument(broker.queue())
                .addKeyValue("messaging.destination.name", broker.queue()).log();
    }

    /** Ends the process with a clear line on stderr and in the log. */
    private static void fail(int status, String message) {
        log.error(message);
        System.err.println(message);
        System.exit(status);
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
    private static void prepareSchema(ServiceConfig config, Schema schema, HikariDataSource pool) throws SQLException {
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
        log.atError().setMessage("the database schema is at version {} but this release needs version {}: run"
                + " 'java -jar twelvefactor-example.jar migrate' with the same DATABASE_URL first; exiting with code {}")
                .addArgument(version).addArgument(Schema.LATEST).addArgument(EXIT_UNAVAILABLE)
                .addKeyValue("db.schema.version", version).log();
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
