package io.twelvefactor.backing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Generated descriptors: formatting one as a URL by a reference encoder (every byte but the
 * unreserved ones percent-encoded) and parsing it gives back each component; {@code toUrl()}
 * round-trips; the password never shows in {@code toString()} nor in any exception message.
 */
class BackingServicePropertiesTest {

    /**
     * The components a test generates, and the URL a reference formatter makes of them;
     * {@code embedded} is H2's {@code mem} or {@code file}, or null for a URL with hosts.
     */
    record Spec(String scheme, String user, String password, List<Host> hosts, String database,
            Map<String, String> query, String embedded) {

        String format() {
            StringBuilder b = new StringBuilder(scheme);
            if (embedded != null) {
                b.append(':').append(embedded).append(':').append(encode(database));
                appendQuery(b);
                return b.toString();
            }
            b.append("://");
            if (user != null) {
                b.append(encode(user));
                if (password != null) {
                    b.append(':').append(encode(password));
                }
                b.append('@');
            }
            for (int i = 0; i < hosts.size(); i++) {
                Host h = hosts.get(i);
                b.append(i == 0 ? "" : ",");
                if (h.isUnixSocket()) {
                    b.append(encode(h.name()));
                } else if (h.isIpv6()) {
                    int zone = h.name().indexOf('%');
                    b.append('[').append(zone < 0 ? h.name() : h.name().substring(0, zone) + "%25"
                            + encode(h.name().substring(zone + 1))).append(']');
                } else {
                    b.append(h.name());
                }
                h.portAsWritten().ifPresent(p -> b.append(':').append(p));
            }
            if (database != null) {
                b.append('/').append(encode(database));
            }
            appendQuery(b);
            return b.toString();
        }

        private void appendQuery(StringBuilder b) {
            char sep = '?';
            for (Map.Entry<String, String> e : query.entrySet()) {
                b.append(sep).append(encode(e.getKey())).append('=').append(encode(e.getValue()));
                sep = '&';
            }
        }

        /** H2's embedded JDBC URL by its documented form, or null when a setting holds ';'. */
        String embeddedJdbcUrl() {
            StringBuilder b = new StringBuilder("jdbc:h2:").append(embedded).append(':').append(database);
            for (Map.Entry<String, String> e : query.entrySet()) {
                if (e.getValue().contains(";")) {
                    return null;
                }
                // A name like a secret (a drawn "n_xspwdu") travels in jdbcProperties().
                if (!UrlWriter.secret(e.getKey())) {
                    b.append(';').append(e.getKey()).append('=').append(e.getValue());
                }
            }
            return b.toString();
        }

        /** The query parameters named like a secret, which jdbcProperties() carries. */
        long secrets() {
            return query.keySet().stream().filter(UrlWriter::secret).count();
        }
    }

    static String encode(String s) {
        StringBuilder b = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (x & 0xFF);
            if (c < 0x80 && Percent.unreserved(c)) {
                b.append(c);
            } else {
                b.append('%').append(Character.forDigit((x >> 4) & 0xF, 16))
                        .append(Character.forDigit(x & 0xF, 16));
            }
        }
        return b.toString();
    }

    @Property(tries = 1000)
    void formattedDescriptorsParseBackToTheirComponents(@ForAll("allSpecs") Spec spec) {
        BackingService d = BackingService.parse(spec.format());
        assertEquals(spec.scheme(), d.scheme());
        assertEquals(Optional.ofNullable(spec.user()), d.user());
        assertEquals(Optional.ofNullable(spec.password()), d.password());
        assertEquals(spec.hosts(), d.hosts());
        assertEquals(Optional.ofNullable(spec.database()), d.database());
        assertEquals(List.copyOf(spec.query().entrySet()), List.copyOf(d.query().entrySet()));
        BackingService again = BackingService.parse(d.toUrl());
        assertEquals(d, again);
        assertEquals(d.toUrl(), again.toUrl());
        if (spec.embedded() != null) {
            String jdbc = spec.embeddedJdbcUrl();
            if (jdbc == null) {
                assertThrows(BackingServiceException.class, d::toJdbcUrl);
            } else {
                assertEquals(jdbc, d.toJdbcUrl());
                assertEquals(spec.secrets(), d.jdbcProperties().size());
            }
        }
    }

    @Property(tries = 500)
    void thePasswordNeverShowsInToString(@ForAll("specs") Spec spec, @ForAll("passwords") String pw) {
        BackingService d = BackingService.parse(withPassword(spec, pw).format());
        assertEquals(Optional.of(pw), d.password());
        assertFalse(d.toString().contains(pw));
        assertFalse(d.toString().contains(encode(pw)));
        assertTrue(d.toString().contains(":***@"), d.toString());
    }

    /** Each way of breaking a URL that holds a password: the message quotes neither. */
    @Property(tries = 1000)
    void thePasswordNeverShowsInAnExceptionMessage(@ForAll("specs") Spec spec,
            @ForAll("passwords") String pw, @ForAll("breakages") int breakage) {
        String url = withPassword(spec, pw).format();
        int colon = url.indexOf(':', url.indexOf("://") + 3);
        int at = url.lastIndexOf('@', url.indexOf('@') < 0 ? 0 : indexAfterAuthority(url) - 1);
        String encoded = encode(pw);
        String broken = switch (breakage) {
            case 0 -> url.substring(0, colon + 1) + pw + url.substring(at);  // raw password
            case 1 -> url.substring(0, colon + 1) + encoded + "%zz" + url.substring(at);
            case 2 -> url.substring(0, colon + 1) + encoded + "#x" + url.substring(at);
            case 3 -> url.substring(0, at) + url.substring(indexAfterAuthority(url)); // no host
            case 4 -> url + "\n";
            case 5 -> "nosuchscheme" + url.substring(url.indexOf("://"));
            case 6 -> url.substring(0, url.indexOf("://") + 3) + pw; // password as the host
            default -> url.substring(0, at + 1) + "[" + encoded + "]";
        };
        Map<String, String> env = Map.of("SERVICE_URL", broken);
        if (breakage == 0 || breakage == 6) {
            // A raw password may still make a valid URL (of other components); if not, the
            // message must not quote it.
            try {
                BackingService.fromEnv("SERVICE_URL", env);
                return;
            } catch (BackingServiceException e) {
                checkMessage(e, pw, broken);
            }
        } else {
            checkMessage(assertThrows(BackingServiceException.class,
                    () -> BackingService.fromEnv("SERVICE_URL", env)), pw, broken);
        }
    }

    private static void checkMessage(BackingServiceException e, String pw, String broken) {
        assertFalse(e.getMessage().contains(pw), e.getMessage());
        assertFalse(e.getMessage().contains(encode(pw)), e.getMessage());
        assertFalse(e.getMessage().contains(broken.trim()), e.getMessage());
        assertTrue(e.getMessage().startsWith("SERVICE_URL"), e.getMessage());
        assertTrue(e.position() >= 0 && e.position() <= broken.length(), e.getMessage());
    }

    /**
     * A credential in the query of a URL with a JDBC form: {@code user}/{@code password} are
     * refused, other secrets go to the properties; neither reaches the JDBC URL, toString() or
     * a message, even written raw so that its '&' splits it into another parameter.
     */
    @Property(tries = 1000)
    void aQueryCredentialNeverReachesTheJdbcUrlToStringOrAMessage(@ForAll("jdbcSpecs") Spec spec,
            @ForAll("credentialKeys") String key, @ForAll("passwords") String pw,
            @ForAll boolean raw) {
        String value = raw ? pw.replace("\u00a7", "&\u00a7") : encode(pw);
        String url = spec.format() + (spec.query().isEmpty() ? "?" : "&") + key + "=" + value;
        Map<String, String> env = Map.of("SERVICE_URL", url);
        BackingService d;
        try {
            d = BackingService.fromEnv("SERVICE_URL", env);
        } catch (BackingServiceException e) {
            assertTrue(raw, e.getMessage());
            assertFalse(e.getMessage().contains("\u00a7"), e.getMessage());
            return;
        }
        if (raw) {
            return;
        }
        boolean secret = !key.equalsIgnoreCase("user");
        assertEquals(!secret, d.toString().contains("%C2%A7"), d.toString());
        assertFalse(d.toString().contains("\u00a7"), d.toString());
        boolean credential = key.equalsIgnoreCase("user") || key.equalsIgnoreCase("password");
        if (d.row().postgresFamily() && (key.equals("user") || key.equals("password"))) {
            // libpq reads them from the query, over the userinfo's: they travel as credentials.
            assertEquals(Optional.of(pw), key.equals("user") ? d.user() : d.password());
            try {
                String jdbc = d.toJdbcUrl();
                assertFalse(jdbc.contains("\u00a7") || jdbc.contains("%C2%A7"), jdbc);
                assertEquals(pw, d.jdbcProperties().getProperty(key));
            } catch (BackingServiceException e) {
                assertFalse(e.getMessage().contains("\u00a7"), e.getMessage());
            }
            return;
        }
        try {
            String jdbc = d.toJdbcUrl();
            assertFalse(credential, jdbc);
            assertFalse(jdbc.contains("\u00a7") || jdbc.contains("%C2%A7") || jdbc.contains("%c2%a7"), jdbc);
            assertEquals(pw, d.jdbcProperties().getProperty(key));
        } catch (BackingServiceException e) {
            assertFalse(e.getMessage().contains("\u00a7"), e.getMessage());
            if (credential) {
                assertEquals("query parameter " + key, e.component());
                assertEquals("backing service URL: query parameter " + key + ": credentials go in"
                        + " the URL's userinfo, such as postgres://user:password@host/db, not in"
                        + " its query", e.getMessage().replaceFirst("^SERVICE_URL", "backing service URL"));
            }
        }
    }

    @Provide
    Arbitrary<String> credentialKeys() {
        return Arbitraries.of("user", "password", "USER", "Password", "sslpassword", "sslPassword",
                "trustCertificateKeyStorePassword", "clientCertificateKeyStorePassword",
                "trustStorePassword", "keyStorePassword", "keyStoreSecret", "accessToken",
                "oracle.net.wallet_password");
    }

    /** Descriptors of the kinds toJdbcUrl() serves, with hosts. */
    @Provide
    Arbitrary<Spec> jdbcSpecs() {
        List<String> jdbcKinds = List.of("postgresql", "cockroachdb", "redshift", "mysql", "mariadb",
                "sqlserver", "oracle", "h2");
        return specs().filter(s -> jdbcKinds.contains(Scheme.TABLE.get(s.scheme()).kind()));
    }

    /** Any string either parses, round-trips and converts, or fails with this module's exception. */
    @Property(tries = 1000)
    void anyInputParsesOrFailsWithAMessage(@ForAll("urlish") String url) {
        BackingService d;
        try {
            d = BackingService.parseGeneric(url);
        } catch (BackingServiceException e) {
            // Short inputs can be words of the message itself ("", "x", the example URL).
            assertTrue(url.length() < 8 || UrlParser.EXAMPLE.contains(url)
                    || !e.getMessage().contains(url), e.getMessage());
            return;
        }
        assertEquals(d, BackingService.parseGeneric(d.toUrl()));
        try {
            assertTrue(d.toJdbcUrl().startsWith("jdbc:"));
        } catch (BackingServiceException e) {
            assertEquals(0, e.position());
        }
    }

    @Provide
    Arbitrary<String> urlish() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.of("postgres://", "redis://", "amqp://", "mongodb+srv://", "h2://", "x://",
                        "mariadb://", "sqlserver://", "oracle://", "h2:mem:", "h2:file:", "h2:"),
                Arbitraries.of("@", ":", "/", "?", "#", "%", "%2F", "%25", "%zz", "%00", "%C3", "[", "]",
                        "[::1]", ",", "=", "&", "+", " ", "host", "sslmode=", "require", "host=",
                        "port=", "5432", "0", "99999", "_", "\u00e9"),
                Arbitraries.strings().withCharRange('!', '~').ofMaxLength(3));
        return piece.list().ofMaxSize(12).map(l -> String.join("", l));
    }

    @Property(tries = 300)
    void decodingNeverTurnsPlusIntoSpace(@ForAll("text") String s) {
        BackingService d = BackingService.parse("redis://u:" + encode(s).replace("%2b", "+") + "@h");
        assertEquals(Optional.of(s), d.password());
    }

    private static int indexAfterAuthority(String url) {
        int from = url.indexOf("://") + 3;
        for (int i = from; i < url.length(); i++) {
            if ("/?#".indexOf(url.charAt(i)) >= 0) {
                return i;
            }
        }
        return url.length();
    }

    private static Spec withPassword(Spec s, String pw) {
        return new Spec(s.scheme(), s.user() == null ? "u" : s.user(), pw, s.hosts(), s.database(),
                s.query(), null);
    }

    @Provide
    Arbitrary<Integer> breakages() {
        return Arbitraries.integers().between(0, 7);
    }

    /** Passwords that other generated components cannot contain: each holds a '§'. */
    @Provide
    Arbitrary<String> passwords() {
        return Combinators.combine(text(), text(), Arbitraries.of("@", ":", "/", "#", "%", "+", "?"))
                .as((a, b, c) -> a + c + "\u00a7" + b);
    }

    @Provide
    Arbitrary<String> text() {
        return Combinators.combine(Arbitraries.strings().withCharRange(' ', '~')
                        .withCharRange('\u00a1', '\u017f').withChars("\u4e2d\u6587").ofMaxLength(12),
                Arbitraries.of("", "", "\ud83d\ude00"))
                .as((s, emoji) -> s.replace("\u00a7", "") + emoji);
    }

    @Provide
    Arbitrary<Spec> specs() {
        List<String> schemes = new ArrayList<>();
        for (Map.Entry<String, Scheme> e : Scheme.TABLE.entrySet()) {
            if (e.getValue().form() == Scheme.Form.HOSTS) {
                schemes.add(e.getKey());
            }
        }
        Arbitrary<String> scheme = Arbitraries.of(schemes);
        Arbitrary<String> optionalText = text().injectNull(0.3);
        Arbitrary<List<String>> names = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('a', 'z').withChars("0123456789-._~")
                        .ofMinLength(1).ofMaxLength(12),
                Arbitraries.of("::1", "2001:db8::1", "fe80::1%eth0", "fe80::2%\u00e9n0"),
                text().map(t -> "/" + t)).list().ofMinSize(1).ofMaxSize(3);
        Arbitrary<List<Integer>> ports = Arbitraries.integers().between(0, 65535).list().ofSize(3);
        Arbitrary<Map<String, String>> query = query("host", "port", "dbname", "sslmode", "tls",
                "ssl");
        return Combinators.combine(scheme, optionalText, optionalText, names, ports, text().injectNull(0.3),
                Arbitraries.integers().between(0, 15), query).as((s, user, pw, hostNames, portList, db, redisDb, q) -> {
                    Scheme row = Scheme.TABLE.get(s);
                    List<Host> hosts = new ArrayList<>();
                    for (int i = 0; i < hostNames.size(); i++) {
                        int p = row.kind().equals("mongodb") && hostNames.get(i).startsWith("/") ? 0
                                : portList.get(i);
                        hosts.add(p == 0 ? new Host(hostNames.get(i), row.defaultPort(), OptionalInt.empty())
                                : new Host(hostNames.get(i), p, OptionalInt.of(p)));
                    }
                    String database = row.kind().equals("redis") && db != null ? Integer.toString(redisDb)
                            : row.postgresFamily() && "".equals(db) ? null
                            : row.kind().equals("mongodb") && db != null ? db.replaceAll("[/\\\\ \"]", "") : db;
                    // MongoDB refuses an empty user name before '@'.
                    String u = user != null && user.isEmpty() && row.kind().equals("mongodb") ? "u" : user;
                    return new Spec(s, u, u == null ? null : pw, hosts, database, q, null);
                });
    }

    /** H2's h2:mem:NAME and h2:file:PATH, relative or absolute, with settings. */
    @Provide
    Arbitrary<Spec> embeddedSpecs() {
        Arbitrary<String> database = Combinators.combine(Arbitraries.of("", "./", "/var/", "~/", "C:/"),
                text()).as((prefix, t) -> prefix + t.replace(";", "")).filter(db -> !db.isEmpty());
        return Combinators.combine(Arbitraries.of("mem", "file"), database, query("user", "password", "sslmode"))
                .as((mode, db, q) -> new Spec("h2", null, null, List.of(), db, q, mode));
    }

    @Provide
    Arbitrary<Spec> allSpecs() {
        return Arbitraries.frequencyOf(Tuple.of(3, specs()), Tuple.of(1, embeddedSpecs()));
    }

    private Arbitrary<Map<String, String>> query(String... excluded) {
        return Arbitraries.maps(
                Arbitraries.strings().withCharRange('a', 'z').withChars("_").ofMinLength(1).ofMaxLength(8)
                        .filter(k -> !List.of(excluded).contains(k) && !k.contains("pass")
                                && !k.contains("pwd") && !k.contains("secret") && !k.contains("token")
                                && !k.contains("key") && !k.equals("user")),
                text()).ofMaxSize(3).map(LinkedHashMap::new);
    }
}
