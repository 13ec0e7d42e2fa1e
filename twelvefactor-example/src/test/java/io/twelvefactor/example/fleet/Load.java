package io.twelvefactor.example.fleet;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Closed-loop HTTP/1.1 clients over plain sockets, so that nothing between the load and the
 * server retries or hides a failure: each client keeps one connection alive, alternates
 * {@code GET /notes} and a token-authenticated {@code POST /notes}, and records every request's
 * start, latency and outcome (a status, or the socket error that ended it). A response with
 * {@code Connection: close} makes the client open a new connection for its next request.
 */
final class Load {
    /** How a request ended when no status came back. */
    enum Failure {
        /** The connection was refused: nothing was sent, the client knows the request did not happen. */
        REFUSED,
        /** The peer reset the connection after the request was sent. */
        RESET,
        /** The peer closed the connection before a complete response. */
        CLOSED,
        /** No response within the read timeout. */
        TIMEOUT,
        /** Any other I/O error. */
        OTHER;

        static Failure of(IOException e) {
            if (e instanceof ConnectException) {
                return REFUSED;
            }
            if (e instanceof SocketTimeoutException) {
                return TIMEOUT;
            }
            if (e instanceof EOFException) {
                return CLOSED;
            }
            String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            if (e instanceof SocketException && (m.contains("reset") || m.contains("broken pipe"))) {
                return RESET;
            }
            return OTHER;
        }
    }

    /** One request: when it started (System.nanoTime), how long it took, and its status or failure. */
    record Sample(long startNanos, long latencyNanos, boolean post, int status, Failure failure, long noteId) {}

    private final InetSocketAddress target;
    private final String token;
    private final int clients;
    private final int maxRequests;
    private final boolean postsOnly;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicInteger issued = new AtomicInteger();
    private final List<List<Sample>> samples = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final String runId;

    /**
     * @param postsOnly every request a POST (the direct-load measurement) instead of alternating
     */
    Load(InetSocketAddress target, String token, int clients, int maxRequests, boolean postsOnly, String runId) {
        this.target = target;
        this.token = token;
        this.clients = clients;
        this.maxRequests = maxRequests;
        this.postsOnly = postsOnly;
        this.runId = runId;
    }

    /** Starts the clients. */
    Load start() {
        for (int i = 0; i < clients; i++) {
            List<Sample> mine = new ArrayList<>();
            samples.add(mine);
            int client = i;
            Thread t = new Thread(() -> client(client, mine), "load-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        return this;
    }

    /** Requests issued so far. */
    int issued() {
        return issued.get();
    }

    /** Stops the clients after their current request and returns every sample. */
    List<Sample> stop() throws InterruptedException {
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        List<Sample> all = new ArrayList<>();
        for (List<Sample> s : samples) {
            all.addAll(s);
        }
        return all;
    }

    /** Whether the clients ran out of their request allowance. */
    boolean exhausted() {
        return issued.get() >= maxRequests;
    }

    private void client(int client, List<Sample> out) {
        Connection c = null;
        long n = 0;
        while (!stop.get() && issued.incrementAndGet() <= maxRequests) {
            boolean post = postsOnly || (n++ & 1) == 0;
            long start = System.nanoTime();
            try {
                if (c == null) {
                    c = new Connection(target);
                }
                Response r = post
                        ? c.exchange("POST", "/notes", "{\"text\":\"" + runId + " client " + client + " #" + n + "\"}", token)
                        : c.exchange("GET", "/notes", null, null);
                out.add(new Sample(start, System.nanoTime() - start, post, r.status, null, r.status == 201 ? noteId(r.body) : -1));
                if (r.close) {
                    c.close();
                    c = null;
                }
            } catch (IOException e) {
                out.add(new Sample(start, System.nanoTime() - start, post, 0, Failure.of(e), -1));
                if (c != null) {
                    c.close();
                }
                c = null;
            }
        }
        if (c != null) {
            c.close();
        }
    }

    /** The {@code "id"} of a created note's JSON, without a JSON library in the hot loop. */
    static long noteId(String body) {
        int i = body.indexOf("\"id\":");
        if (i < 0) {
            return -1;
        }
        int j = i + 5;
        long id = 0;
        while (j < body.length() && Character.isDigit(body.charAt(j))) {
            id = id * 10 + (body.charAt(j++) - '0');
        }
        return id;
    }

    private record Response(int status, boolean close, String body) {}

    /** One keep-alive connection speaking just enough HTTP/1.1 for the example's answers. */
    private static final class Connection {
        private final Socket socket = new Socket();
        private final InputStream in;
        private final OutputStream out;
        private final String host;

        Connection(InetSocketAddress target) throws IOException {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(20_000);
            socket.connect(target, 5_000);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
            host = target.getHostString() + ":" + target.getPort();
        }

        Response exchange(String method, String path, String body, String token) throws IOException {
            byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder(160).append(method).append(' ').append(path)
                    .append(" HTTP/1.1\r\nHost: ").append(host).append("\r\n");
            if (token != null) {
                head.append("Authorization: Bearer ").append(token).append("\r\n");
            }
            if (body != null) {
                head.append("Content-Type: application/json\r\nContent-Length: ").append(payload.length).append("\r\n");
            }
            head.append("\r\n");
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(payload);
            out.flush();

            String status = line();
            if (!status.startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP response: " + status);
            }
            int code = Integer.parseInt(status.substring(9, 12));
            int length = -1;
            boolean close = status.startsWith("HTTP/1.0");
            for (String h = line(); !h.isEmpty(); h = line()) {
                String lower = h.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(lower.substring(15).trim());
                } else if (lower.startsWith("connection:")) {
                    close = lower.contains("close");
                } else if (lower.startsWith("transfer-encoding:")) {
                    throw new IOException("chunked responses are not expected here: " + h);
                }
            }
            if (length < 0) {
                throw new IOException("no Content-Length in a " + code + " response");
            }
            byte[] content = in.readNBytes(length);
            if (content.length < length) {
                throw new EOFException("the connection closed inside the body");
            }
            return new Response(code, close, new String(content, StandardCharsets.UTF_8));
        }

        private String line() throws IOException {
            StringBuilder b = new StringBuilder(64);
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new EOFException("the connection closed before a complete response");
                }
                if (c != '\r') {
                    b.append((char) c);
                }
            }
            return b.toString();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a socket that failed: nothing to report
            }
        }
    }
}
