package io.twelvefactor.example.fleet;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * HAProxy in front of the replicas, configured from {@code fleet/haproxy.cfg} (the file the
 * README shows), with the ports, the retries and the server lines filled in. Its runtime API
 * (a Unix socket in the run's directory) adds and removes servers, as a platform adds and
 * removes endpoints.
 */
final class HaProxy implements AutoCloseable {
    static final String BACKEND = "replicas";

    private final Process process;
    private final Path socket;

    private HaProxy(Process process, Path socket) {
        this.process = process;
        this.socket = socket;
    }

    /** The command, from {@code HAPROXY} or the PATH, or empty when it is not installed. */
    static java.util.Optional<String> command() {
        String configured = System.getenv("HAPROXY");
        if (configured != null && !configured.isBlank()) {
            return java.util.Optional.of(configured);
        }
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/local/sbin").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "haproxy");
            if (Files.isExecutable(p)) {
                return java.util.Optional.of(p.toString());
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * Starts HAProxy listening on {@code port} with one server line per replica port; the servers
     * after the first {@code active} start in maintenance (slots for scaling out).
     */
    static HaProxy start(String template, Path dir, int port, List<Integer> servers, int active, int retries)
            throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < servers.size(); i++) {
            lines.append("    server r").append(i + 1).append(" 127.0.0.1:").append(servers.get(i)).append(" check")
                    .append(i < active ? "" : " disabled").append('\n');
        }
        Path socket = dir.resolve("haproxy.sock");
        String config = template.replace("@PORT@", Integer.toString(port))
                .replace("@RETRIES@", Integer.toString(retries))
                .replace("@SOCKET@", socket.toString())
                .replace("@SERVERS@\n", lines.toString());
        Path file = dir.resolve("haproxy.cfg");
        Files.writeString(file, config, StandardCharsets.UTF_8);
        String haproxy = command().orElseThrow(() -> new IllegalStateException("haproxy is not installed"));
        Process p = new ProcessBuilder(haproxy, "-db", "-f", file.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.log").toFile()).start();
        HaProxy h = new HaProxy(p, socket);
        h.awaitSocket(Duration.ofSeconds(10));
        return h;
    }

    /** Puts a server in service (it then takes traffic once its health check passes). */
    void enable(int server) throws IOException {
        command("enable server " + BACKEND + "/r" + server);
    }

    /** Takes a server out of service, as a platform removes an endpoint. */
    void disable(int server) throws IOException {
        command("disable server " + BACKEND + "/r" + server);
    }

    /**
     * Waits until HAProxy's health check sees the server up, as a platform waits for a new pod's
     * readiness before it replaces the next one. HAProxy has no event for this, so its state is
     * read every 100 ms.
     */
    void awaitUp(int server, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!isUp(server)) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("HAProxy did not see r" + server + " up within " + timeout);
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("haproxy exited with " + process.exitValue());
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    private boolean isUp(int server) throws IOException {
        // "show stat" is CSV: pxname,svname,...,status (field 18)
        for (String line : command("show stat").split("\n")) {
            String[] f = line.split(",", -1);
            if (f.length > 17 && f[0].equals(BACKEND) && f[1].equals("r" + server)) {
                return f[17].toUpperCase(Locale.ROOT).startsWith("UP");
            }
        }
        return false;
    }

    private String command(String command) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer buf = ByteBuffer.allocate(1 << 16);
            StringBuilder out = new StringBuilder();
            while (ch.read(buf) >= 0) {
                buf.flip();
                out.append(StandardCharsets.UTF_8.decode(buf));
                buf.clear();
            }
            return out.toString();
        }
    }

    private void awaitSocket(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                command("show info");
                return;
            } catch (IOException e) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("haproxy exited with " + process.exitValue()
                            + "; see haproxy.log beside haproxy.cfg", e);
                }
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("haproxy's runtime socket did not open within " + timeout);
                }
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
