package io.twelvefactor.backing;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * libpq's connection parameters, as a {@code postgres://} URL's query may write them
 * (PostgreSQL manual, "libpq: Parameter Key Words"), and what each becomes for pgjdbc.
 * A parameter pgjdbc has under another name is renamed, with its value translated where the
 * vocabularies differ; one pgjdbc cannot express is an error naming it, never dropped. A
 * query parameter that is not libpq's passes through to pgjdbc as written. The README's
 * table lists the same rows.
 */
enum Libpq {
    /** pgjdbc decides "primary" by {@code transaction_read_only}, as libpq's read-write does. */
    TARGET_SESSION_ATTRS("target_session_attrs", "targetServerType",
            "any=any", "read-write=primary", "primary=primary", "read-only=secondary",
            "standby=secondary", "prefer-standby=preferSecondary"),
    APPLICATION_NAME("application_name", "ApplicationName"),
    /** Used only when {@code application_name} is not given, as libpq does. */
    FALLBACK_APPLICATION_NAME("fallback_application_name", "ApplicationName"),
    CONNECT_TIMEOUT("connect_timeout", "connectTimeout"),
    KEEPALIVES("keepalives", "tcpKeepAlive", "1=true", "0=false"),
    OPTIONS("options", "options"),
    SSLMODE("sslmode", "sslmode"),
    SSLCERT("sslcert", "sslcert"),
    SSLKEY("sslkey", "sslkey"),
    SSLROOTCERT("sslrootcert", "sslrootcert"),
    SSLPASSWORD("sslpassword", "sslpassword"),
    SSLNEGOTIATION("sslnegotiation", "sslNegotiation", "postgres=postgres", "direct=direct"),
    CHANNEL_BINDING("channel_binding", "channelBinding",
            "disable=disable", "prefer=prefer", "require=require"),
    GSSENCMODE("gssencmode", "gssEncMode", "disable=disable", "prefer=prefer",
            "require=require"),
    KRBSRVNAME("krbsrvname", "kerberosServerName"),
    GSSLIB("gsslib", "gsslib", "gssapi=gssapi", "sspi=sspi"),
    REQUIRE_AUTH("require_auth", "requireAuth"),
    SERVICE("service", "service"),
    LOAD_BALANCE_HOSTS("load_balance_hosts", "loadBalanceHosts", "disable=false",
            "random=true"),
    /** libpq's false spellings mean an ordinary connection: pgjdbc's default, so nothing. */
    REPLICATION("replication", "replication", "database=database", "true=true", "on=true",
            "yes=true", "1=true", "false=", "off=", "no=", "0="),
    /** pgjdbc always talks UTF-8; libpq's UTF8 asks for the same, so nothing. */
    CLIENT_ENCODING("client_encoding", "client_encoding", "UTF8=", "utf8=", "UTF-8=",
            "utf-8="),
    HOSTADDR("hostaddr", null),
    PASSFILE("passfile", null),
    KEEPALIVES_IDLE("keepalives_idle", null),
    KEEPALIVES_INTERVAL("keepalives_interval", null),
    KEEPALIVES_COUNT("keepalives_count", null),
    TCP_USER_TIMEOUT("tcp_user_timeout", null),
    REQUIRESSL("requiressl", null),
    SSLCOMPRESSION("sslcompression", null),
    SSLCRL("sslcrl", null),
    SSLCRLDIR("sslcrldir", null),
    SSLSNI("sslsni", null),
    SSLCERTMODE("sslcertmode", null),
    SSLKEYLOGFILE("sslkeylogfile", null),
    SSL_MIN_PROTOCOL_VERSION("ssl_min_protocol_version", null),
    SSL_MAX_PROTOCOL_VERSION("ssl_max_protocol_version", null),
    REQUIREPEER("requirepeer", null),
    GSSDELEGATION("gssdelegation", null),
    MIN_PROTOCOL_VERSION("min_protocol_version", null),
    MAX_PROTOCOL_VERSION("max_protocol_version", null),
    SCRAM_CLIENT_KEY("scram_client_key", null),
    SCRAM_SERVER_KEY("scram_server_key", null),
    OAUTH_ISSUER("oauth_issuer", null),
    OAUTH_CLIENT_ID("oauth_client_id", null),
    OAUTH_CLIENT_SECRET("oauth_client_secret", null),
    OAUTH_SCOPE("oauth_scope", null);

    private final String libpq;
    private final String pgjdbc;
    private final String[] values;

    /**
     * @param libpq the libpq key word
     * @param pgjdbc pgjdbc's property, or {@code null} when pgjdbc has none
     * @param values "libpq=pgjdbc" value pairs when the vocabularies differ or are closed; an
     *     empty pgjdbc value writes nothing; none means the value passes as written
     */
    Libpq(String libpq, String pgjdbc, String... values) {
        this.libpq = libpq;
        this.pgjdbc = pgjdbc;
        this.values = values;
    }

    /** The row for a libpq key word (case-sensitive, as libpq's are), or {@code null}. */
    static Libpq of(String name) {
        for (Libpq p : values()) {
            if (p.libpq.equals(name)) {
                return p;
            }
        }
        return null;
    }

    /** The libpq key word. */
    String libpq() {
        return libpq;
    }

    /** pgjdbc's property name, or {@code null} when pgjdbc cannot express this parameter. */
    String pgjdbc() {
        return pgjdbc;
    }

    /**
     * The pgjdbc value for a libpq value: {@code ""} when nothing is to be written,
     * {@code null} when the value is not one libpq accepts for this parameter.
     */
    String translate(String value) {
        if (this == CONNECT_TIMEOUT) {
            return timeout(value);
        }
        if (values.length == 0) {
            return value;
        }
        for (String pair : values) {
            int eq = pair.indexOf('=');
            if (pair.regionMatches(0, value, 0, eq) && value.length() == eq) {
                return pair.substring(eq + 1);
            }
        }
        return null;
    }

    /** The libpq values this parameter accepts, for a message. */
    String accepted() {
        if (this == CONNECT_TIMEOUT) {
            return "an integer number of seconds";
        }
        StringBuilder b = new StringBuilder();
        for (String pair : values) {
            b.append(b.length() == 0 ? "one of: " : ", ").append(pair, 0, pair.indexOf('='));
        }
        return b.toString();
    }

    /**
     * libpq waits forever for zero or a negative value and at least 2 seconds for any other;
     * pgjdbc's {@code connectTimeout} waits forever for 0.
     */
    private static String timeout(String value) {
        int n = 0;
        int i = value.startsWith("-") ? 1 : 0;
        if (i == value.length() || value.length() > 10) {
            return null;
        }
        for (; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            n = n * 10 + (c - '0');
        }
        if (value.startsWith("-") || n == 0) {
            return "0";
        }
        return Integer.toString(Math.max(n, 2));
    }

    /**
     * The parameters of {@code query} for pgjdbc, in order: libpq's translated, others as
     * written. {@code fail} receives the parameter at fault and the message.
     */
    static Map<String, String> forPgjdbc(Map<String, String> query, Failure fail) {
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, String> from = new HashMap<>();
        for (Map.Entry<String, String> e : query.entrySet()) {
            String name = e.getKey();
            Libpq p = of(name);
            if (p == null) {
                put(out, from, name, e.getValue(), name, fail);
                continue;
            }
            if (p.pgjdbc == null) {
                throw fail.at(name, "is a libpq parameter that pgjdbc cannot express, so the"
                        + " connection would silently ignore it; remove it, or set pgjdbc's"
                        + " nearest option yourself (see the README's libpq table)");
            }
            if (p == FALLBACK_APPLICATION_NAME && query.containsKey(APPLICATION_NAME.libpq)) {
                continue;
            }
            String v = p.translate(e.getValue());
            if (v == null) {
                throw fail.at(name, "'" + UrlParser.trim(e.getValue()) + "' is not a value"
                        + " libpq accepts here; expected " + p.accepted());
            }
            if (!v.isEmpty()) {
                put(out, from, p.pgjdbc, v, name, fail);
            }
        }
        return out;
    }

    private static void put(Map<String, String> out, Map<String, String> from, String key,
            String value, String source, Failure fail) {
        String lower = key.toLowerCase(Locale.ROOT);
        String earlier = from.putIfAbsent(lower, source);
        if (earlier != null) {
            throw fail.at(source, "sets pgjdbc's " + key + " as " + earlier + " does too; keep"
                    + " one of the two");
        }
        out.put(key, value);
    }

    /** Makes the exception for a query parameter at fault. */
    interface Failure {
        BackingServiceException at(String parameter, String problem);
    }
}
