package io.twelvefactor.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import io.twelvefactor.config.Secret;
import io.twelvefactor.lifecycle.Shutdown;
import io.twelvefactor.logging.StdoutServiceProvider;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/**
 * A client that closes its connection while the answer is being written (HAProxy's health
 * checks reset theirs once they read the status line) is not an error of the service.
 */
class ApiClientGoneTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aClientThatLeavesWhileTheAnswerIsWrittenIsNotAnErrorAndTheSentStatusIsLogged() throws Exception {
        List<JsonNode> events = handle(new Exchange("GET", "/readyz", true));
        assertFalse(events.stream().anyMatch(e -> e.get("log.level").asText().equals("ERROR")), events.toString());
        JsonNode access = events.get(events.size() - 1);
        assertEquals(200, access.get("http.response.status_code").asInt(), access.toString());
        assertTrue(events.stream().anyMatch(e -> e.get("log.level").asText().equals("DEBUG")
                && e.get("message").asText().startsWith("client closed the connection")), events.toString());
    }

    @Test
    void aFailureBeforeAnyAnswerIsStillAnError() throws Exception {
        Exchange broken = new Exchange("GET", "/readyz", false) {
            @Override
            public void sendResponseHeaders(int code, long length) throws IOException {
                throw new IOException("no route to the client");
            }
        };
        List<JsonNode> events = handle(broken);
        assertTrue(events.stream().anyMatch(e -> e.get("log.level").asText().equals("ERROR")
                && e.get("message").asText().equals("request failed")), events.toString());
        assertEquals(500, events.get(events.size() - 1).get("http.response.status_code").asInt());
    }

    private static List<JsonNode> handle(Exchange exchange) throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        new Schema(h2).migrate();
        Shutdown shutdown = Shutdown.builder().env(Map.of()).build();
        shutdown.started();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Logger log = StdoutServiceProvider.forStream(Map.of("LOG_LEVEL", "debug"), out)
                .getLoggerFactory().getLogger(Api.class.getName());
        new Api(new NoteStore(h2), shutdown, Secret.of(NotesServiceTest.TOKEN), log).handle(exchange);
        List<JsonNode> events = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                events.add(JSON.readTree(line));
            }
        }
        assertFalse(events.isEmpty(), "no event logged");
        return events;
    }

    /** An exchange whose client is gone once the status line is sent, when {@code gone}. */
    private static class Exchange extends HttpExchange {
        private final String method;
        private final URI uri;
        private final boolean gone;
        private final Headers requestHeaders = new Headers();
        private final Headers responseHeaders = new Headers();
        private int responseCode = -1;

        Exchange(String method, String path, boolean gone) {
            this.method = method;
            this.uri = URI.create(path);
            this.gone = gone;
        }

        @Override
        public Headers getRequestHeaders() {
            return requestHeaders;
        }

        @Override
        public Headers getResponseHeaders() {
            return responseHeaders;
        }

        @Override
        public URI getRequestURI() {
            return uri;
        }

        @Override
        public String getRequestMethod() {
            return method;
        }

        @Override
        public HttpContext getHttpContext() {
            return null;
        }

        @Override
        public void close() {
            // nothing to release
        }

        @Override
        public InputStream getRequestBody() {
            return new ByteArrayInputStream(new byte[0]);
        }

        @Override
        public OutputStream getResponseBody() {
            return new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    if (gone) {
                        throw new IOException("Connection reset by peer");
                    }
                }
            };
        }

        @Override
        public void sendResponseHeaders(int code, long length) throws IOException {
            responseCode = code;
        }

        @Override
        public InetSocketAddress getRemoteAddress() {
            return new InetSocketAddress("127.0.0.1", 40000);
        }

        @Override
        public int getResponseCode() {
            return responseCode;
        }

        @Override
        public InetSocketAddress getLocalAddress() {
            return new InetSocketAddress("127.0.0.1", 8080);
        }

        @Override
        public String getProtocol() {
            return "HTTP/1.1";
        }

        @Override
        public Object getAttribute(String name) {
            return null;
        }

        @Override
        public void setAttribute(String name, Object value) {
            // no attributes
        }

        @Override
        public void setStreams(InputStream i, OutputStream o) {
            // not used
        }

        @Override
        public HttpPrincipal getPrincipal() {
            return null;
        }
    }
}
