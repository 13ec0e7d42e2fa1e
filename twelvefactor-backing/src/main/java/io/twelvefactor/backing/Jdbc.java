package io.twelvefactor.backing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Turns a descriptor into a JDBC URL and connection properties, per driver. Credentials only
 * ever go to the properties: the userinfo's, and query parameters named like a secret (those
 * {@code toString()} redacts); {@code user} and {@code password} in the query are refused.
 * Other query options pass through; {@code sslmode} is translated.
 */
final class Jdbc {

    private static final String KINDS =
            "postgresql, cockroachdb, redshift, mysql, mariadb, sqlserver, oracle, h2";

    private final BackingService d;
    private final String driver;
    private final StringBuilder url = new StringBuilder(96);
    private final Properties props = new Properties();

    private Jdbc(BackingService d) {
        this.d = d;
        this.driver = d.kind();
        d.user().ifPresent(u -> props.setProperty("user", u));
        d.password().ifPresent(p -> props.setProperty("password", p));
        for (String key : d.query().keySet()) {
            if (key.equalsIgnoreCase("user") || key.equalsIgnoreCase("password")) {
                throw fail("query parameter " + UrlParser.trim(key), "credentials go in the URL's"
                        + " userinfo, such as postgres://user:password@host/db, not in its query");
            }
        }
        if (d.hosts().isEmpty() && d.embedded() == null && KINDS.contains(driver)) {
            throw fail("host", "the URL names no host, which libpq reads as its local Unix"
                    + " socket; pgjdbc cannot reach a socket without a socket factory, and its"
                    + " own default (TCP to localhost) may be another server or ask for other"
                    + " credentials; name the host, such as "
                    + d.scheme() + "://localhost" + d.hostlessPort().stream()
                            .mapToObj(p -> ":" + p).findFirst().orElse("") + "/db");
        }
        switch (driver) {
            case "postgresql", "cockroachdb", "redshift" -> postgres();
            case "mysql" -> mysql();
            case "mariadb" -> mariadb();
            case "sqlserver" -> sqlServer();
            case "oracle" -> oracle();
            case "h2" -> h2();
            default -> throw fail("jdbc", "a " + driver + " URL has no JDBC form; toJdbcUrl()"
                    + " serves " + KINDS);
        }
    }

    static String url(BackingService d) {
        return new Jdbc(d).url.toString();
    }

    static Properties properties(BackingService d) {
        return new Jdbc(d).props;
    }

    /**
     * pgjdbc URL-decodes the database and every value, so both are percent-encoded. libpq's
     * parameters become pgjdbc's ({@link Libpq}); secrets then move to the properties.
     */
    private void postgres() {
        url.append("jdbc:postgresql://");
        hostList(true);
        url.append('/');
        Percent.append(url, d.database().orElse(""), "");
        Map<String, String> options = Libpq.forPgjdbc(d.query(),
                (name, problem) -> fail("query parameter " + UrlParser.trim(name), problem));
        char sep = '?';
        for (Map.Entry<String, String> e : withoutSecrets(options).entrySet()) {
            url.append(sep);
            sep = '&';
            Percent.append(url, e.getKey(), "");
            url.append('=');
            Percent.append(url, e.getValue(), "/:,");
        }
    }

    /**
     * MySQL Connector/J decodes the URL and trims the database name, so a name that begins
     * or ends with whitespace could not arrive as written; TLS is {@code sslMode}.
     */
    private void mysql() {
        url.append("jdbc:mysql://");
        hostList(true);
        url.append('/');
        String db = d.database().orElse("");
        if (!db.equals(db.strip())) {
            throw fail("database", "begins or ends with whitespace, which MySQL Connector/J"
                    + " trims; rename the database or remove the spaces");
        }
        Percent.append(url, d.database().orElse(""), "");
        char sep = '?';
        for (Map.Entry<String, String> e : options(mysqlTls()).entrySet()) {
            url.append(sep);
            sep = '&';
            Percent.append(url, e.getKey(), "");
            url.append('=');
            Percent.append(url, e.getValue(), "/:,");
        }
    }

    /** MariaDB Connector/J reads the URL raw, so what needs encoding travels as a property. */
    private void mariadb() {
        url.append("jdbc:mariadb://");
        Map<String, String> options = options(mariadbTls());
        List<Host> hosts = d.hosts();
        if (hosts.get(0).isUnixSocket()) {
            if (hosts.size() > 1) {
                throw fail("host", "MariaDB Connector/J reaches one Unix socket, not several");
            }
            url.append("localhost");
            options.put("localSocket", hosts.get(0).name());
        } else {
            hostList(true);
        }
        url.append('/');
        String db = d.database().orElse("");
        if (Percent.plain(db, "$")) {
            url.append(db);
        } else {
            props.setProperty("database", db);
        }
        char sep = '?';
        for (Map.Entry<String, String> e : options.entrySet()) {
            if (Percent.plain(e.getKey(), "") && Percent.plain(e.getValue(), "/:,")) {
                url.append(sep).append(e.getKey()).append('=').append(e.getValue());
                sep = '&';
            } else {
                props.setProperty(e.getKey(), e.getValue());
            }
        }
    }

    /** mssql-jdbc: {@code ;name=value} pairs, braces around values that need them. */
    private void sqlServer() {
        Host h = single();
        url.append("jdbc:sqlserver://");
        if (h.isIpv6()) {
            url.append(";serverName=").append(h.name()).append(";portNumber=").append(h.port());
        } else {
            url.append(h.name()).append(':').append(h.port());
        }
        Map<String, String> options = new LinkedHashMap<>();
        d.database().filter(db -> !db.isEmpty()).ifPresent(db -> options.put("databaseName", db));
        options.putAll(options(sqlServerTls()));
        for (Map.Entry<String, String> e : options.entrySet()) {
            url.append(';').append(e.getKey()).append('=');
            String v = e.getValue();
            if (v.indexOf(';') >= 0 || v.indexOf('=') >= 0 || v.indexOf('{') >= 0
                    || v.indexOf('}') >= 0 || v.indexOf(' ') >= 0) {
                url.append('{').append(v.replace("}", "}}")).append('}');
            } else {
                url.append(v);
            }
        }
    }

    /** Oracle thin, EZConnect Plus: {@code @//host:port/service?name=value}, TLS as tcps. */
    private void oracle() {
        Host h = single();
        Tls tls = d.tlsAsWritten();
        Map<String, String> options = options(null);
        if (tls != null && tls != Tls.DISABLE) {
            if (tls != Tls.VERIFY_CA && tls != Tls.VERIFY_FULL) {
                throw noTls("Oracle's thin driver always verifies the certificate chain; use"
                        + " verify-ca or verify-full");
            }
            reserve(options, "ssl_server_dn_match");
            options.put("ssl_server_dn_match", tls == Tls.VERIFY_FULL ? "true" : "false");
        }
        url.append("jdbc:oracle:thin:@").append(tls != null && tls.isRequired() ? "tcps://" : "//");
        hostList(false);
        url.append('/').append(rawValue("database", d.database().orElse(""), ""));
        char sep = '?';
        for (Map.Entry<String, String> e : options.entrySet()) {
            url.append(sep).append(rawValue("query parameter " + e.getKey(), e.getKey(), ""))
                    .append('=').append(rawValue("query parameter " + e.getKey(), e.getValue(),
                            "/:,"));
            sep = '&';
        }
    }

    /**
     * H2: embedded {@code mem:}/{@code file:} as written, or server mode {@code tcp://} or
     * {@code ssl://}; settings as {@code ;NAME=value}.
     */
    private void h2() {
        if (d.embedded() != null) {
            url.append("jdbc:h2:").append(d.embedded()).append(':')
                    .append(d.database().orElseThrow());
        } else {
            Tls tls = d.tlsAsWritten();
            if (tls != null && tls != Tls.DISABLE && tls != Tls.REQUIRE) {
                throw noTls("H2's ssl:// does not verify the server's certificate; use require");
            }
            url.append("jdbc:h2:").append(tls == Tls.REQUIRE ? "ssl://" : "tcp://");
            hostList(false);
            url.append('/').append(rawValue("database", d.database().orElse(""), "/$"));
        }
        for (Map.Entry<String, String> e : options(null).entrySet()) {
            if (!Percent.plain(e.getKey(), "")) {
                throw fail("query parameter " + e.getKey(), "an H2 setting's name is letters,"
                        + " digits and -._~");
            }
            if (e.getValue().indexOf(';') >= 0) {
                throw fail("query parameter " + e.getKey(), "H2 cannot take ';' in a setting");
            }
            url.append(';').append(e.getKey()).append('=').append(e.getValue());
        }
    }

    private String mysqlTls() {
        return map("sslMode", "DISABLED", null, "PREFERRED", "REQUIRED", "VERIFY_CA",
                "VERIFY_IDENTITY");
    }

    private String mariadbTls() {
        return map("sslMode", "disable", null, null, "trust", "verify-ca", "verify-full");
    }

    private String sqlServerTls() {
        return map("encrypt", "false", null, null, "true;trustServerCertificate=true", null,
                "true;trustServerCertificate=false");
    }

    /** The driver's option for the URL's TLS mode, indexed like {@link Tls}: "name=value". */
    private String map(String name, String... values) {
        Tls tls = d.tlsAsWritten();
        if (tls == null) {
            return null;
        }
        String v = values[tls.ordinal()];
        if (v == null) {
            throw noTls("its driver has no equivalent; use one of the modes in the README's TLS"
                    + " table");
        }
        return name + "=" + v;
    }

    /** The query minus its secrets, which move to the properties. */
    private Map<String, String> query() {
        return withoutSecrets(d.query());
    }

    /** The options minus their secrets, which move to the properties. */
    private Map<String, String> withoutSecrets(Map<String, String> options) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : options.entrySet()) {
            if (UrlWriter.secret(e.getKey())) {
                props.setProperty(e.getKey(), e.getValue());
            } else {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /** The query minus secrets and {@code sslmode}, plus the driver's TLS options ("a=b;c=d"). */
    private Map<String, String> options(String tlsOptions) {
        Map<String, String> out = query();
        out.remove("sslmode");
        if (tlsOptions != null) {
            for (String pair : tlsOptions.split(";")) {
                int eq = pair.indexOf('=');
                reserve(out, pair.substring(0, eq));
                out.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return out;
    }

    private void reserve(Map<String, String> options, String name) {
        for (String key : options.keySet()) {
            if (key.equalsIgnoreCase(name)) {
                throw fail("query parameter " + key, "sets the driver's TLS option although"
                        + " sslmode does too; keep sslmode");
            }
        }
    }

    private void hostList(boolean many) {
        List<Host> hosts = many ? d.hosts() : List.of(single());
        for (int i = 0; i < hosts.size(); i++) {
            Host h = tcp(hosts.get(i));
            url.append(i == 0 ? "" : ",");
            Percent.appendHost(url, h);
            url.append(':').append(h.port());
        }
    }

    private Host single() {
        if (d.hosts().size() > 1) {
            throw fail("host", "the " + driver + " JDBC URL takes one host; write one");
        }
        return tcp(d.hosts().get(0));
    }

    private Host tcp(Host h) {
        if (h.isUnixSocket()) {
            throw fail("host", "is a Unix socket, which the " + driver + " JDBC driver cannot"
                    + " reach without a socket factory; use a TCP host");
        }
        return h;
    }

    private String rawValue(String component, String value, String keep) {
        if (!Percent.plain(value, keep)) {
            throw fail(component, "holds characters the " + driver + " JDBC URL cannot carry;"
                    + " use letters, digits and -._~" + keep);
        }
        return value;
    }

    private BackingServiceException noTls(String why) {
        return fail("tls", "sslmode=" + (d.tlsAsWritten() == null ? "" : d.tlsAsWritten().sslmode()) + " has no "
                + driver + " JDBC form: " + why);
    }

    private static BackingServiceException fail(String component, String problem) {
        return new BackingServiceException(null, component, 0, problem);
    }
}
