package io.twelvefactor.backing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.mongodb.ConnectionString;
import com.rabbitmq.client.ConnectionFactory;
import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisURI;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import org.mariadb.jdbc.Configuration;
import org.postgresql.Driver;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * Differential tests: for 10 000 generated URLs of each kind, what this module reads equals
 * what the real client reads. For the JDBC kinds, the driver's own URL parser reads
 * {@code toJdbcUrl()} and {@code jdbcProperties()}; for Redis, AMQP and MongoDB, the client
 * parses the same original URL. Where the module knowingly differs (the README's table of
 * differences), the check asserts the documented difference, so that a change on either
 * side shows.
 *
 * <p>The URLs come from jqwik's generators drawn with a fixed {@link Random} per kind, so
 * every run checks the same URLs (the project forbids fixed seeds on {@code @Property}); a
 * failure names the URL, the kind and its index.
 */
class ClientParsersTest {

    /** URLs per kind; the issue asks for at least 10 000. */
    static final int URLS = 10_000;

    // ---- pgjdbc -------------------------------------------------------------------------

    @Example
    void pgjdbcReadsWhatThisModuleReads() {
        check("pgjdbc", 15L, postgresUrls(), url -> {
            BackingService d = BackingService.parse(url);
            Properties p = Driver.parseURL(d.toJdbcUrl(), d.jdbcProperties());
            if (p == null) {
                throw new AssertionError("pgjdbc refused " + d.toJdbcUrl());
            }
            List<String> hosts = new ArrayList<>();
            List<String> ports = new ArrayList<>();
            for (Host h : d.hosts()) {
                hosts.add(h.isIpv6() ? "[" + h.name() + "]" : h.name());
                ports.add(Integer.toString(h.port()));
            }
            assertEquals(String.join(",", hosts), p.getProperty("PGHOST"), "hosts");
            assertEquals(String.join(",", ports), p.getProperty("PGPORT"), "ports");
            // No database is libpq's and pgjdbc's default alike: the user's name.
            assertEquals(d.database().orElse(d.user().orElse(null)), p.getProperty("PGDBNAME"), "database");
            assertEquals(d.user().orElse(null), p.getProperty("user"), "user");
            assertEquals(d.password().orElse(null), p.getProperty("password"), "password");
            Map<String, String> expected = Libpq.forPgjdbc(d.query(), (n, m) -> new BackingServiceException(null, n, 0, m));
            for (Map.Entry<String, String> e : expected.entrySet()) {
                assertEquals(e.getValue(), p.getProperty(e.getKey()), "option " + e.getKey());
            }
        });
    }

    /** libpq URLs: hosts, credentials, database, libpq and pgjdbc options, overrides. */
    static Arbitrary<String> postgresUrls() {
        Arbitrary<String> option = Arbitraries.oneOf(
                Arbitraries.of("any", "read-write", "primary", "read-only", "standby",
                        "prefer-standby").map(v -> "target_session_attrs=" + v),
                text(12).map(v -> "application_name=" + encode(v)),
                text(12).map(v -> "fallback_application_name=" + encode(v)),
                Arbitraries.integers().between(-5, 300).map(v -> "connect_timeout=" + v),
                Arbitraries.of("0", "1").map(v -> "keepalives=" + v),
                text(16).map(v -> "options=" + encode(v)),
                Arbitraries.of("disable", "allow", "prefer", "require", "verify-ca",
                        "verify-full").map(v -> "sslmode=" + v),
                text(16).map(v -> "sslrootcert=" + encode(v)),
                text(16).map(v -> "sslpassword=" + encode(v)),
                Arbitraries.of("disable", "prefer", "require").map(v -> "channel_binding=" + v),
                Arbitraries.of("disable", "random").map(v -> "load_balance_hosts=" + v),
                text(10).map(v -> "currentSchema=" + encode(v)),
                Arbitraries.integers().between(0, 9).map(v -> "prepareThreshold=" + v),
                text(8).map(v -> "user=" + encode(v)),
                text(8).map(v -> "password=" + encode(v)),
                text(8).map(v -> "dbname=" + encode(v)),
                Arbitraries.integers().between(1, 65535).map(v -> "port=" + v));
        return Combinators.combine(Arbitraries.of("postgres", "postgresql", "pg"), userinfo(),
                hostList(3, true), path(), query(option))
                .as((scheme, ui, hosts, db, q) -> scheme + "://" + ui + hosts + db + q);
    }

    // ---- MySQL Connector/J and MariaDB Connector/J --------------------------------------

    @Example
    void mysqlConnectorJReadsWhatThisModuleReads() {
        check("mysql", 3306L, jdbcUrls("mysql", "useSSL", "connectTimeout", "characterEncoding"),
                url -> {
                    BackingService d = BackingService.parse(url);
                    String db = d.database().orElse("");
                    if (!db.equals(db.strip())) {
                        // Connector/J trims the name, so toJdbcUrl() refuses it.
                        expectFailure(d::toJdbcUrl, "database");
                        return;
                    }
                    com.mysql.cj.conf.ConnectionUrl c = com.mysql.cj.conf.ConnectionUrl
                            .getConnectionUrlInstance(d.toJdbcUrl(), d.jdbcProperties());
                    List<com.mysql.cj.conf.HostInfo> read = c.getHostsList();
                    assertEquals(d.hosts().size(), read.size(), "hosts");
                    for (int i = 0; i < read.size(); i++) {
                        assertEquals(d.hosts().get(i).name(), read.get(i).getHost(), "host");
                        assertEquals(d.hosts().get(i).port(), read.get(i).getPort(), "port");
                        assertEquals(d.database().orElse(""), read.get(i).getDatabase(), "database");
                        assertEquals(d.user().orElse(null), read.get(i).getUser(), "user");
                        assertEquals(d.password().orElse(null), read.get(i).getPassword(), "password");
                        for (Map.Entry<String, String> e : d.query().entrySet()) {
                            if (!e.getKey().equals("sslmode")) {
                                assertEquals(e.getValue(), read.get(i).getProperty(e.getKey()),
                                        "option " + e.getKey());
                            }
                        }
                    }
                });
    }

    @Example
    void mariadbConnectorJReadsWhatThisModuleReads() {
        check("mariadb", 3307L, jdbcUrls("mariadb", "useCompression", "connectTimeout",
                "sessionVariables"), url -> {
                    BackingService d = BackingService.parse(url);
                    Configuration c;
                    try {
                        c = Configuration.parse(d.toJdbcUrl(), d.jdbcProperties());
                    } catch (SQLException e) {
                        throw new AssertionError("MariaDB Connector/J refused " + d.toJdbcUrl(), e);
                    }
                    assertEquals(d.hosts().size(), c.addresses().size(), "hosts");
                    for (int i = 0; i < d.hosts().size(); i++) {
                        assertEquals(d.hosts().get(i).name(), c.addresses().get(i).host, "host");
                        assertEquals(d.hosts().get(i).port(), c.addresses().get(i).port, "port");
                    }
                    assertEquals(d.database().filter(s -> !s.isEmpty()).orElse(null), c.database(),
                            "database");
                    // MariaDB Connector/J reads an empty user, password or option as none.
                    assertEquals(d.user().filter(u -> !u.isEmpty()).orElse(null), c.user(), "user");
                    assertEquals(d.password().filter(u -> !u.isEmpty()).orElse(null), c.password(),
                            "password");
                    assertEquals(d.query().get("connectTimeout") == null ? 30_000
                            : Integer.parseInt(d.query().get("connectTimeout")), c.connectTimeout(),
                            "connectTimeout");
                    assertEquals(Optional.ofNullable(d.query().get("sessionVariables"))
                            .filter(v -> !v.isEmpty()),
                            Optional.ofNullable(c.sessionVariables()), "sessionVariables");
                });
    }

    /** MySQL-family URLs: hosts, credentials, database, a text option and an integer one. */
    static Arbitrary<String> jdbcUrls(String scheme, String flag, String number, String textOption) {
        Arbitrary<String> option = Arbitraries.oneOf(
                Arbitraries.of("true", "false").map(v -> flag + "=" + v),
                Arbitraries.integers().between(1, 100_000).map(v -> number + "=" + v),
                text(12).map(v -> textOption + "=" + encode(v)),
                Arbitraries.of("disable", "require", "verify-ca", "verify-full")
                        .map(v -> "sslmode=" + v));
        return Combinators.combine(userinfo(), hostList(3, false), path(), query(option))
                .as((ui, hosts, db, q) -> scheme + "://" + ui + hosts + db + q);
    }

    // ---- Redis: Lettuce and Jedis --------------------------------------------------------

    @Example
    void lettuceReadsWhatThisModuleReads() {
        check("lettuce", 6379L, redisUrls(true), url -> {
            BackingService d = BackingService.parse(url);
            RedisURI r = RedisURI.create(url);
            RedisCredentials c = r.getCredentialsProvider().resolveCredentials().block();
            String user = c == null ? null : c.getUsername();
            String password = c == null || c.getPassword() == null ? null : new String(c.getPassword());
            if (!d.hosts().get(0).isUnixSocket() && !d.hosts().get(0).isIpv6()
                    && !javaUriReadsHost(d.host())) {
                // java.net.URI cannot read this host; Lettuce's fallback keeps the port in it.
                return;
            }
            if (d.hosts().get(0).isUnixSocket()) {
                assertEquals(d.host(), r.getSocket(), "socket");
            } else if (d.redisSentinelMaster().isPresent()) {
                assertEquals(d.redisSentinelMaster().get(), r.getSentinelMasterId(), "master");
                assertEquals(d.hosts().size(), r.getSentinels().size(), "sentinels");
                for (int i = 0; i < d.hosts().size(); i++) {
                    assertEquals(d.hosts().get(i).name(), r.getSentinels().get(i).getHost(), "sentinel");
                    assertEquals(d.hosts().get(i).port(), r.getSentinels().get(i).getPort(), "port");
                }
            } else {
                assertEquals(d.host(), r.getHost(), "host");
                assertEquals(d.port(), r.getPort(), "port");
            }
            assertEquals(d.redisDatabase(), r.getDatabase(), "database");
            assertEquals(d.tls().isPresent(), r.isSsl(), "tls");
            // Documented differences: Lettuce splits the decoded userinfo at its first ':',
            // reads a userinfo without ':' as a password, and one with an empty password as
            // no credentials at all.
            String info = d.user().orElse("") + d.password().map(p -> ":" + p).orElse("");
            int colon = info.indexOf(':');
            String lettuceUser = colon <= 0 ? null : info.substring(0, colon);
            String lettucePassword = colon < 0 ? info : info.substring(colon + 1);
            if (lettucePassword.isEmpty()) {
                lettuceUser = null;
                lettucePassword = null;
            }
            assertEquals(lettuceUser, user, "user");
            assertEquals(lettucePassword, password, "password");
        });
    }

    @Example
    void jedisReadsWhatThisModuleReads() {
        check("jedis", 6380L, redisUrls(false), url -> {
            BackingService d = BackingService.parse(url);
            URI uri = URI.create(url);
            HostAndPort hp = JedisURIHelper.getHostAndPort(uri);
            if (!javaUriReadsHost(d.host())) {
                // Documented difference: java.net.URI, which Jedis uses, reads no host here.
                assertEquals(null, hp.getHost(), "host java.net.URI cannot read");
                return;
            }
            assertEquals(d.host(), hp.getHost(), "host");
            // Documented difference: Jedis 5.2 gives -1 for a port the URL leaves out.
            assertEquals(d.hosts().get(0).portAsWritten().orElse(-1), hp.getPort(), "port");
            assertEquals(d.redisDatabase(), JedisURIHelper.getDBIndex(uri), "database");
            assertEquals(d.tls().isPresent(), JedisURIHelper.isRedisSSLScheme(uri), "tls");
            if (d.user().isPresent() && d.password().isEmpty() && d.user().get().indexOf(':') < 0) {
                // Documented difference: Jedis 5 fails on a userinfo without ':'.
                expectFailure(() -> JedisURIHelper.getPassword(uri), "Jedis");
                return;
            }
            // Documented difference: Jedis splits the decoded userinfo at its first ':'.
            String info = d.user().orElse("") + d.password().map(p -> ":" + p).orElse("");
            String jedisUser = info.isEmpty() && d.user().isEmpty() ? null : info.substring(0, info.indexOf(':'));
            assertEquals(jedisUser == null || jedisUser.isEmpty() ? null : jedisUser,
                    JedisURIHelper.getUser(uri), "user");
            assertEquals(d.user().isEmpty() ? null : info.substring(info.indexOf(':') + 1),
                    JedisURIHelper.getPassword(uri), "password");
        });
    }

    /** Redis URLs; with {@code lettuceForms}, also socket and sentinel forms. */
    static Arbitrary<String> redisUrls(boolean lettuceForms) {
        Arbitrary<String> plain = Combinators.combine(Arbitraries.of("redis", "rediss"), userinfo(),
                hostList(1, false), Arbitraries.integers().between(-1, 15))
                .as((scheme, ui, host, db) -> scheme + "://" + ui + host + (db < 0 ? "" : "/" + db));
        if (!lettuceForms) {
            return plain;
        }
        Arbitrary<String> socket = Combinators.combine(userinfo(), name().list().ofMinSize(1).ofMaxSize(3),
                Arbitraries.integers().between(-1, 15))
                .as((ui, dirs, db) -> "redis-socket://" + ui + "/" + String.join("/", dirs) + ".sock"
                        + (db < 0 ? "" : "?database=" + db));
        Arbitrary<String> sentinel = Combinators.combine(Arbitraries.of("redis-sentinel", "rediss-sentinel"),
                userinfo(), hostList(3, false), Arbitraries.integers().between(-1, 15), name())
                .as((scheme, ui, hosts, db, master) -> scheme + "://" + ui + hosts
                        + (db < 0 ? "" : "/" + db) + "?sentinelMasterId=" + master);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, plain),
                net.jqwik.api.Tuple.of(2, socket), net.jqwik.api.Tuple.of(2, sentinel));
    }

    // ---- RabbitMQ ------------------------------------------------------------------------

    @Example
    void rabbitMqClientReadsWhatThisModuleReads() {
        check("amqp", 5672L, amqpUrls(), url -> {
            BackingService d = BackingService.parse(url);
            ConnectionFactory f = new ConnectionFactory();
            if (url.endsWith("://")) {
                // Documented difference: java.net.URI refuses the spec's own amqp://.
                expectFailure(() -> setUri(f, url), "RabbitMQ's client");
                return;
            }
            String vhost = d.amqpVirtualHost();
            if (vhost.indexOf('%') >= 0 || vhost.indexOf('+') >= 0) {
                // Documented difference: the client decodes the virtual host a second time
                // (URLDecoder), which refuses or changes '%' and '+'.
                return;
            }
            if (d.hosts().isEmpty() || !javaUriReadsHost(d.host())) {
                // Documented difference: java.net.URI reads no server authority without a
                // host it can parse, so the client keeps its defaults for all of it.
                setUri(f, url);
                assertEquals(vhost, f.getVirtualHost(), "virtual host");
                assertEquals("localhost", f.getHost(), "host");
                assertEquals(d.tls().isPresent() ? 5671 : 5672, f.getPort(), "port");
                assertEquals("guest", f.getUsername(), "user");
                return;
            }
            if (d.user().filter(String::isEmpty).isPresent()
                    && d.password().filter(String::isEmpty).isPresent()) {
                expectFailure(() -> setUri(f, url), "RabbitMQ's client");
                return;
            }
            setUri(f, url);
            assertEquals(d.tls().isPresent(), f.isSSL(), "tls");
            assertEquals(vhost, f.getVirtualHost(), "virtual host");
            assertEquals(d.host(), f.getHost(), "host");
            assertEquals(d.port(), f.getPort(), "port");
            if (!ascii(d.user().orElse("")) || !ascii(d.password().orElse(""))) {
                // Documented difference: the client decodes credentials byte by byte, so
                // non-ASCII ones come out garbled.
                return;
            }
            if (d.password().filter(String::isEmpty).isPresent()) {
                // Documented difference: the client reads an empty password as none (and
                // fails on an empty user and password, ':@').
                if (d.user().get().isEmpty()) {
                    return;
                }
                assertEquals("guest", f.getPassword(), "empty password");
                return;
            }
            assertEquals(d.user().orElse("guest"), f.getUsername(), "user");
            assertEquals(d.password().orElse("guest"), f.getPassword(), "password");
        });
    }

    static Arbitrary<String> amqpUrls() {
        Arbitrary<String> host = Arbitraries.oneOf(hostList(1, false), Arbitraries.of("", ":5673"));
        Arbitrary<String> vhost = Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.just("/"),
                text(10).map(v -> "/" + encode(v)));
        return Combinators.combine(Arbitraries.of("amqp", "amqps"), userinfo(), host, vhost)
                .as((scheme, ui, h, v) -> scheme + "://" + ui + h + v);
    }

    // ---- MongoDB -------------------------------------------------------------------------

    @Example
    void mongoDbDriverReadsWhatThisModuleReads() {
        check("mongodb", 27017L, mongoUrls(), url -> {
            BackingService d;
            try {
                d = BackingService.parse(url);
            } catch (BackingServiceException e) {
                // This module refuses what the driver refuses too (see below).
                expectFailure(() -> new ConnectionString(url, NO_DNS), "driver");
                return;
            }
            String db = d.database().orElse("");
            if (db.indexOf('.') >= 0) {
                // Documented difference: the driver reads the path as database.collection.
                db = db.substring(0, db.indexOf('.'));
                if (db.isEmpty()) {
                    expectFailure(() -> new ConnectionString(url, NO_DNS), "driver");
                    return;
                }
            }
            if (d.user().isPresent() && d.password().isEmpty()) {
                // Documented difference: the driver refuses a user without a password unless
                // ?authMechanism= names one that needs none; this module leaves that to it.
                expectFailure(() -> new ConnectionString(url, NO_DNS), "driver");
                return;
            }
            ConnectionString c = new ConnectionString(url, NO_DNS);
            List<String> hosts = new ArrayList<>();
            for (Host h : d.hosts()) {
                String name = h.isIpv6() ? "[" + h.name() + "]" : h.name();
                hosts.add(name.toLowerCase(Locale.ROOT)
                        + (h.portAsWritten().isPresent() ? ":" + h.port() : ""));
            }
            hosts.sort(null);
            List<String> read = new ArrayList<>(c.getHosts());
            read.sort(null);
            assertEquals(hosts, read, "hosts (the driver sorts and lower-cases them)");
            assertEquals(d.mongoSrv(), c.isSrvProtocol(), "srv");
            assertEquals(d.user().orElse(null), c.getUsername(), "user");
            assertEquals(d.password().orElse(null),
                    c.getPassword() == null ? null : new String(c.getPassword()), "password");
            assertEquals(db.isEmpty() ? null : db, c.getDatabase(), "database");
            assertEquals(d.tls().isPresent() ? Boolean.TRUE : d.query().containsKey("tls")
                    ? Boolean.FALSE : null, c.getSslEnabled(), "tls");
        });
    }

    /** No TXT records: the test reads the URL alone, without a DNS round trip per URL. */
    static final com.mongodb.spi.dns.DnsClient NO_DNS = (name, type) -> List.of();

    static Arbitrary<String> mongoUrls() {
        Arbitrary<String> option = Arbitraries.oneOf(
                Arbitraries.of("true", "false").map(v -> "tls=" + v),
                Arbitraries.of("rs0", "a-b").map(v -> "replicaSet=" + v),
                Arbitraries.integers().between(0, 3).map(v -> "w=" + v));
        Arbitrary<String> plain = Combinators.combine(userinfo(), hostList(3, false),
                Arbitraries.oneOf(Arbitraries.just(""), text(8).map(v -> "/" + encode(v))),
                query(option))
                .as((ui, hosts, db, q) -> "mongodb://" + ui + hosts
                        + (db.isEmpty() && !q.isEmpty() ? "/" : db) + q);
        Arbitrary<String> srv = Combinators.combine(userinfo(), name(), name(), name())
                .as((ui, a, b, c) -> "mongodb+srv://" + ui + a + "." + b + "." + c + "/");
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, plain), net.jqwik.api.Tuple.of(2, srv));
    }

    // ---- shared generators ---------------------------------------------------------------

    /** Whether java.net.URI, which Jedis, Lettuce and RabbitMQ's client use, reads this host. */
    static boolean javaUriReadsHost(String host) {
        try {
            return new URI("x://" + host).getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    static void setUri(ConnectionFactory f, String url) {
        try {
            f.setUri(url);
        } catch (java.net.URISyntaxException | java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException("RabbitMQ's client refused it: " + e, e);
        }
    }

    static boolean ascii(String s) {
        return s.chars().allMatch(c -> c < 0x80);
    }

    /** Asserts that {@code action} throws; {@code what} names the side that should refuse. */
    static void expectFailure(Runnable action, String what) {
        try {
            action.run();
        } catch (RuntimeException e) {
            return;
        }
        throw new AssertionError(what + " accepted what the other side refuses");
    }

    /** Runs {@code check} on {@link #URLS} URLs drawn with a fixed seed; names the one that fails. */
    static void check(String kind, long seed, Arbitrary<String> urls, Consumer<String> check) {
        Random random = new Random(seed);
        net.jqwik.api.RandomGenerator<String> generator = urls.generator(100);
        Map<String, String> first = new LinkedHashMap<>();
        Map<String, Integer> count = new LinkedHashMap<>();
        for (int i = 0; i < URLS; i++) {
            String url = generator.next(random).value();
            try {
                check.accept(url);
            } catch (AssertionError | RuntimeException e) {
                String m = String.valueOf(e.getMessage());
                String category = e.getClass().getSimpleName() + ": "
                        + (m.contains("==>") ? m.substring(0, m.indexOf("==>")) : m.length() > 60 ? m.substring(0, 60) : m);
                first.putIfAbsent(category, "#" + i + " " + url + " -> " + m);
                count.merge(category, 1, Integer::sum);
            }
        }
        if (!first.isEmpty()) {
            StringBuilder b = new StringBuilder(kind + ": the client and this module disagree:");
            for (Map.Entry<String, String> e : first.entrySet()) {
                b.append("\n  ").append(count.get(e.getKey())).append("x ").append(e.getValue());
            }
            throw new AssertionError(b.toString());
        }
    }

    /** Text with every character a URL must encode, non-ASCII letters and an emoji. */
    static Arbitrary<String> text(int max) {
        return Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z')
                .withCharRange('0', '9').withChars("-._~:/?#[]@!$&'()*+,;=% \u00e9\u4e2d")
                .ofMaxLength(max)
                .flatMap(s -> Arbitraries.of("", "", "", "\ud83d\ude00").map(e -> s + e));
    }

    /** A lower-case DNS label. */
    static Arbitrary<String> name() {
        return Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9')
                .ofMinLength(1).ofMaxLength(10);
    }

    /** {@code [user[:password]@]}, each encoded, possibly empty. */
    static Arbitrary<String> userinfo() {
        return Arbitraries.oneOf(Arbitraries.just(""),
                text(10).map(u -> encode(u) + "@"),
                Combinators.combine(text(10), text(14)).as((u, p) -> encode(u) + ":" + encode(p) + "@"));
    }

    /** One to {@code max} hosts, each with or without a port; IPv6 literals when asked. */
    static Arbitrary<String> hostList(int max, boolean ipv6) {
        Arbitrary<String> host = ipv6
                ? Arbitraries.oneOf(dnsName(), Arbitraries.of("[::1]", "[2001:db8::7]", "127.0.0.1"))
                : Arbitraries.oneOf(dnsName(), Arbitraries.of("127.0.0.1", "localhost"));
        Arbitrary<String> port = Arbitraries.oneOf(Arbitraries.just(""),
                Arbitraries.integers().between(1, 65535).map(p -> ":" + p));
        return Combinators.combine(host, port).as((h, p) -> h + p).list().ofMinSize(1).ofMaxSize(max)
                .map(l -> String.join(",", l));
    }

    static Arbitrary<String> dnsName() {
        return name().list().ofMinSize(1).ofMaxSize(3).map(l -> String.join(".", l));
    }

    /** {@code /database}, {@code /} or nothing. */
    static Arbitrary<String> path() {
        return Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.just("/"),
                text(12).map(v -> "/" + encode(v)));
    }

    /** {@code ?a=b&c=d} from distinct options, or nothing. */
    static Arbitrary<String> query(Arbitrary<String> option) {
        return option.list().ofMaxSize(4).map(l -> {
            Map<String, String> byName = new LinkedHashMap<>();
            for (String o : l) {
                byName.putIfAbsent(o.substring(0, o.indexOf('=')), o);
            }
            return byName.isEmpty() ? "" : "?" + String.join("&", byName.values());
        });
    }

    /** Every byte but RFC 3986's unreserved characters percent-encoded. */
    static String encode(String s) {
        StringBuilder b = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xFF;
            if (c < 0x80 && Percent.unreserved((char) c)) {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return b.toString();
    }
}
