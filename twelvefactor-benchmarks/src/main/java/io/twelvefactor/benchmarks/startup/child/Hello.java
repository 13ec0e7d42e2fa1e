package io.twelvefactor.benchmarks.startup.child;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.twelvefactor.config.Default;
import io.twelvefactor.config.Env;
import io.twelvefactor.lifecycle.Phase;
import io.twelvefactor.lifecycle.Shutdown;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.LoggerFactory;

/**
 * The hello server the startup benchmark launches: a JDK {@code HttpServer} answering "hello",
 * plain or with some of the library's modules, as a new user would add them. Prints
 * {@code READY} on stdout once the server listens (and, with the library, once it is ready).
 * Only the jars of the modules a variant uses are on its class path, so the class names below
 * are resolved only on the branches that run.
 */
public final class Hello {

    private Hello() {
    }

    /**
     * The settings a small service binds: four fields, as in the measurement.
     *
     * @param port            the port; 0 picks a free one
     * @param greeting        what the server answers
     * @param shutdownTimeout the budget handed to lifecycle
     * @param shutdownDelay   the delay handed to lifecycle
     */
    public record Settings(@Default("0") int port, @Default("hello") String greeting,
                           @Default("25s") Duration shutdownTimeout, @Default("0s") Duration shutdownDelay) {
    }

    /**
     * Starts the server.
     *
     * @param args one of {@code plain}, {@code config}, {@code logging}, {@code lifecycle}, {@code all}
     * @throws IOException if the server cannot listen
     * @throws InterruptedException if interrupted while waiting for shutdown
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        String variant = args[0];
        boolean config = variant.equals("config") || variant.equals("all");
        boolean logging = variant.equals("logging") || variant.equals("all");
        boolean lifecycle = variant.equals("lifecycle") || variant.equals("all");
        int port = 0;
        String greeting = "hello";
        Settings settings = null;
        if (config) {
            settings = WithConfig.bind();
            port = settings.port();
            greeting = settings.greeting();
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/", new Greeter(greeting));
        server.start();
        if (logging) {
            WithLogging.log(server.getAddress().getPort());
        }
        if (lifecycle) {
            WithLifecycle.start(server, settings);
        }
        System.out.println("READY " + server.getAddress().getPort());
        System.out.flush();
    }

    // One class per module, so that a variant without a module's jar never resolves its names.

    private static final class WithConfig {
        static Settings bind() {
            return Env.bind(Settings.class);
        }
    }

    private static final class WithLogging {
        static void log(int port) {
            LoggerFactory.getLogger(Hello.class).info("listening on port {}", port);
        }
    }

    private static final class WithLifecycle {
        static void start(HttpServer server, Settings settings) {
            Shutdown shutdown = settings == null ? Shutdown.install()
                    : Shutdown.builder().timeout(settings.shutdownTimeout()).delay(settings.shutdownDelay()).install();
            shutdown.register(Phase.SERVERS, "http", () -> server.stop(0));
            shutdown.started();
        }
    }

    /** Answers every request with the greeting. */
    private static final class Greeter implements HttpHandler {
        private final byte[] body;

        Greeter(String greeting) {
            this.body = (greeting + "\n").getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public void handle(HttpExchange exchange) throws IOException {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
