package io.twelvefactor.lifecycle;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The optional probe server on {@code HEALTH_PORT}, every answer one line of JSON:
 * <ul>
 * <li>{@code /livez}: 200 while the process runs, also while it drains and whatever its
 *     dependencies say (restarting a pod helps neither a draining process nor a lost database);
 * <li>{@code /readyz}: {@link Shutdown#health()}, 200 when ready, else 503 with the status,
 *     the reason and the checks;
 * <li>{@code /startupz}: 200 from {@link Shutdown#started()} on, 503 before, for a startup
 *     probe that holds the other two off during a slow start.
 * </ul>
 */
final class ProbeServer {

    /** At most this many probes are answered at once, on threads started when needed. */
    private static final int HANDLERS = 4;

    private final HttpServer server;
    private final ThreadPoolExecutor handlers;

    ProbeServer(int port, Coordinator shutdown) {
        try {
            server = HttpServer.create(new InetSocketAddress(port), 0);
        } catch (IOException e) {
            throw new LifecycleException(List.of(Settings.HEALTH_PORT + "=\"" + port + "\": cannot listen on it ("
                    + e.getMessage() + "); choose a free port, or leave it unset for no probe server"));
        }
        server.createContext("/livez", exchange -> answer(exchange, 200, "{\"status\":\"live\"}"));
        server.createContext("/readyz", exchange -> {
            Health health = shutdown.readiness().health();
            answer(exchange, health.httpStatus(), health.toJson());
        });
        server.createContext("/startupz", exchange -> {
            if (shutdown.started) {
                answer(exchange, 200, "{\"status\":\"started\"}");
            } else {
                answer(exchange, 503, "{\"status\":\"starting\"}");
            }
        });
        // not the dispatcher thread: /readyz may wait for a check, and /livez must not wait behind it
        handlers = new ThreadPoolExecutor(HANDLERS, HANDLERS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), new Handlers());
        handlers.allowCoreThreadTimeOut(true);
        server.setExecutor(handlers);
        server.start();
        Coordinator.LOG.log(System.Logger.Level.INFO, "probe server listening on port " + port()
                + " (" + Settings.HEALTH_PORT + "): /livez, /readyz, /startupz");
    }

    int port() {
        return server.getAddress().getPort();
    }

    void stop() {
        server.stop(0);
        handlers.shutdown();
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = (json + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Daemon threads named for a thread dump. */
    private static final class Handlers implements ThreadFactory {
        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "twelvefactor-probes");
            t.setDaemon(true);
            return t;
        }
    }
}
