package io.twelvefactor.backing;

/**
 * Reads a URL's query for {@link UrlParser}: splits it into parameters, takes out those the
 * host list and libpq read themselves, and finds a parameter again when an error names it.
 *
 * <p>Static on purpose: a parse allocates no reader. What the reader learns (the query's span,
 * the overrides it took out) is written to the parser's fields, since the host list and
 * libpq read them from there.
 */
final class QueryReader {

    /**
     * Which parameters {@link #read} takes out of the query as it reads them: none, only
     * {@code ?host=} (which every kind's host list reads), or libpq's overrides too.
     */
    static final int ROUTE_NONE = 0;
    static final int ROUTE_HOST = 1;
    static final int ROUTE_LIBPQ = 2;

    private QueryReader() {
    }

    /**
     * The parameters in {@code s[a, n)} as written, less those {@code p.route} takes out;
     * {@code null} when none is left.
     */
    static Query.Builder read(UrlParser p, int a, int n) {
        String s = p.s;
        p.queryFrom = a;
        p.queryTo = n;
        Query.Builder out = null;
        int from = a;
        while (from <= n) {
            int amp = s.indexOf('&', from);
            int to = amp < 0 || amp > n ? n : amp;
            if (to > from) {
                int eq = s.indexOf('=', from);
                if (eq < 0 || eq >= to) {
                    throw p.fail("query", from + 1, "a parameter has no '='; write name=value,"
                            + " and '&' in a value as %26");
                }
                String key = name(p, from, eq);
                if (key.isEmpty()) {
                    throw p.fail("query", from + 1, "a parameter has no name; write name=value");
                }
                // Only a value with '%' can fail to decode: name the component only then.
                int pct = p.percent ? s.indexOf('%', eq + 1) : -1;
                String value = pct < 0 || pct >= to ? s.substring(eq + 1, to)
                        : p.decode(eq + 1, to, parameter(key));
                if (p.route == ROUTE_NONE || !override(p, key, value, from)) {
                    out = out != null ? out : new Query.Builder();
                    if (!out.add(key, value)) {
                        throw p.fail(parameter(key), from + 1, "appears twice; keep one");
                    }
                }
            }
            from = to + 1;
        }
        return out;
    }

    /**
     * Keeps {@code ?host=} (and libpq's other overrides) out of the query, as the host list
     * and libpq read them: whether {@code key} is one.
     */
    private static boolean override(UrlParser p, String key, String value, int from) {
        if (key.equals("host")) {
            p.hostParam = once(p, p.hostParam, key, value, from);
        } else if (p.route != ROUTE_LIBPQ) {
            return false;
        } else if (key.equals("port")) {
            p.portParam = once(p, p.portParam, key, value, from);
        } else if (key.equals("user")) {
            p.userParam = once(p, p.userParam, key, value, from);
        } else if (key.equals("password")) {
            p.passwordParam = once(p, p.passwordParam, key, value, from);
        } else if (key.equals("dbname")) {
            p.dbnameParam = once(p, p.dbnameParam, key, value, from);
        } else {
            return false;
        }
        return true;
    }

    private static String once(UrlParser p, String before, String key, String value, int from) {
        if (before != null) {
            throw p.fail(parameter(key), from + 1, "appears twice; keep one");
        }
        return value;
    }

    /**
     * The decoded name in {@code s[a, b)}. A name the parser looks up itself (libpq's
     * overrides, TLS, Redis, MongoDB) is its constant, which saves a copy, and makes each
     * later lookup an identity check.
     */
    private static String name(UrlParser p, int a, int b) {
        String s = p.s;
        int pct = p.percent ? s.indexOf('%', a) : -1;
        if (pct >= 0 && pct < b) {
            return p.decode(a, b, "query parameter name");
        }
        char first = s.charAt(a);
        String known = switch (b - a) {
            case 2 -> "db";
            case 3 -> first == 't' ? "tls" : "ssl";
            case 4 -> first == 'h' ? "host" : first == 'p' ? "port" : "user";
            case 6 -> "dbname";
            case 7 -> "sslmode";
            case 8 -> first == 'p' ? "password" : "database";
            case 16 -> UrlParser.SENTINEL_MASTER;
            default -> null;
        };
        return known != null && s.startsWith(known, a) ? known : s.substring(a, b);
    }

    /**
     * How a message names a query parameter. A name that is not plain text may be a piece of
     * a secret split off by a raw '&' (a password written unencoded): then only the position
     * locates it.
     */
    private static String parameter(String key) {
        return Percent.plain(key, "") ? "query parameter " + UrlParser.trim(key) : "query parameter";
    }

    /**
     * Where query parameter {@code name} starts, 1-based. Found again by scanning, since only
     * an error asks, and the parse itself should not pay for it.
     */
    static int position(UrlParser p, String name) {
        String s = p.s;
        int from = p.queryFrom;
        while (from >= 0 && from <= p.queryTo) {
            int amp = s.indexOf('&', from);
            int to = amp < 0 || amp > p.queryTo ? p.queryTo : amp;
            int eq = s.indexOf('=', from);
            if (eq > from && eq < to && p.decode(from, eq, "query parameter name").equals(name)) {
                return from + 1;
            }
            from = to + 1;
        }
        return name.equals(UrlParser.SENTINEL_MASTER) ? p.fragmentPosition : 0;
    }
}
