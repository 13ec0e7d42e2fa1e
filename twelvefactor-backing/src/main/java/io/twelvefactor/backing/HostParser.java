package io.twelvefactor.backing;

import static io.twelvefactor.backing.UrlParser.trim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/**
 * Parses the host list of a URL's authority, and libpq's {@code ?host=} and {@code ?port=},
 * into {@link Host}s: bracketed IPv6, host names, Unix-socket paths, ports 1–65535.
 */
final class HostParser {

    private final UrlParser parser;
    private final String s;
    private final boolean mongo;
    /** The decoded name of the entry {@link #entry} read last, possibly empty. */
    private String name;
    private OptionalInt hostlessPort = OptionalInt.empty();

    HostParser(UrlParser parser, String s, Scheme row) {
        this.parser = parser;
        this.s = s;
        this.mongo = row.kind().equals("mongodb");
    }

    /**
     * The hosts written in {@code s[start, end)}, or those of a {@code ?host=} parameter.
     * For libpq's kinds, {@code ?host=} and {@code ?port=} override the authority's hosts and
     * ports as libpq does; an empty host list there, or for AMQP, means the client's default
     * (libpq's local socket, RabbitMQ's localhost) and gives no host.
     */
    List<Host> hosts(int start, int end, Scheme row, String hostParam, String portParam) {
        int[] entries = splitHosts(start, end);
        if (row.postgresFamily()) {
            return libpq(entries, row, hostParam, portParam);
        }
        boolean hostless = row.hostOptional() && hostParam == null && entries.length == 2;
        return hosts(entries, row, hostParam, portParam, hostless);
    }

    /**
     * The port written without a host, once {@link #hosts} returned none, such as libpq's
     * {@code postgres://:5433/}; else empty.
     */
    OptionalInt hostlessPort() {
        return hostlessPort;
    }

    /** No host, and the port written without one. */
    private List<Host> none(OptionalInt port) {
        hostlessPort = port;
        return List.of();
    }

    /**
     * Splits the host list at commas outside IPv6 brackets: {@code start0, end0, start1,
     * end1, …}, one array for the whole list.
     */
    private int[] splitHosts(int start, int end) {
        int commas = 0;
        for (int i = start; i < end; i++) {
            commas += s.charAt(i) == ',' ? 1 : 0;
        }
        int[] out = new int[2 * commas + 2];
        int count = 0;
        int from = start;
        boolean bracket = false;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c == '[') {
                bracket = true;
            } else if (c == ']') {
                bracket = false;
            } else if (c == ',' && !bracket) {
                out[count++] = from;
                out[count++] = i;
                from = i + 1;
            }
        }
        out[count++] = from;
        out[count++] = end;
        return count == out.length ? out : Arrays.copyOf(out, count);
    }

    /**
     * libpq's rules: the authority gives host and port lists, {@code ?host=} and
     * {@code ?port=} replace them (libpq stores the query's value last), one port applies to
     * every host, otherwise there is one per host; an empty port is the default, and one
     * empty host the default socket.
     */
    private List<Host> libpq(int[] entries, Scheme row, String hostParam, String portParam) {
        int count = entries.length / 2;
        if (count == 1 && (hostParam == null || hostParam.indexOf(',') < 0)
                && (portParam == null || portParam.indexOf(',') < 0)) {
            return libpqOne(entries[0], entries[1], row, hostParam, portParam);
        }
        String[] names = new String[count];
        OptionalInt[] ports = new OptionalInt[count];
        int[] at = new int[count];
        for (int k = 0; k < count; k++) {
            int a = entries[2 * k];
            ports[k] = entry(a, entries[2 * k + 1], count > 1 ? k + 1 : 0);
            names[k] = name;
            at[k] = a + 1;
        }
        if (hostParam != null) {
            names = commas(hostParam);
            at = new int[names.length];
            Arrays.fill(at, HOST_PARAM);
            for (String n : names) {
                if (!n.isEmpty() && n.charAt(0) != '/') {
                    checkHostName(n, "query parameter host", HOST_PARAM);
                }
            }
        }
        String portComponent = "port";
        if (portParam != null) {
            portComponent = "query parameter port";
            String[] texts = commas(portParam);
            ports = new OptionalInt[texts.length];
            for (int k = 0; k < texts.length; k++) {
                ports[k] = texts[k].isEmpty() ? OptionalInt.empty()
                        : OptionalInt.of(portValue(texts[k], portComponent, PORT_PARAM));
            }
        }
        if (ports.length != 1 && ports.length != names.length) {
            throw fail(portComponent, portParam != null ? position("port") : 0, "lists "
                    + ports.length + " ports for " + names.length + " hosts; write one port for"
                    + " every host, or a single port for all");
        }
        if (names.length == 1 && names[0].isEmpty()) {
            return none(ports[0]);
        }
        Host[] out = new Host[names.length];
        for (int k = 0; k < names.length; k++) {
            String component = hostParam != null ? "query parameter host" : null;
            int index = names.length > 1 ? k + 1 : 0;
            if (names[k].isEmpty()) {
                throw fail(component != null ? component : label("host", index), where(at[k]),
                        "is empty; write a host name such as localhost, or a Unix socket"
                                + " directory as %2Fvar%2Frun%2Fpostgresql");
            }
            out[k] = host(names[k], ports[ports.length == 1 ? 0 : k], row, component, index,
                    at[k] < 0 ? 0 : at[k] - 1);
        }
        return List.of(out);
    }

    /**
     * {@link #libpq} for one host and one port, the usual case, without its arrays: the same
     * checks in the same order.
     */
    private List<Host> libpqOne(int a, int b, Scheme row, String hostParam, String portParam) {
        OptionalInt port = entry(a, b, 0);
        String host = name;
        int at = a + 1;
        String component = null;
        if (hostParam != null) {
            host = hostParam;
            at = HOST_PARAM;
            component = "query parameter host";
            if (!host.isEmpty() && host.charAt(0) != '/') {
                checkHostName(host, component, HOST_PARAM);
            }
        }
        if (portParam != null) {
            port = portParam.isEmpty() ? OptionalInt.empty()
                    : OptionalInt.of(portValue(portParam, "query parameter port", PORT_PARAM));
        }
        if (host.isEmpty()) {
            return none(port);
        }
        return List.of(host(host, port, row, component, 0, at < 0 ? 0 : at - 1));
    }

    /**
     * Reads one entry of the authority's host list: stores its decoded name (possibly empty)
     * in {@link #name} and returns its port, empty when none or an empty one is written.
     * {@code index} is the entry's 1-based number in a list of several, else 0.
     */
    private OptionalInt entry(int a, int b, int index) {
        if (a == b) {
            name = "";
            return OptionalInt.empty();
        }
        int portStart = -1;
        if (a < b && s.charAt(a) == '[') {
            int close = s.indexOf(']', a);
            if (close < 0 || close >= b) {
                throw fail(label("host", index), a + 1, "'[' opens an IPv6 address that no ']' closes");
            }
            name = ipv6(a + 1, close, index);
            if (close + 1 < b) {
                if (s.charAt(close + 1) != ':') {
                    throw fail(label("host", index), close + 2, "expected ':' and a port after ']'");
                }
                portStart = close + 2;
            }
        } else {
            int colon = s.indexOf(':', a);
            if (colon >= 0 && colon < b) {
                int second = s.indexOf(':', colon + 1);
                if (second >= 0 && second < b) {
                    throw fail(label("host", index), a + 1, "an IPv6 address must be written in"
                            + " brackets, such as [::1]:5432");
                }
                portStart = colon + 1;
            }
            name = hostName(a, portStart < 0 ? b : portStart - 1, index);
        }
        return portStart < 0 ? OptionalInt.empty()
                : port(portStart, b, index);
    }

    private List<Host> hosts(int[] entries, Scheme row, String hostParam,
            String portParam, boolean hostless) {
        boolean many = entries.length > 2;
        if (hostParam == null) {
            Host[] out = new Host[entries.length / 2];
            for (int k = 0; k < out.length; k++) {
                int a = entries[2 * k];
                OptionalInt written = entry(a, entries[2 * k + 1], many ? k + 1 : 0);
                if (name.isEmpty() && hostless) {
                    return none(written);
                }
                out[k] = checked(written, row, many ? k + 1 : 0, a);
            }
            return List.of(out);
        }
        List<Host> out = new ArrayList<>(entries.length / 2);
        OptionalInt paramPort = OptionalInt.empty();
        for (int k = 0; 2 * k < entries.length; k++) {
            int a = entries[2 * k];
            int b = entries[2 * k + 1];
            int index = many ? k + 1 : 0;
            OptionalInt written = entry(a, b, index);
            if (name.isEmpty() && hostless) {
                return none(written);
            }
            if (!name.isEmpty() || many) {
                throw fail("query parameter host", position("host"), "names a host although"
                        + " the URL's authority already does; keep one of the two");
            } else {
                paramPort = written;
            }
        }
        if (hostParam != null) {
            String component = "query parameter host";
            int p = position("host");
            if (portParam != null) {
                if (paramPort.isPresent()) {
                    throw fail("query parameter port", position("port"), "repeats the port"
                            + " the authority writes; keep one of the two");
                }
                paramPort = OptionalInt.of(portValue(portParam, "query parameter port",
                        position("port")));
            }
            for (String h : hostParam.split(",", -1)) {
                if (h.isEmpty()) {
                    throw fail(component, p, "has an empty host; write a socket directory such as"
                            + " /var/run/postgresql or a host name");
                }
                if (h.charAt(0) != '/') {
                    checkHostName(h, component, p);
                }
                out.add(host(h, paramPort, row, component, 0, p - 1));
            }
        }
        return List.copyOf(out);
    }

    /**
     * The one host written in {@code s[a, b)}, such as a Kafka broker of Heroku's list (no
     * libpq or AMQP default, no {@code ?host=}).
     */
    Host one(int a, int b, Scheme row) {
        return checked(entry(a, b, 0), row, 0, a);
    }

    /** The host {@link #entry} read last, which must have a name, with its port. */
    private Host checked(OptionalInt written, Scheme row, int index, int a) {
        if (name.isEmpty()) {
            throw fail(label("host", index), a + 1, "is empty; write a host name such as"
                    + " localhost, or a Unix socket directory as %2Fvar%2Frun%2Fpostgresql");
        }
        if (mongo && name.charAt(0) == '/' && written.isPresent()) {
            throw fail(label("host", index), a + 1, "a Unix socket takes no port (MongoDB"
                    + " connection-string spec); remove the ':' and port");
        }
        return host(name, written, row, null, index, a);
    }

    /** A host; {@code component} names it in a message, or null for {@code label(index)}. */
    private Host host(String name, OptionalInt written, Scheme row, String component, int index,
            int at) {
        if (written.isEmpty() && !row.known()) {
            throw fail(component != null ? component : label("host", index), at + 1, "has no port, and scheme '" + trim(row.kind())
                    + "' has no default port; write one, such as host:8080");
        }
        return new Host(name, written.isPresent() ? written.getAsInt() : row.defaultPort(), written);
    }

    private String ipv6(int a, int b, int index) {
        if (a == b) {
            throw fail(label("host", index), a, "'[]' holds no IPv6 address; write one, such as [::1]");
        }
        int zone = s.indexOf("%25", a);
        int addrEnd = zone >= 0 && zone < b ? zone : b;
        boolean colon = false;
        for (int i = a; i < addrEnd; i++) {
            char c = s.charAt(i);
            colon |= c == ':';
            if (!(c == ':' || c == '.' || Percent.hex(c) >= 0)) {
                throw fail(label("host", index), i + 1, "'" + c + "' cannot appear in an IPv6 address;"
                        + " write hex digits, ':' and '.', and a zone as %25, such as [fe80::1%25eth0]");
            }
        }
        if (!colon) {
            throw fail(label("host", index), a + 1, "brackets hold an IPv6 address, which contains ':'");
        }
        String addr = s.substring(a, addrEnd);
        return addrEnd == b ? addr : addr + "%" + decode(addrEnd + 3, b, label("host", index) + " zone");
    }

    private String hostName(int a, int b, int index) {
        int pct = parser.percent() ? s.indexOf('%', a) : -1;
        String name = pct < 0 || pct >= b ? s.substring(a, b) : decode(a, b, label("host", index));
        if (!name.isEmpty() && name.charAt(0) != '/') {
            checkHostName(name, index, a + 1);
        }
        return name;
    }

    /** How a message names the host or port: {@code host}, or {@code host 2} in a list. */
    private static String label(String base, int index) {
        return index > 0 ? base + " " + index : base;
    }

    private void checkHostName(String name, int index, int position) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x80 && !Percent.unreserved(c)) {
                checkHostName(name, label("host", index), position);
            }
        }
    }

    private void checkHostName(String name, String component, int position) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x80 && !Percent.unreserved(c)) {
                throw fail(component, where(position), "'" + c + "' cannot appear in a host name"
                        + " (letters, digits, '-', '.', '_'); a Unix socket path starts with %2F");
            }
        }
    }

    /**
     * The port in {@code s[a, b)}. An empty one means the default (libpq, RFC 3986 section
     * 3.2.3), except for MongoDB, whose connection-string spec requires a number.
     */
    private OptionalInt port(int a, int b, int index) {
        if (a == b) {
            if (mongo) {
                throw fail(label("port", index), a, "':' is not followed by a port; write a port"
                        + " 1-65535 or remove the ':'");
            }
            return OptionalInt.empty();
        }
        int value = 0;
        for (int i = a; i < b && value <= 65535; i++) {
            char c = s.charAt(i);
            value = c < '0' || c > '9' ? 65536 : value * 10 + (c - '0');
        }
        if (value < 1 || value > 65535) {
            portValue(s.substring(a, b), label("port", index), a + 1);
        }
        return OptionalInt.of(value);
    }

    /** {@code text} split at every comma, empty pieces kept. */
    private static String[] commas(String text) {
        if (text.indexOf(',') < 0) {
            return new String[] {text};
        }
        return text.split(",", -1);
    }

    /** Stands for the position of {@code ?host=}, found only when an error needs it. */
    private static final int HOST_PARAM = -1;
    /** Stands for the position of {@code ?port=}, found only when an error needs it. */
    private static final int PORT_PARAM = -2;

    /** A 1-based position, resolving {@link #HOST_PARAM} and {@link #PORT_PARAM}. */
    private int where(int position) {
        return position == HOST_PARAM ? position("host")
                : position == PORT_PARAM ? position("port") : position;
    }

    private int portValue(String text, String component, int position) {
        int value = text.isEmpty() ? -1 : 0;
        for (int i = 0; i < text.length() && value >= 0; i++) {
            char c = text.charAt(i);
            value = c < '0' || c > '9' ? -1 : Math.min(value * 10 + (c - '0'), 1_000_000);
        }
        if (value < 0) {
            throw fail(component, where(position), "is not a number; expected an integer 1-65535"
                    + " (if this is a password, the URL lacks '@host' after it)");
        }
        if (value < 1 || value > 65535) {
            throw fail(component, where(position), "is outside 1-65535; write the service's real port");
        }
        return value;
    }

    private String decode(int a, int b, String component) {
        return parser.decode(a, b, component);
    }

    private int position(String parameter) {
        return parser.position(parameter);
    }

    private BackingServiceException fail(String component, int position, String problem) {
        return parser.fail(component, position, problem);
    }
}
