package io.twelvefactor.backing;

import java.util.List;
import java.util.Map;

/**
 * Writes a descriptor back as a URL, normalized: components percent-encoded where needed,
 * socket hosts in the authority, ports only where written, the password optionally redacted.
 */
final class UrlWriter {

    private UrlWriter() {
    }

    static String write(BackingService d, boolean redact) {
        StringBuilder b = new StringBuilder(64).append(d.scheme());
        if (d.embedded() != null) {
            b.append(':').append(d.embedded()).append(':');
            Percent.append(b, d.database().orElseThrow(), "/:");
        } else {
            authorityAndPath(b, d, redact);
        }
        char sep = '?';
        for (Map.Entry<String, String> e : d.query().entrySet()) {
            b.append(sep);
            sep = '&';
            Percent.append(b, e.getKey(), "/:,");
            b.append('=');
            if (redact && secret(e.getKey())) {
                b.append("***");
            } else {
                Percent.append(b, e.getValue(), "/:,");
            }
        }
        if (d.user().isEmpty() && d.password().isPresent()) {
            // libpq's ?password= with no user: the userinfo cannot hold it (":pw@" reads user "")
            b.append(sep).append("password=");
            if (redact) {
                b.append("***");
            } else {
                Percent.append(b, d.password().get(), "/:,");
            }
        }
        return b.toString();
    }

    private static void authorityAndPath(StringBuilder b, BackingService d, boolean redact) {
        b.append("://");
        String user = d.user().orElse(null);
        if (user != null) {
            Percent.append(b, user, "");
            String password = d.password().orElse(null);
            if (password != null) {
                b.append(':');
                if (redact) {
                    b.append("***");
                } else {
                    Percent.append(b, password, "");
                }
            }
            b.append('@');
        }
        List<Host> hosts = d.hosts();
        if (d.row().form() == Scheme.Form.SOCKET) {
            Percent.append(b, hosts.get(0).name(), "/");
            return;
        }
        String separator = d.row().form() == Scheme.Form.URL_LIST ? "," + d.scheme() + "://" : ",";
        for (int i = 0; i < hosts.size(); i++) {
            b.append(i == 0 ? "" : separator).append(hosts.get(i));
        }
        if (hosts.isEmpty() && d.hostlessPort().isPresent()) {
            b.append(':').append(d.hostlessPort().getAsInt());
        }
        String database = d.database().orElse(null);
        if (database != null) {
            b.append('/');
            Percent.append(b, database, d.kind().equals("h2") ? "/" : "");
        }
    }

    /**
     * The parts of a query parameter's name that make its value a secret: the one list every
     * module uses ({@code twelvefactor-config} hides the same; {@code conformance/grammar.txt}).
     */
    private static final String[] CREDENTIAL_KEY_PARTS = {"pass", "pwd", "secret", "token", "key"};

    /**
     * Whether a query parameter holds a secret: its name contains {@code pass}, {@code pwd},
     * {@code secret}, {@code token} or {@code key}, ASCII letters in any case.
     */
    static boolean secret(String name) {
        StringBuilder lower = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            lower.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        String n = lower.toString();
        for (String part : CREDENTIAL_KEY_PARTS) {
            if (n.contains(part)) {
                return true;
            }
        }
        return false;
    }
}
