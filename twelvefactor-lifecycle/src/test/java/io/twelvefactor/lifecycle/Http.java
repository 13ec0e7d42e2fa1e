package io.twelvefactor.lifecycle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** Plain GETs on loopback (java.net.http is not a module the library reads). */
final class Http {

    private Http() {
    }

    /** Returns "status body". */
    static String get(int port, String path) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL()
                    .openConnection();
            c.setConnectTimeout(10_000);
            c.setReadTimeout(20_000);
            int status = c.getResponseCode();
            try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
                String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return status + " " + body.strip();
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + " on port " + port, e);
        }
    }

    static int status(int port, String path) {
        return Integer.parseInt(get(port, path).substring(0, 3));
    }
}
