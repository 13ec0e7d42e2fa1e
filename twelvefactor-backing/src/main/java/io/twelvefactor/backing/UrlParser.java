package io.twelvefactor.backing;

import java.net.IDN;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * Parses one URL: splits the raw string into its components first, then decodes each.
 * Every error names the component and position and never quotes the URL or its userinfo.
 */
final class UrlParser {

    static final String EXAMPLE = "postgres://user:password@host:5432/db";

    /** Lettuce's query parameter naming a Redis Sentinel master. */
    static final String SENTINEL_MASTER = "sentinelMasterId";

    final String s;
    private final String variable;
    private final boolean generic;
    /** Whether the URL holds any '%': without one, every component is its raw text. */
    boolean percent;

    // The parse's query state, written by QueryReader (static, so a parse makes no reader).
    /** The query's span, for {@link #position(String)}; -1 before the query is read. */
    int queryFrom = -1;
    int queryTo;
    /** Where Lettuce's {@code #master} starts, 1-based, or 0. */
    int fragmentPosition;
    /** Which parameters the query reader takes out: one of {@code QueryReader.ROUTE_*}. */
    int route;
    /** {@code ?host=}, and for libpq {@code ?port=}, {@code ?user=}, {@code ?password=}, {@code ?dbname=}. */
    String hostParam;
    String portParam;
    String userParam;
    String passwordParam;
    String dbnameParam;

    private UrlParser(String s, String variable, boolean generic) {
        this.s = s;
        this.variable = variable;
        this.generic = generic;
    }

    static BackingService parse(String url, String variable, boolean generic) {
        return new UrlParser(url, variable, generic).parse();
    }

    private BackingService parse() {
        int n = s.length();
        checkCharacters(n);
        if ((s.charAt(0) | 0x20) == 'h' && s.regionMatches(true, 0, "h2:", 0, 3)
                && !s.startsWith("//", 3)) {
            return embeddedH2(n);
        }
        int i = schemeEnd();
        String scheme = Scheme.spelling(s, i);
        if (scheme == null) {
            scheme = s.substring(0, i).toLowerCase(Locale.ROOT);
        }
        Scheme row = Scheme.TABLE.get(scheme);
        if (row == null) {
            if (!generic) {
                String near = Scheme.nearest(scheme);
                throw fail("scheme", 1, "unknown scheme '" + trim(scheme) + "'"
                        + (near == null ? "" : " (did you mean '" + near + "'?)")
                        + "; known schemes: " + String.join(", ", Scheme.TABLE.keySet())
                        + " (BackingService.parseGeneric accepts any scheme)");
            }
            row = Scheme.generic(scheme);
        }
        int authStart = i + 3;
        if (row.form() == Scheme.Form.URL_LIST) {
            return urlList(scheme, row, authStart, n);
        }
        if (row.form() == Scheme.Form.SENTINEL) {
            int hash = s.indexOf('#', authStart);
            if (hash >= 0) {
                n = hash;
            }
        }
        int authEnd = indexOfAny(authStart, "/?#", n);
        int at = s.lastIndexOf('@', authEnd - 1);
        if (at < authStart) {
            at = -1;
            int later = s.indexOf('@', authEnd);
            if (later >= 0 && later < n) {
                throw fail("url", authEnd + 1, "'" + s.charAt(authEnd) + "' ends the host here"
                        + " but an '@' follows: if the URL has credentials, write '/', '?' and '#'"
                        + " in a password as %2F, %3F and %23; anywhere else write '@' as %40");
            }
        }
        if (n == s.length()) {
            noFragment(authStart);
        }
        String user = null;
        String password = null;
        if (at >= 0) {
            int colon = s.indexOf(':', authStart);
            if (row.kind().equals("mongodb")) {
                KindRules.strictMongoUserinfo(this, authStart, at, colon);
            }
            if (colon < 0 || colon > at) {
                user = decode(authStart, at, "user");
            } else {
                user = decode(authStart, colon, "user");
                password = decode(colon + 1, at, "password");
            }
        }
        String database = null;
        int queryStart = authEnd;
        if (authEnd < n && s.charAt(authEnd) == '/') {
            queryStart = indexOfAny(authEnd, "?", n);
            database = decode(authEnd + 1, queryStart, row.form() == Scheme.Form.SOCKET
                    ? "socket path" : "database");
        }
        boolean libpq = row.postgresFamily();
        route = row.form() == Scheme.Form.SOCKET ? QueryReader.ROUTE_NONE
                : libpq ? QueryReader.ROUTE_LIBPQ : QueryReader.ROUTE_HOST;
        Query.Builder query = queryStart < n ? QueryReader.read(this, queryStart + 1, n) : null;
        if (n < s.length()) {
            query = sentinelFragment(query, n);
        }
        if (row.form() == Scheme.Form.SOCKET) {
            return socket(scheme, row, at >= 0 ? at + 1 : authStart, authEnd, user, password,
                    database, Query.build(query));
        }
        String portParam = hostParam == null && !libpq ? null
                : libpq || query == null ? this.portParam : query.remove("port");
        if (libpq) {
            // libpq reads the query after the URI, so its user, password and dbname win.
            user = userParam != null ? userParam : user;
            password = passwordParam != null ? passwordParam : password;
            database = dbnameParam != null ? dbnameParam : database;
            if (database != null && database.isEmpty()) {
                database = null;
            }
        }
        HostParser parser = new HostParser(this, s, row);
        List<Host> hosts = parser.hosts(at >= 0 ? at + 1 : authStart, authEnd, row, hostParam,
                portParam);
        Query q = Query.build(query);
        KindRules.check(this, row, hosts, authEnd, queryStart, database, q);
        return new BackingService(scheme, row, null, hosts, parser.hostlessPort(), user,
                password, database, q, KindRules.tls(this, row, q));
    }

    /**
     * Lettuce's {@code redis-sentinel://h1,h2/0#master}: the fragment names the master.
     * Returns the query with it, made if the URL had none.
     */
    private Query.Builder sentinelFragment(Query.Builder query, int hash) {
        String master = decode(hash + 1, s.length(), "sentinel master");
        Query.Builder out = query != null ? query : new Query.Builder();
        if (!out.add(SENTINEL_MASTER, master)) {
            throw fail("sentinel master", hash + 1, "is named twice, by '#' and by ?"
                    + SENTINEL_MASTER + "=; keep one");
        }
        fragmentPosition = hash + 1;
        return out;
    }

    /**
     * Lettuce's {@code redis-socket:///path/to/socket} and redis-py's
     * {@code unix://[user@]/path/to/socket}: the path is the socket, the database index is
     * {@code ?database=} (Lettuce) or {@code ?db=} (redis-py).
     */
    private BackingService socket(String scheme, Scheme row, int hostStart, int authEnd,
            String user, String password, String path, Query query) {
        if (hostStart != authEnd) {
            throw fail("host", hostStart + 1, scheme + ":// names its socket in the path, after"
                    + " an empty host: " + scheme + ":///var/run/redis.sock");
        }
        if (path == null || path.isEmpty()) {
            throw fail("socket path", authEnd + 1, "is missing; write the socket's absolute"
                    + " path, such as " + scheme + ":///var/run/redis.sock");
        }
        for (String key : new String[] {"database", "db"}) {
            String v = query.get(key);
            if (v != null && !KindRules.redisIndex(v)) {
                throw fail("query parameter " + key, position(key), "a Redis database"
                        + " index is an integer such as 0");
            }
        }
        if (query.containsKey("database") && query.containsKey("db")) {
            throw fail("query parameter db", position("db"), "repeats ?database=; keep"
                    + " one of the two");
        }
        Host h = new Host("/" + path, row.defaultPort(), OptionalInt.empty());
        return new BackingService(scheme, row, null, List.of(h), OptionalInt.empty(),
                user, password, null, query, KindRules.tls(this, row, query));
    }

    /**
     * Heroku's {@code KAFKA_URL}: {@code kafka+ssl://h1:9096,kafka+ssl://h2:9096}, each
     * broker a whole URL of one scheme; {@code kafka://h1:9092,h2:9092} is read too.
     */
    private BackingService urlList(String scheme, Scheme row, int start, int n) {
        noFragment(start);
        List<Host> hosts = new ArrayList<>();
        int from = start;
        HostParser parser = new HostParser(this, s, row);
        while (true) {
            int comma = s.indexOf(',', from);
            int end = comma < 0 ? n : comma;
            int bad = indexOfAny(from, "@/?", end);
            if (bad < end) {
                throw fail("host", bad + 1, "a Kafka URL lists brokers only, such as"
                        + " kafka+ssl://broker1:9096,kafka+ssl://broker2:9096; it has no user,"
                        + " path or query");
            }
            Host broker = parser.one(from, end, row);
            if (broker.isUnixSocket()) {
                throw fail("host", from + 1, "a Kafka broker is a host name or IP address;"
                        + " kafka-clients has no Unix sockets");
            }
            if (!broker.isIpv6() && !Percent.plain(broker.name(), "")) {
                try {
                    IDN.toASCII(broker.name());
                } catch (IllegalArgumentException e) {
                    throw fail("host", from + 1, "is not an internationalised domain name"
                            + " that DNS (IDNA) can write in ASCII, as kafka-clients needs");
                }
            }
            hosts.add(broker);
            if (comma < 0) {
                break;
            }
            from = comma + 1;
            int colon = s.indexOf("://", from);
            if (colon >= 0 && colon < indexOfAny(from, ",", n)) {
                if (!s.regionMatches(true, from, s, 0, start)) {
                    throw fail("scheme", from + 1, "every broker of one Kafka URL uses the same"
                            + " scheme, " + scheme + "://");
                }
                from += start;
            }
        }
        return new BackingService(scheme, row, null, hosts, OptionalInt.empty(),
                null, null, null, Query.EMPTY, KindRules.tls(this, row, Query.EMPTY));
    }

    /**
     * H2's in-process forms {@code h2:mem:NAME} and {@code h2:file:PATH}: no host, no
     * credentials, no TLS; {@code ?NAME=value} settings become H2's {@code ;NAME=value}.
     */
    private BackingService embeddedH2(int n) {
        String mode = s.regionMatches(true, 3, "mem:", 0, 4) ? "mem"
                : s.regionMatches(true, 3, "file:", 0, 5) ? "file" : null;
        if (mode == null) {
            throw fail("scheme", 4, "expected 'mem:', 'file:' or '//' after 'h2:', such as"
                    + " h2:mem:notes, h2:file:./data/notes, or h2://host/path for an H2 server");
        }
        noFragment(3);
        int start = 4 + mode.length();
        int queryStart = indexOfAny(start, "?", n);
        String database = decode(start, queryStart, "database");
        if (database.isEmpty()) {
            throw fail("database", start + 1, mode.equals("mem")
                    ? "is empty; name the in-memory database, such as h2:mem:notes (an unnamed"
                            + " one would be private to each connection)"
                    : "is empty; write the database's path without .mv.db, such as"
                            + " ./data/notes or /var/data/notes");
        }
        if (database.indexOf(';') >= 0) {
            throw fail("database", start + 1, "holds ';', which would start an H2 setting;"
                    + " write settings as ?NAME=value, such as ?MODE=PostgreSQL");
        }
        Query query = queryStart < n ? Query.build(QueryReader.read(this, queryStart + 1, n))
                : Query.EMPTY;
        for (String key : query.keySet()) {
            String k = key.toLowerCase(Locale.ROOT);
            if (k.equals("user") || k.equals("password")) {
                throw fail("query parameter " + trim(key), position(key), "an embedded H2 URL"
                        + " carries no credentials, since H2 would read them from the JDBC URL;"
                        + " set user and password on the Properties jdbcProperties() returns");
            }
            if (k.equals("sslmode")) {
                throw fail("query parameter " + trim(key), position(key), "an embedded"
                        + " database has no connection to encrypt; remove sslmode");
            }
        }
        return new BackingService(s.substring(0, 2).toLowerCase(Locale.ROOT),
                Scheme.TABLE.get("h2"), mode, List.of(), OptionalInt.empty(), null, null,
                database, query, null);
    }

    private void noFragment(int from) {
        int hash = s.indexOf('#', from);
        if (hash >= 0) {
            throw fail("url", hash + 1, "'#' would start a fragment, which a service URL cannot"
                    + " have; write '#' in a password (or anywhere else) as %23");
        }
    }

    private void checkCharacters(int n) {
        if (n == 0) {
            throw fail("url", 0, "is empty; expected a URL such as " + EXAMPLE);
        }
        char last = s.charAt(n - 1);
        if (last == '\n' || last == '\r') {
            int p = n - 1;
            while (p > 0 && (s.charAt(p - 1) == '\n' || s.charAt(p - 1) == '\r')) {
                p--;
            }
            throw fail("url", p + 1, "ends with a newline, often copied along from a secret"
                    + " file; remove it (write the file with printf '%s', not echo)");
        }
        if (Character.isWhitespace(s.charAt(0)) || Character.isWhitespace(last)) {
            boolean start = Character.isWhitespace(s.charAt(0));
            throw fail("url", start ? 1 : n, (start ? "starts" : "ends")
                    + " with whitespace; remove it");
        }
        percent = s.indexOf('%') >= 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                throw fail("url", i + 1, "contains a control character; remove it, or"
                        + " percent-encode it if it belongs there");
            }
        }
    }

    private int schemeEnd() {
        if ((s.charAt(0) | 0x20) == 'j' && s.regionMatches(true, 0, "jdbc:", 0, 5)) {
            throw fail("scheme", 1, "this is a JDBC URL; write the service URL instead, such as "
                    + EXAMPLE + ", and let toJdbcUrl() make the JDBC form");
        }
        int i = 0;
        while (i < s.length() && schemeChar(s.charAt(i), i == 0)) {
            i++;
        }
        if (i == 0 || !s.startsWith("://", i)) {
            throw fail("scheme", i + 1, "expected a scheme and '://', such as " + EXAMPLE);
        }
        return i;
    }

    private static boolean schemeChar(char c, boolean first) {
        boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        return first ? letter : letter || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
    }

    /**
     * Where query parameter {@code name} starts, 1-based, or 0; see
     * {@link QueryReader#position}.
     */
    int position(String name) {
        return QueryReader.position(this, name);
    }

    /** Whether the URL holds a '%' anywhere: without one, no component needs decoding. */
    boolean percent() {
        return percent;
    }

    String decode(int a, int b, String component) {
        // checkCharacters has seen every character: with no '%', nothing needs decoding.
        return percent ? Percent.decode(s, a, b, component, variable) : s.substring(a, b);
    }

    /**
     * The first index in {@code [from, to)} of one of {@code chars} (one to three of them),
     * or {@code to}.
     */
    private int indexOfAny(int from, String chars, int to) {
        char a = chars.charAt(0);
        char b = chars.charAt(chars.length() > 1 ? 1 : 0);
        char c = chars.charAt(chars.length() - 1);
        for (int i = from; i < to; i++) {
            char x = s.charAt(i);
            if (x == a || x == b || x == c) {
                return i;
            }
        }
        return to;
    }

    /** An error at a 1-based position; one past the end (an empty last part) is the end. */
    BackingServiceException fail(String component, int position, String problem) {
        return new BackingServiceException(variable, component, Math.min(position, s.length()),
                problem);
    }

    /** Shortens a value quoted in a message. */
    static String trim(String value) {
        return value.length() <= 40 ? value : value.substring(0, 37) + "...";
    }
}
