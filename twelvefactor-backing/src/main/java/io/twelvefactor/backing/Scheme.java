package io.twelvefactor.backing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One row of the scheme table: the canonical kind a scheme names, its default port, whether
 * the scheme itself asks for TLS, and the form of its authority.
 */
record Scheme(String kind, int defaultPort, boolean secure, Form form) {

    /** How a scheme's URL names its servers. */
    enum Form {
        /** {@code host[:port][,host[:port]]…} */
        HOSTS,
        /** MongoDB's DNS seed list: one host name, no port (initial DNS seedlist spec). */
        SRV,
        /** A Unix socket path as the URL's path: Lettuce's redis-socket, redis-py's unix. */
        SOCKET,
        /** Redis Sentinel hosts and a master name (Lettuce's redis-sentinel). */
        SENTINEL,
        /** Heroku's KAFKA_URL: a comma-separated list of whole URLs, or of hosts. */
        URL_LIST
    }

    /** Every known scheme, in the order the README's table lists them. */
    static final Map<String, Scheme> TABLE;

    /** The table's schemes by hash, open addressing: a quarter full, so probes are short. */
    private static final String[] SLOTS = new String[128];

    static {
        Map<String, Scheme> t = new LinkedHashMap<>();
        row(t, "postgresql", 5432, false, "postgresql", "postgres", "pg", "pgsql");
        row(t, "cockroachdb", 26257, false, "cockroachdb", "cockroach", "crdb");
        row(t, "redshift", 5439, false, "redshift");
        row(t, "mysql", 3306, false, "mysql");
        row(t, "mariadb", 3306, false, "mariadb");
        row(t, "sqlserver", 1433, false, "sqlserver", "mssql");
        row(t, "oracle", 1521, false, "oracle");
        row(t, "h2", 9092, false, "h2");
        row(t, "redis", 6379, false, "redis");
        row(t, "redis", 6379, true, "rediss");
        t.put("redis-socket", new Scheme("redis", 6379, false, Form.SOCKET));
        t.put("unix", new Scheme("redis", 6379, false, Form.SOCKET));
        t.put("redis-sentinel", new Scheme("redis", 26379, false, Form.SENTINEL));
        t.put("rediss-sentinel", new Scheme("redis", 26379, true, Form.SENTINEL));
        row(t, "amqp", 5672, false, "amqp");
        row(t, "amqp", 5671, true, "amqps");
        row(t, "mongodb", 27017, false, "mongodb");
        t.put("mongodb+srv", new Scheme("mongodb", 27017, true, Form.SRV));
        t.put("kafka", new Scheme("kafka", 9092, false, Form.URL_LIST));
        t.put("kafka+ssl", new Scheme("kafka", 9092, true, Form.URL_LIST));
        row(t, "smtp", 25, false, "smtp");
        row(t, "smtp", 465, true, "smtps");
        row(t, "nats", 4222, false, "nats");
        row(t, "mqtt", 1883, false, "mqtt");
        row(t, "mqtt", 8883, true, "mqtts");
        row(t, "memcached", 11211, false, "memcached", "memcache");
        row(t, "http", 80, false, "http");
        row(t, "http", 443, true, "https");
        TABLE = Collections.unmodifiableMap(t);
        for (String scheme : TABLE.keySet()) {
            int i = slot(scheme.hashCode());
            while (SLOTS[i] != null) {
                i = (i + 1) & (SLOTS.length - 1);
            }
            SLOTS[i] = scheme;
        }
    }

    private static int slot(int hash) {
        return (hash ^ (hash >>> 7)) & (SLOTS.length - 1);
    }

    /**
     * The table's own spelling of the scheme {@code s[0, end)} written in any case, or
     * {@code null} when the table lacks it: what {@code s.substring(0, end)} lower-cased would
     * look up, without making that string. {@code s[0, end)} holds only ASCII scheme
     * characters.
     */
    static String spelling(String s, int end) {
        int hash = 0;
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            hash = 31 * hash + (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
        }
        for (int i = slot(hash); SLOTS[i] != null; i = (i + 1) & (SLOTS.length - 1)) {
            String known = SLOTS[i];
            if (known.length() == end && known.hashCode() == hash
                    && s.regionMatches(true, 0, known, 0, end)) {
                return known;
            }
        }
        return null;
    }

    private static void row(Map<String, Scheme> t, String kind, int port, boolean secure,
            String... schemes) {
        for (String s : schemes) {
            t.put(s, new Scheme(kind, port, secure, Form.HOSTS));
        }
    }

    /** The row for a scheme the caller accepts although the table does not know it. */
    static Scheme generic(String scheme) {
        return new Scheme(scheme, 0, false, Form.HOSTS);
    }

    /** Whether this is MongoDB's DNS seed list form, {@code mongodb+srv}. */
    boolean srv() {
        return form == Form.SRV;
    }

    /**
     * Whether a URL may name no host, leaving it to the client: libpq connects to its local
     * socket ("postgresql://"), RabbitMQ's URI spec leaves every component optional.
     */
    boolean hostOptional() {
        return postgresFamily() || kind.equals("amqp");
    }

    boolean known() {
        return defaultPort != 0;
    }

    /** Kinds whose drivers speak libpq's wire protocol and read its URL options. */
    boolean postgresFamily() {
        return kind.equals("postgresql") || kind.equals("cockroachdb") || kind.equals("redshift");
    }

    /** The known scheme nearest to an unknown one, or {@code null} when none is close. */
    static String nearest(String unknown) {
        String best = null;
        int bestDistance = 3;
        for (String known : TABLE.keySet()) {
            int d = distance(unknown.toLowerCase(Locale.ROOT), known);
            if (d < bestDistance) {
                best = known;
                bestDistance = d;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] swap = prev;
            prev = cur;
            cur = swap;
        }
        return prev[b.length()];
    }
}
