package io.twelvefactor.backing;

import java.util.List;
import java.util.Locale;

/**
 * What each kind of service accepts beyond the URL grammar, checked by {@link UrlParser}
 * once a URL is split: MongoDB's strict userinfo and database names, Redis database indexes,
 * AMQP virtual hosts, SRV and Sentinel forms, and the TLS mode a URL asks for.
 *
 * <p>Static, so that a parse allocates nothing for them; each error goes through the parser,
 * which names the variable and never quotes the URL.
 */
final class KindRules {

    private KindRules() {
    }

    /**
     * MongoDB's connection-string spec: a ':' or '@' in a user name or password must be
     * percent-encoded, so a second raw one is an error rather than part of the password.
     */
    static void strictMongoUserinfo(UrlParser p, int authStart, int at, int colon) {
        String s = p.s;
        if (at == authStart || colon == authStart) {
            throw p.fail("user", authStart + 1, "is empty; MongoDB requires a user name before"
                    + " ':' and '@', or no '@' at all");
        }
        int firstAt = s.indexOf('@', authStart);
        if (firstAt < at) {
            throw p.fail("user", firstAt + 1, "MongoDB requires '@' in a user name or password to"
                    + " be written %40");
        }
        int second = colon < 0 ? -1 : s.indexOf(':', colon + 1);
        if (second >= 0 && second < at) {
            throw p.fail("password", second + 1, "MongoDB requires ':' in a password to be"
                    + " written %3A");
        }
    }

    static void check(UrlParser p, Scheme row, List<Host> hosts, int authEnd, int queryStart,
            String database, Query query) {
        String s = p.s;
        String kind = row.kind();
        if (row.form() == Scheme.Form.SENTINEL && !query.containsKey(UrlParser.SENTINEL_MASTER)) {
            throw p.fail("sentinel master", 0, "is missing; name the master the sentinels"
                    + " watch, such as redis-sentinel://s1,s2/0?sentinelMasterId=mymaster");
        }
        if (kind.equals("redis") && database != null && !database.isEmpty()) {
            if (!redisIndex(database)) {
                throw p.fail("database", authEnd + 2, "a Redis URL's path is a database index;"
                        + " write an integer such as /0");
            }
        }
        if (kind.equals("amqp") && database != null && s.indexOf('/', authEnd + 1) >= 0
                && s.indexOf('/', authEnd + 1) < queryStart) {
            throw p.fail("virtual host", s.indexOf('/', authEnd + 1) + 1, "a virtual host cannot"
                    + " contain an unencoded '/'; write it as %2F, such as /%2F for the"
                    + " virtual host '/'");
        }
        if (kind.equals("mongodb") && database != null) {
            // The driver reads the path as database.collection; the rule is the database's.
            int dot = database.indexOf('.');
            for (int i = 0; i < (dot < 0 ? database.length() : dot); i++) {
                if ("/\\ \"".indexOf(database.charAt(i)) >= 0) {
                    throw p.fail("database", authEnd + 2, "a MongoDB database name cannot contain"
                            + " '/', '\\', ' ' or '\"'");
                }
            }
        }
        if (row.srv()) {
            if (hosts.size() != 1 || hosts.get(0).isUnixSocket()) {
                throw p.fail("host", 0, "mongodb+srv:// takes exactly one host name;"
                        + " DNS lists the others");
            }
            if (hosts.get(0).portAsWritten().isPresent()) {
                throw p.fail("port", 0, "mongodb+srv:// takes no port; DNS SRV records give it");
            }
        }
    }

    static Tls tls(UrlParser p, Scheme row, Query query) {
        Tls tls = row.secure() ? Tls.VERIFY_FULL : null;
        String mode = query.get("sslmode");
        if (mode != null) {
            Tls asked = Tls.ofSslmode(mode);
            String component = "query parameter sslmode";
            if (asked == null) {
                throw p.fail(component, p.position("sslmode"), "'" + UrlParser.trim(mode)
                        + "' is not an sslmode; expected one of: disable, allow, prefer, require,"
                        + " verify-ca, verify-full");
            }
            if (row.secure() && !asked.isRequired() && !row.kind().equals("mongodb")) {
                throw p.fail(component, p.position("sslmode"), "'" + mode + "' contradicts the"
                        + " scheme, which always uses TLS; remove sslmode or use the plain scheme");
            }
            tls = asked;
        }
        if (row.kind().equals("mongodb")) {
            for (String key : new String[] {"tls", "ssl"}) {
                String v = query.get(key);
                if (v == null) {
                    continue;
                }
                String lower = v.toLowerCase(Locale.ROOT);
                if (!lower.equals("true") && !lower.equals("false")) {
                    throw p.fail("query parameter " + key, p.position(key), "'"
                            + UrlParser.trim(v) + "' is not a boolean; write true or false");
                }
                tls = lower.equals("true") ? Tls.VERIFY_FULL : Tls.DISABLE;
            }
        }
        return tls;
    }

    static boolean redisIndex(String v) {
        boolean digits = !v.isEmpty() && v.length() <= 9;
        for (int i = 0; i < v.length(); i++) {
            digits &= v.charAt(i) >= '0' && v.charAt(i) <= '9';
        }
        return digits;
    }
}
