package io.twelvefactor.backing;

import java.net.IDN;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;

/**
 * A backing service attached by URL (Twelve-Factor IV): the typed, immutable form of a
 * {@code DATABASE_URL}, {@code REDIS_URL}, {@code AMQP_URL}, {@code SMTP_URL}…
 *
 * <pre>{@code
 * BackingService db = BackingService.fromEnv("DATABASE_URL");
 * Connection c = DriverManager.getConnection(db.toJdbcUrl(), db.jdbcProperties());
 * }</pre>
 *
 * <p>Parsing splits the URL into its components first and percent-decodes each one after
 * ({@code +} stays {@code +}; {@code %zz} and {@code %00} are errors). Credentials end at the
 * <em>last</em> {@code @} of the authority, so a password may hold {@code @} and {@code :}
 * (MongoDB excepted: its connection-string spec requires {@code %40} and {@code %3A});
 * it must percent-encode {@code /}, {@code ?}, {@code #} and {@code %}. The authority may list
 * several hosts ({@code h1:5432,h2:5433}), bracketed IPv6 literals, host names with
 * underscores or non-ASCII letters, and Unix sockets ({@code %2Fvar%2Frun%2Fpostgresql}).
 * Ports are 1–65535; an empty port ({@code h:}) is the default (RFC 3986 section 3.2.3),
 * except for MongoDB. Each kind then follows its own spec:
 * <ul>
 * <li>PostgreSQL, CockroachDB, Redshift: libpq's connection URIs (PostgreSQL manual,
 *     "Connection Strings"): the host may be left out ({@code postgres:///db}, libpq's
 *     local socket: {@link #hosts()} is empty); {@code ?host=}, {@code ?port=},
 *     {@code ?user=}, {@code ?password=} and {@code ?dbname=} override the URI's
 *     components and leave {@link #query()}; {@code postgresql://host/} reads no database.
 * <li>AMQP: the RabbitMQ URI specification, every component optional ({@code amqp://},
 *     {@code amqp:///vhost}, {@code amqp://user@}).
 * <li>MongoDB: the connection-string and initial DNS seedlist specifications
 *     ({@code mongodb+srv://} takes one host and no port; a socket host no port).
 * <li>Redis: the IANA {@code redis}/{@code rediss} schemes, Lettuce's
 *     {@code redis-socket://} and {@code redis-sentinel://} and redis-py's {@code unix://}.
 * <li>Kafka: Heroku's {@code KAFKA_URL}, {@code kafka+ssl://b1:9096,kafka+ssl://b2:9096}.
 * <li>H2's embedded forms: {@code h2:mem:NAME} (an in-memory database) and
 *     {@code h2:file:PATH} ({@code ./data/notes}, {@code /var/data/notes}), with optional
 *     {@code ?NAME=value} settings, which have no host, no credentials and no TLS.
 * </ul>
 * A trailing newline is an error that says so. The README lists where this module is
 * stricter than a spec, and where it reads a URL differently from a client's own parser.
 *
 * <p>{@link #toString()} never shows the password; {@link #toUrl()} renders it, normalized, so
 * that {@code parse(d.toUrl()).equals(d)}. Instances are immutable and thread-safe;
 * {@code parse} is a pure function. A configuration binder that maps types with a public
 * static {@code parse(String)} (such as {@code twelvefactor-config}) binds this type directly.
 */
public final class BackingService {

    private final String scheme;
    private final Scheme row;
    private final String embedded;
    private final List<Host> hosts;
    private final OptionalInt hostlessPort;
    private final String user;
    private final String password;
    private final String database;
    private final Map<String, String> query;
    private final Tls tls;

    BackingService(String scheme, Scheme row, String embedded, List<Host> hosts,
            OptionalInt hostlessPort, String user, String password, String database,
            Query query, Tls tls) {
        this.scheme = scheme;
        this.row = row;
        this.embedded = embedded;
        this.hosts = List.copyOf(hosts);
        this.hostlessPort = hostlessPort;
        this.user = user;
        this.password = password;
        this.database = database;
        this.query = query;
        this.tls = tls;
    }

    /**
     * Parses a URL whose scheme is in the table (see {@link #knownSchemes()}).
     *
     * @param url the URL, such as {@code postgres://user:p%40ss@db.internal:5432/app}
     * @return the descriptor
     * @throws BackingServiceException if the URL is malformed or its scheme is unknown; the
     *     message names the component and position and never contains the password or URL
     * @throws NullPointerException if {@code url} is null
     */
    public static BackingService parse(String url) {
        return UrlParser.parse(Objects.requireNonNull(url, "url"), null, false);
    }

    /**
     * Parses a URL of any scheme. A scheme missing from the table gets {@link #kind()} equal
     * to the scheme, and each host must then write its port, as there is no default.
     *
     * @param url the URL, such as {@code elasticsearch://search.internal:9200}
     * @return the descriptor
     * @throws BackingServiceException if the URL is malformed
     * @throws NullPointerException if {@code url} is null
     */
    public static BackingService parseGeneric(String url) {
        return UrlParser.parse(Objects.requireNonNull(url, "url"), null, true);
    }

    /**
     * Reads one environment variable of this process and parses it.
     *
     * @param name the variable, such as {@code DATABASE_URL}
     * @return the descriptor
     * @throws BackingServiceException if the variable is unset, empty or not a valid URL of
     *     a known scheme; the message starts with the variable's name
     * @throws NullPointerException if {@code name} is null
     */
    public static BackingService fromEnv(String name) {
        return fromEnv(name, System.getenv());
    }

    /**
     * Reads one variable from the given environment and parses it, as
     * {@link #fromEnv(String)} does with the process environment.
     *
     * @param name the variable, such as {@code DATABASE_URL}
     * @param env the environment to read, such as {@code System.getenv()} or a test's map
     * @return the descriptor
     * @throws BackingServiceException if the variable is unset, empty or not a valid URL
     * @throws NullPointerException if an argument is null
     */
    public static BackingService fromEnv(String name, Map<String, String> env) {
        Objects.requireNonNull(name, "name");
        String value = Objects.requireNonNull(env, "env").get(name);
        if (value == null) {
            throw new BackingServiceException(name, "url", 0, "is not set; set it to a URL such"
                    + " as " + UrlParser.EXAMPLE);
        }
        return UrlParser.parse(value, name, false);
    }

    /**
     * The schemes {@link #parse(String)} knows, aliases included.
     *
     * @return scheme to canonical kind, in the README table's order
     */
    public static Map<String, String> knownSchemes() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Scheme> e : Scheme.TABLE.entrySet()) {
            out.put(e.getKey(), e.getValue().kind());
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * The scheme as written, lower-cased: {@code postgres}, {@code pg}, {@code rediss}…
     *
     * @return the scheme
     */
    public String scheme() {
        return scheme;
    }

    /**
     * The canonical kind of service: {@code postgresql}, {@code cockroachdb},
     * {@code redshift}, {@code mysql}, {@code mariadb}, {@code sqlserver}, {@code oracle},
     * {@code h2}, {@code redis}, {@code amqp}, {@code mongodb}, {@code kafka}, {@code smtp},
     * {@code nats}, {@code mqtt}, {@code memcached}, {@code http}; for a URL accepted by
     * {@link #parseGeneric(String)} with an unknown scheme, the scheme itself.
     *
     * @return the kind, lower case
     */
    public String kind() {
        return row.kind();
    }

    /**
     * Every host, in the order written. Empty for an embedded H2 database
     * ({@code h2:mem:NAME}, {@code h2:file:PATH}), and for a URL that names no host where
     * the spec leaves the host to the client: libpq's {@code postgres:///db} (its local
     * Unix socket) and the RabbitMQ URI spec's {@code amqp://} (the client's default,
     * {@code localhost}).
     *
     * @return the hosts, possibly empty
     */
    public List<Host> hosts() {
        return hosts;
    }

    /**
     * The first host's decoded name, IPv6 address (no brackets) or socket path.
     *
     * @return {@code hosts().get(0).name()}
     * @throws IllegalStateException if {@code hosts()} is empty (an embedded database, or a
     *     URL that leaves the host to the client)
     */
    public String host() {
        return firstHost().name();
    }

    /**
     * The first host's effective port: the one written, or the scheme's default. For a URL
     * that names no host ({@code postgres://:5433/db}, {@code amqp://}), the port it writes
     * or the default.
     *
     * @return {@code hosts().get(0).port()}, or the port of a URL without host
     * @throws IllegalStateException if the database is embedded
     */
    public int port() {
        if (hosts.isEmpty() && embedded == null) {
            return hostlessPort.orElse(row.defaultPort());
        }
        return firstHost().port();
    }

    /**
     * The decoded user. {@code scheme://@host} gives an empty user; {@code scheme://host}
     * none. For Redis this is the ACL user (see {@link #redisAclUser()}).
     *
     * @return the user, possibly empty, or empty {@code Optional} when the URL has none
     */
    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    /**
     * The decoded password. {@code u:@host} gives an empty password; {@code u@host} none.
     * Never shown by {@link #toString()}.
     *
     * @return the password, possibly empty, or empty {@code Optional} when the URL has none
     */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /**
     * The decoded path without its leading {@code /}: the database, or the service's
     * equivalent (Redis database index, AMQP virtual host, H2 database path, Oracle service).
     * {@code scheme://host/} gives an empty string; {@code scheme://host} nothing; libpq's
     * kinds read no database from {@code postgres://host/} either, as libpq does. For an
     * embedded H2 database, the name ({@code h2:mem:notes} gives {@code notes}) or the path
     * ({@code h2:file:./data/notes} gives {@code ./data/notes}), never empty.
     *
     * @return the path, or empty {@code Optional} when the URL has none
     */
    public Optional<String> database() {
        return Optional.ofNullable(database);
    }

    /**
     * The decoded query parameters in the order written; a name appears once. libpq's
     * {@code host}, {@code port}, {@code user}, {@code password} and {@code dbname}
     * parameters are not here: they override the URI's hosts, credentials and database.
     *
     * @return an unmodifiable, ordered map, empty when the URL has no query
     */
    public Map<String, String> query() {
        return query;
    }

    /**
     * What the URL asks of TLS: {@link Tls#VERIFY_FULL} for a secure scheme
     * ({@code rediss}, {@code rediss-sentinel}, {@code amqps}, {@code smtps}, {@code mqtts},
     * {@code https}, {@code mongodb+srv}, {@code kafka+ssl}), else what {@code ?sslmode=}
     * says, and for MongoDB
     * {@code ?tls=}/{@code ?ssl=}. Nothing is assumed when the URL is silent.
     *
     * <p>Present only when the URL asks for TLS: a URL that turns it off
     * ({@code sslmode=disable}, MongoDB's {@code tls=false}) gives empty, as a silent one
     * does, so that {@code tls().isPresent()} never means "no TLS". The explicit
     * {@code disable} still reaches the JDBC driver through {@link #toJdbcUrl()} (pgjdbc
     * would otherwise try TLS first). To decide whether to encrypt, use
     * {@code tls().map(Tls::isRequired).orElse(false)}; {@link Tls#ALLOW} and
     * {@link Tls#PREFER} leave it to the server.
     *
     * @return the mode, never {@link Tls#DISABLE}, or empty when the URL does not ask for TLS
     */
    public Optional<Tls> tls() {
        return tls == Tls.DISABLE ? Optional.empty() : Optional.ofNullable(tls);
    }

    /**
     * The Redis database index: the path ({@code redis://host/3}), or for a socket URL
     * {@code ?database=} (Lettuce's {@code redis-socket://}) or {@code ?db=} (redis-py's
     * {@code unix://}); 0 when there is none.
     *
     * @return the index, 0 or more
     * @throws IllegalStateException if {@link #kind()} is not {@code redis}
     */
    public int redisDatabase() {
        requireKind("redis");
        String index = row.form() == Scheme.Form.SOCKET
                ? query.getOrDefault("database", query.get("db")) : database;
        return index == null || index.isEmpty() ? 0 : Integer.parseInt(index);
    }

    /**
     * The Redis Sentinel master this URL names: Lettuce's {@code ?sentinelMasterId=} or
     * {@code #master} on a {@code redis-sentinel://} or {@code rediss-sentinel://} URL,
     * whose hosts are the sentinels (default port 26379).
     *
     * @return the master's name, or empty when the URL is not a sentinel URL
     * @throws IllegalStateException if {@link #kind()} is not {@code redis}
     */
    public Optional<String> redisSentinelMaster() {
        requireKind("redis");
        return row.form() == Scheme.Form.SENTINEL
                ? Optional.of(query.get(UrlParser.SENTINEL_MASTER)) : Optional.empty();
    }

    /**
     * Kafka's {@code bootstrap.servers}: every broker as {@code host:port}, comma-separated,
     * from Heroku's {@code KAFKA_URL} ({@code kafka+ssl://b1:9096,kafka+ssl://b2:9096}).
     * Each host is written as kafka-clients reads and resolves it, not percent-encoded: an
     * IPv6 address in brackets with its zone as is ({@code [fe80::1%eth0]:9092}), a host name
     * with non-ASCII letters in its ASCII (IDNA) form, as DNS knows it. TLS is on when
     * {@link #tls()} is present ({@code kafka+ssl}): set kafka-clients'
     * {@code security.protocol} to {@code SSL}, else {@code PLAINTEXT}.
     *
     * @return the bootstrap servers, such as {@code b1:9096,b2:9096}
     * @throws IllegalStateException if {@link #kind()} is not {@code kafka}
     */
    public String kafkaBootstrapServers() {
        requireKind("kafka");
        StringBuilder b = new StringBuilder(32 * hosts.size());
        for (Host h : hosts) {
            b.append(b.length() == 0 ? "" : ",");
            if (h.isIpv6()) {
                b.append('[').append(h.name()).append(']');
            } else {
                // UrlParser checked that a non-ASCII name has an ASCII form.
                b.append(Percent.plain(h.name(), "") ? h.name() : IDN.toASCII(h.name()));
            }
            b.append(':').append(h.port());
        }
        return b.toString();
    }

    /**
     * The Redis ACL user to {@code AUTH} as: the URL's user when it is not empty. With none,
     * a client authenticates the {@code default} user with the password alone. A userinfo
     * without {@code :} is a user, never a password.
     *
     * @return the ACL user, or empty for the {@code default} user
     * @throws IllegalStateException if {@link #kind()} is not {@code redis}
     */
    public Optional<String> redisAclUser() {
        requireKind("redis");
        return user == null || user.isEmpty() ? Optional.empty() : Optional.of(user);
    }

    /**
     * The AMQP virtual host, by the RabbitMQ URI specification: no path gives the broker's
     * default {@code /}; {@code amqp://host/} gives the empty name; {@code amqp://host/%2F}
     * gives {@code /}; {@code amqp://host/app} gives {@code app}.
     *
     * @return the virtual host, decoded
     * @throws IllegalStateException if {@link #kind()} is not {@code amqp}
     */
    public String amqpVirtualHost() {
        requireKind("amqp");
        return database == null ? "/" : database;
    }

    /**
     * Whether this is a MongoDB DNS seed list ({@code mongodb+srv://}): one host name whose
     * SRV and TXT records give the servers and options, TLS on unless {@code tls=false}.
     *
     * @return {@code true} for {@code mongodb+srv}
     */
    public boolean mongoSrv() {
        return row.srv();
    }

    /**
     * The JDBC URL for this database, credentials left out (they are in
     * {@link #jdbcProperties()}): the effective port and the {@code /} before the database
     * are always written, query parameters pass through except those named like a secret
     * (containing {@code pass}, {@code pwd}, {@code secret}, {@code token} or {@code key}, as {@link #toString()}
     * redacts them), which go to the properties, and {@code sslmode} becomes the driver's own
     * TLS options (see the README's tables). Kinds: postgresql, cockroachdb and
     * redshift ({@code jdbc:postgresql:}), mysql, mariadb, sqlserver, oracle (thin), h2
     * ({@code tcp:}/{@code ssl:}, or embedded {@code jdbc:h2:mem:NAME}/{@code jdbc:h2:file:PATH}
     * with each query parameter as {@code ;NAME=value}; nothing is added, so an in-memory
     * database that should outlive its last connection says {@code ?DB_CLOSE_DELAY=-1}).
     *
     * <p>For pgjdbc (postgresql, cockroachdb, redshift), libpq's parameters become pgjdbc's
     * ({@code target_session_attrs=read-write} is {@code targetServerType=primary},
     * {@code application_name} is {@code ApplicationName}…, the README's libpq table);
     * a libpq parameter pgjdbc cannot express is an error naming it; others pass through.
     *
     * @return the JDBC URL
     * @throws BackingServiceException if the kind has no JDBC form, or the URL asks for
     *     something its driver cannot do (several hosts for SQL Server, a Unix socket or no
     *     host at all for pgjdbc, an {@code sslmode} or libpq parameter with no equivalent),
     *     or its query holds a credential in a spelling libpq does not read ({@code User},
     *     or {@code user}/{@code password} for drivers other than pgjdbc)
     */
    public String toJdbcUrl() {
        return Jdbc.url(this);
    }

    /**
     * The connection properties to pass with {@link #toJdbcUrl()}:
     * {@code user} and {@code password} when the URL has them, query parameters named like a
     * secret (such as pgjdbc's {@code sslpassword}), and for MariaDB any value its driver
     * could not read from the URL unencoded. A new object on every call. An
     * embedded H2 URL carries no credentials, so H2 opens it with an empty user name and
     * password; set {@code user} and {@code password} on the result to use others.
     *
     * @return the properties, possibly empty
     * @throws BackingServiceException as {@link #toJdbcUrl()} does
     */
    public Properties jdbcProperties() {
        return Jdbc.properties(this);
    }

    /**
     * The normalized URL, password included: scheme as written lower-cased, components
     * percent-encoded where needed, socket hosts in the authority, ports only where written.
     * {@code parse(d.toUrl()).equals(d)} always holds. Keep it out of logs; use
     * {@link #toString()} there.
     *
     * @return the URL
     */
    public String toUrl() {
        return UrlWriter.write(this, false);
    }

    /**
     * The URL with the password, and query values whose name contains {@code pass},
     * {@code pwd}, {@code secret}, {@code token} or {@code key} (any case), replaced by {@code ***}.
     *
     * @return the redacted URL, safe to log
     */
    @Override
    public String toString() {
        return UrlWriter.write(this, true);
    }

    /**
     * Two descriptors are equal when scheme, hosts, credentials, database and query (in any
     * order) are.
     *
     * @param o the other object
     * @return whether they describe the same service the same way
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof BackingService other && scheme.equals(other.scheme)
                && Objects.equals(embedded, other.embedded) && hosts.equals(other.hosts)
                && hostlessPort.equals(other.hostlessPort) && Objects.equals(user, other.user)
                && Objects.equals(password, other.password)
                && Objects.equals(database, other.database) && query.equals(other.query);
    }

    /**
     * A hash consistent with {@link #equals(Object)}.
     *
     * @return the hash
     */
    @Override
    public int hashCode() {
        return Objects.hash(scheme, embedded, hosts, hostlessPort, user, password, database,
                query);
    }

    Scheme row() {
        return row;
    }

    /** The TLS mode as the URL wrote it, {@link Tls#DISABLE} included, or {@code null}. */
    Tls tlsAsWritten() {
        return tls;
    }

    /** The port written in a URL that names no host, such as {@code postgres://:5433/}. */
    OptionalInt hostlessPort() {
        return hostlessPort;
    }

    /** {@code mem} or {@code file} for an embedded H2 database, else {@code null}. */
    String embedded() {
        return embedded;
    }

    private Host firstHost() {
        if (hosts.isEmpty() && embedded != null) {
            throw new IllegalStateException("an embedded h2:" + embedded + ": database has no"
                    + " host or port; check hosts().isEmpty() before asking");
        }
        if (hosts.isEmpty()) {
            throw new IllegalStateException("this " + row.kind() + " URL names no host, leaving"
                    + " it to the client (libpq: its local Unix socket; RabbitMQ: localhost);"
                    + " check hosts().isEmpty() before asking");
        }
        return hosts.get(0);
    }

    private void requireKind(String kind) {
        if (!row.kind().equals(kind)) {
            throw new IllegalStateException("this is a " + row.kind() + " URL, not " + kind);
        }
    }
}
