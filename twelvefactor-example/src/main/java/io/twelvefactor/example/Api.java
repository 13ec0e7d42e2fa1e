package io.twelvefactor.example;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.twelvefactor.config.Secret;
import io.twelvefactor.lifecycle.Health;
import io.twelvefactor.lifecycle.Shutdown;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API: {@code POST /notes}, {@code GET /notes}, {@code GET /notes/{id}}, and the probes
 * {@code GET /livez}, {@code GET /readyz} (the lifecycle's {@link Shutdown#health()}: JSON with
 * every health check) and {@code GET /startupz}. A note's {@code wordCount} is {@code null} until
 * the word-count job ran.
 * Every request is counted in flight for the shutdown drain and logged as one event with its
 * method, path, status and duration as key-values.
 */
final class Api implements HttpHandler {
    static final int MAX_NOTE_CHARS = 1000;
    static final int MAX_BODY_BYTES = 16 * 1024;
    private static final int LIST_LIMIT = 100;
    /** How long a request refused while draining waits for its 503 (see {@link #holdRefusal()}). */
    static final long REFUSAL_PAUSE_MILLIS = 100;
    private final Logger log;
    private final NoteStore store;
    private final Shutdown shutdown;
    private final byte[] token;
    private final ObjectMapper json = new ObjectMapper();

    Api(NoteStore store, Shutdown shutdown, Secret<String> apiToken) {
        this(store, shutdown, apiToken, LoggerFactory.getLogger(Api.class));
    }

    /** With the logger the tests read. */
    Api(NoteStore store, Shutdown shutdown, Secret<String> apiToken, Logger log) {
        this.log = log;
        this.store = store;
        this.shutdown = shutdown;
        this.token = apiToken.value().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    @SuppressWarnings("try") // the guard is only closed, never read
    public void handle(HttpExchange exchange) {
        long start = System.nanoTime();
        int status = 500;
        String path = exchange.getRequestURI().getPath();
        boolean probe = path.equals("/livez") || path.equals("/readyz") || path.equals("/startupz");
        // probes are answered while draining too: /livez stays 200, /readyz says 503
        Optional<Shutdown.InFlight> admitted = probe ? Optional.empty() : shutdown.tryEnter();
        try (exchange) {
            if (probe) {
                status = route(exchange);
            } else if (admitted.isEmpty()) {
                // draining: refuse at the door so the drain converges; clients retry elsewhere
                exchange.getResponseHeaders().set("Connection", "close");
                holdRefusal();
                status = error(exchange, 503, "shutting down: retry on another instance");
            } else {
                try (Shutdown.InFlight request = admitted.get()) {
                    status = route(exchange);
                }
            }
        } catch (IOException e) {
            if (exchange.getResponseCode() > 0) {
                // the answer was on its way when the client closed its connection, as a load
                // balancer's health check does (with a reset) once it has read the status line:
                // nothing failed on this side, so no error and the status that was sent
                status = exchange.getResponseCode();
                log.debug("client closed the connection before the whole response was written: {}",
                        e.toString());
            } else {
                log.error("request failed", e);
            }
        } catch (RuntimeException e) {
            log.error("request failed", e);
        } finally {
            log.atInfo()
                    .setMessage("{} {} {}")
                    .addArgument(exchange.getRequestMethod())
                    .addArgument(exchange.getRequestURI().getPath())
                    .addArgument(status)
                    .addKeyValue("http.request.method", exchange.getRequestMethod())
                    .addKeyValue("url.path", exchange.getRequestURI().getPath())
                    .addKeyValue("http.response.status_code", status)
                    .addKeyValue("event.duration", System.nanoTime() - start)
                    .log();
        }
    }

    /**
     * Holds a refusal for {@link #REFUSAL_PAUSE_MILLIS} before it is sent. A client that is
     * refused at once reconnects at once, and its new connection waits in the listen backlog,
     * where closing the listener resets it: a request sent and never answered. Held, the
     * refusal is still in progress when the server stops (it stops accepting, closes its
     * listener, then lets the exchanges in progress finish), so the client gets its 503 and
     * its next connection meets a closed port: refused, nothing sent, retried elsewhere.
     */
    private static void holdRefusal() {
        try {
            Thread.sleep(REFUSAL_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();   // the executor is stopping: answer now
        }
    }

    private int route(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String method = ex.getRequestMethod();
        switch (path) {
            case "/livez":
                return text(ex, 200, "ok");
            case "/readyz":
                Health health = shutdown.health();
                return json(ex, health.httpStatus(), health.toJson());
            case "/startupz":
                return shutdown.isStarted() ? text(ex, 200, "started") : text(ex, 503, "starting");
            case "/notes":
                if (method.equals("GET")) {
                    return listNotes(ex);
                }
                if (method.equals("POST")) {
                    return addNote(ex);
                }
                ex.getResponseHeaders().set("Allow", "GET, POST");
                return error(ex, 405, "use GET or POST on /notes");
            default:
                if (path.startsWith("/notes/")) {
                    if (!method.equals("GET")) {
                        ex.getResponseHeaders().set("Allow", "GET");
                        return error(ex, 405, "use GET on /notes/{id}");
                    }
                    return getNote(ex, path.substring("/notes/".length()));
                }
                return error(ex, 404, "no such resource: " + path);
        }
    }

    private int getNote(HttpExchange ex, String rawId) throws IOException {
        long id;
        try {
            id = Long.parseLong(rawId);
        } catch (NumberFormatException e) {
            return error(ex, 404, "no such note: '" + (rawId.length() > 20 ? rawId.substring(0, 20) + "..." : rawId)
                    + "' is not a note id");
        }
        Optional<NoteStore.Note> note;
        try {
            note = store.find(id);
        } catch (SQLException e) {
            log.error("reading a note failed", e);
            return error(ex, 503, "the database is unavailable");
        }
        if (note.isEmpty()) {
            return error(ex, 404, "no such note: " + id);
        }
        return send(ex, 200, toJson(json.createObjectNode(), note.get()));
    }

    private static ObjectNode toJson(ObjectNode node, NoteStore.Note n) {
        node.put("id", n.id()).put("text", n.text()).put("createdAt", n.createdAt().toString());
        if (n.wordCount().isPresent()) {
            node.put("wordCount", n.wordCount().getAsInt());
        } else {
            node.putNull("wordCount");
        }
        return node;
    }

    private int listNotes(HttpExchange ex) throws IOException {
        ArrayNode notes = json.createArrayNode();
        try {
            for (NoteStore.Note n : store.list(LIST_LIMIT)) {
                toJson(notes.addObject(), n);
            }
        } catch (SQLException e) {
            log.error("listing notes failed", e);
            return error(ex, 503, "the database is unavailable");
        }
        return send(ex, 200, notes);
    }

    private int addNote(HttpExchange ex) throws IOException {
        if (!authorized(ex)) {
            ex.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            return error(ex, 401, "send the API token as 'Authorization: Bearer <API_TOKEN>'");
        }
        byte[] body = readBody(ex.getRequestBody());
        if (body == null) {
            return error(ex, 413, "the body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        String text;
        try {
            JsonNode node = json.readTree(body);
            JsonNode t = node == null ? null : node.get("text");
            if (t == null || !t.isTextual() || t.asText().isBlank()) {
                return error(ex, 400, "expected a JSON object with a non-blank string \"text\"");
            }
            text = t.asText();
        } catch (JsonProcessingException e) {
            return error(ex, 400, "the body is not valid JSON: " + e.getOriginalMessage());
        }
        if (text.length() > MAX_NOTE_CHARS) {
            return error(ex, 400, "\"text\" is longer than " + MAX_NOTE_CHARS + " characters");
        }
        NoteStore.Note note;
        try {
            note = store.add(text);
        } catch (SQLException e) {
            log.error("storing a note failed", e);
            return error(ex, 503, "the database is unavailable");
        }
        ex.getResponseHeaders().set("Location", "/notes/" + note.id());
        return send(ex, 201, toJson(json.createObjectNode(), note));
    }

    private boolean authorized(HttpExchange ex) {
        String header = ex.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        byte[] given = header.substring("Bearer ".length()).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token);   // constant time
    }

    /** The body, or null when it is larger than {@link #MAX_BODY_BYTES}. */
    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        return body.length > MAX_BODY_BYTES ? null : body;
    }

    private int error(HttpExchange ex, int status, String message) throws IOException {
        log.atWarn().setMessage("rejected request: {}").addArgument(message)
                .addKeyValue("http.response.status_code", status).log();
        ObjectNode body = json.createObjectNode().put("error", message).put("status", status);
        return send(ex, status, body);
    }

    private int send(HttpExchange ex, int status, JsonNode body) throws IOException {
        return respond(ex, status, "application/json", json.writeValueAsBytes(body));
    }

    private static int json(HttpExchange ex, int status, String json) throws IOException {
        return respond(ex, status, "application/json", (json + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static int text(HttpExchange ex, int status, String text) throws IOException {
        return respond(ex, status, "text/plain; charset=utf-8", (text + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static int respond(HttpExchange ex, int status, String contentType, byte[] bytes) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
        return status;
    }
}
