package io.twelvefactor.lifecycle;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The optional probe server on {@code HEALTH_PORT}: {@code /livez} answers 200 while the
 * process runs (also while it drains: restarting a draining pod helps no one), {@code /readyz}
 * answers 200 once started and until shutdown begins, 503 otherwise.
 */
final class ProbeServer {

    private final HttpServer server;

    ProbeServer(int port, Coordinator shutdown) {
        try {
            server = HttpServer.create(new InetSocketAddress(port), 0);
        } catch (IOException e) {
            throw new LifecycleException(List.of(Settings.HEALTH_PORT + "=\"" + port + "\": cannot listen on it ("
                    + e.getMessage() + "); choose a free port, or leave it unset for no probe server"));
        }
        server.createContext("/livez", exchange -> answer(exchange, 200, "live\n"));
        server.createContext("/readyz", exchange -> {
            if (shutdown.isReady()) {
                answer(exchange, 200, "ready\n");
            } else {
                answer(exchange, 503, shutdown.shuttingDown ? "shutting down\n" : "starting\n");
            }
        });
        server.start();
        Coordinator.LOG.log(System.Logger.Level.INFO, "probe server listening on port " + port()
                + " (" + Settings.HEALTH_PORT + "): /livez, /readyz");
    }

    int port() {
        return server.getAddress().getPort();
    }

    void stop() {
        server.stop(0);
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
