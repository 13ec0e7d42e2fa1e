package io.twelvefactor.backing;

import static io.twelvefactor.backing.UrlParser.trim;

import java.util.ArrayList;
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
    Hosts hosts(int start, int end, Scheme row, String hostParam, String portParam) {
        List<int[]> entries = splitHosts(start, end);
        if (row.postgresFamily()) {
            return libpq(entries, row, hostParam, portParam);
        }
        boolean hostless = row.hostOptional() && hostParam == null && entries.size() == 1;
        return hosts(entries, row, hostParam, portParam, hostless);
    }

    /** What the host list gave: the hosts, or none and the port written without a host. */
    record Hosts(List<Host> list, OptionalInt hostlessPort) {
    }

    /** Splits the host list at commas outside IPv6 brackets: {start, end} pairs. */
    private List<int[]> splitHosts(int start, int end) {
        List<int[]> out = new ArrayList<>(2);
        int from = start;
        boolean bracket = false;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c == '[') {
                bracket = true;
            } else if (c == ']') {
                bracket = false;
            } else if (c == ',' && !bracket) {
                out.add(new int[] {from, i});
                from = i + 1;
            }
        }
        out.add(new int[] {from, end});
        return out;
    }

    /**
     * libpq's rules: the authority gives host and port lists, {@code ?host=} and
     * {@code ?port=} replace them (libpq stores the query's value last), one port applies to
     * every host, otherwise there is one per host; an empty port is the default, and one
     * empty host the default socket.
     */
    private Hosts libpq(List<int[]> entries, Scheme row, String hostParam, String portParam) {
        boolean many = entries.size() > 1;
        String[] names = new String[entries.size()];
        OptionalInt[] ports = new OptionalInt[entries.size()];
        int[] at = new int[entries.size()];
        String[] name = new String[1];
        for (int k = 0; k < names.length; k++) {
            int a = entries.get(k)[0];
            ports[k] = entry(a, entries.get(k)[1], many ? k + 1 : 0, name);
            names[k] = name[0];
            at[k] = a + 1;
        }
        if (hostParam != null) {
            names = commas(hostParam);
            at = new int[names.length];
            java.util.Arrays.fill(at, HOST_PARAM);
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
            return new Hosts(List.of(), ports[0]);
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
        return new Hosts(List.of(out), OptionalInt.empty());
    }

    /**
     * Reads one entry of the authority's host list: stores its decoded name (possibly empty)
     * in {@code name[0]} and returns its port, empty when none or an empty one is written.
     * {@code index} is the entry's 1-based number in a list of several, else 0.
     */
    private OptionalInt entry(int a, int b, int index, String[] name) {
        int portStart = -1;
        if (a < b && s.charAt(a) == '[') {
            int close = s.indexOf(']', a);
            if (close < 0 || close >= b) {
                throw fail(label("host", index), a + 1, "'[' opens an IPv6 address that no ']' closes");
            }
            name[0] = ipv6(a + 1, close, index);
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
            name[0] = hostName(a, portStart < 0 ? b : portStart - 1, index);
        }
        return portStart < 0 ? OptionalInt.empty()
                : port(portStart, b, index);
    }

    private Hosts hosts(List<int[]> entries, Scheme row, String hostParam,
            String portParam, boolean hostless) {
        boolean many = entries.size() > 1;
        List<Host> out = new ArrayList<>(entries.size());
        OptionalInt paramPort = OptionalInt.empty();
        for (int k = 0; k < entries.size(); k++) {
            int a = entries.get(k)[0];
            int b = entries.get(k)[1];
            int index = many ? k + 1 : 0;
            String[] name = new String[1];
            OptionalInt written = entry(a, b, index, name);
            if (name[0].isEmpty() && hostless) {
                return new Hosts(List.of(), written);
            }
            if (hostParam == null) {
                if (name[0].isEmpty()) {
                    throw fail(label("host", index), a + 1, "is empty; write a host name such as"
                            + " localhost, or a Unix socket directory as %2Fvar%2Frun%2Fpostgresql");
                }
                if (mongo && name[0].charAt(0) == '/' && written.isPresent()) {
                    throw fail(label("host", index), a + 1, "a Unix socket takes no port (MongoDB"
                            + " connection-string spec); remove the ':' and port");
                }
                out.add(host(name[0], written, row, null, index, a));
            } else if (!name[0].isEmpty() || many) {
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
            for (String name : hostParam.split(",", -1)) {
                if (name.isEmpty()) {
                    throw fail(component, p, "has an empty host; write a socket directory such as"
                            + " /var/run/postgresql or a host name");
                }
                if (name.charAt(0) != '/') {
                    checkHostName(name, component, p);
                }
                out.add(host(name, paramPort, row, component, 0, p - 1));
            }
        }
        return new Hosts(out, OptionalInt.empty());
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
        int pct = s.indexOf('%', a);
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
