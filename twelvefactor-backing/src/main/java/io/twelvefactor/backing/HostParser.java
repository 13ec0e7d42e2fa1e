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
        List<String> names = new ArrayList<>(entries.size());
        List<OptionalInt> ports = new ArrayList<>(entries.size());
        List<Integer> at = new ArrayList<>(entries.size());
        for (int k = 0; k < entries.size(); k++) {
            int a = entries.get(k)[0];
            int b = entries.get(k)[1];
            String[] name = new String[1];
            ports.add(entry(a, b, many ? k + 1 : 0, name));
            names.add(name[0]);
            at.add(a + 1);
        }
        if (hostParam != null) {
            names.clear();
            at.clear();
            for (String name : commaList(hostParam)) {
                if (!name.isEmpty() && name.charAt(0) != '/') {
                    checkHostName(name, "query parameter host", HOST_PARAM);
                }
                names.add(name);
                at.add(HOST_PARAM);
            }
        }
        String portComponent = "port";
        if (portParam != null) {
            ports.clear();
            portComponent = "query parameter port";
            for (String text : commaList(portParam)) {
                ports.add(text.isEmpty() ? OptionalInt.empty()
                        : OptionalInt.of(portValue(text, portComponent, PORT_PARAM)));
            }
        }
        if (ports.size() != 1 && ports.size() != names.size()) {
            throw fail(portComponent, portParam != null ? position("port") : 0, "lists "
                    + ports.size() + " ports for " + names.size() + " hosts; write one port for"
                    + " every host, or a single port for all");
        }
        if (names.size() == 1 && names.get(0).isEmpty()) {
            return new Hosts(List.of(), ports.get(0));
        }
        List<Host> out = new ArrayList<>(names.size());
        for (int k = 0; k < names.size(); k++) {
            String component = hostParam != null ? "query parameter host"
                    : names.size() > 1 ? "host " + (k + 1) : "host";
            if (names.get(k).isEmpty()) {
                throw fail(component, where(at.get(k)), "is empty; write a host name such as"
                        + " localhost, or a Unix socket directory as %2Fvar%2Frun%2Fpostgresql");
            }
            out.add(host(names.get(k), ports.get(ports.size() == 1 ? 0 : k), row, component,
                    where(at.get(k)) - 1));
        }
        return new Hosts(out, OptionalInt.empty());
    }

    /**
     * Reads one entry of the authority's host list: stores its decoded name (possibly empty)
     * in {@code name[0]} and returns its port, empty when none or an empty one is written.
     * {@code index} is the entry's 1-based number in a list of several, else 0.
     */
    private OptionalInt entry(int a, int b, int index, String[] name) {
        String component = index > 0 ? "host " + index : "host";
        int portStart = -1;
        if (a < b && s.charAt(a) == '[') {
            int close = s.indexOf(']', a);
            if (close < 0 || close >= b) {
                throw fail(component, a + 1, "'[' opens an IPv6 address that no ']' closes");
            }
            name[0] = ipv6(a + 1, close, component);
            if (close + 1 < b) {
                if (s.charAt(close + 1) != ':') {
                    throw fail(component, close + 2, "expected ':' and a port after ']'");
                }
                portStart = close + 2;
            }
        } else {
            int colon = s.indexOf(':', a);
            if (colon >= 0 && colon < b) {
                int second = s.indexOf(':', colon + 1);
                if (second >= 0 && second < b) {
                    throw fail(component, a + 1, "an IPv6 address must be written in"
                            + " brackets, such as [::1]:5432");
                }
                portStart = colon + 1;
            }
            name[0] = hostName(a, portStart < 0 ? b : portStart - 1, component);
        }
        return portStart < 0 ? OptionalInt.empty()
                : port(portStart, b, index > 0 ? "port " + index : "port");
    }

    private Hosts hosts(List<int[]> entries, Scheme row, String hostParam,
            String portParam, boolean hostless) {
        boolean many = entries.size() > 1;
        List<Host> out = new ArrayList<>(entries.size());
        OptionalInt paramPort = OptionalInt.empty();
        for (int k = 0; k < entries.size(); k++) {
            int a = entries.get(k)[0];
            int b = entries.get(k)[1];
            String component = many ? "host " + (k + 1) : "host";
            String[] name = new String[1];
            OptionalInt written = entry(a, b, many ? k + 1 : 0, name);
            if (name[0].isEmpty() && hostless) {
                return new Hosts(List.of(), written);
            }
            if (hostParam == null) {
                if (name[0].isEmpty()) {
                    throw fail(component, a + 1, "is empty; write a host name such as localhost,"
                            + " or a Unix socket directory as %2Fvar%2Frun%2Fpostgresql");
                }
                if (row.kind().equals("mongodb") && name[0].charAt(0) == '/'
                        && written.isPresent()) {
                    throw fail(component, a + 1, "a Unix socket takes no port (MongoDB"
                            + " connection-string spec); remove the ':' and port");
                }
                out.add(host(name[0], written, row, component, a));
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
                out.add(host(name, paramPort, row, component, p - 1));
            }
        }
        return new Hosts(out, OptionalInt.empty());
    }

    private Host host(String name, OptionalInt written, Scheme row, String component, int at) {
        if (written.isEmpty() && !row.known()) {
            throw fail(component, at + 1, "has no port, and scheme '" + trim(row.kind())
                    + "' has no default port; write one, such as host:8080");
        }
        return new Host(name, written.isPresent() ? written.getAsInt() : row.defaultPort(), written);
    }

    private String ipv6(int a, int b, String component) {
        if (a == b) {
            throw fail(component, a, "'[]' holds no IPv6 address; write one, such as [::1]");
        }
        int zone = s.indexOf("%25", a);
        int addrEnd = zone >= 0 && zone < b ? zone : b;
        boolean colon = false;
        for (int i = a; i < addrEnd; i++) {
            char c = s.charAt(i);
            colon |= c == ':';
            if (!(c == ':' || c == '.' || Percent.hex(c) >= 0)) {
                throw fail(component, i + 1, "'" + c + "' cannot appear in an IPv6 address;"
                        + " write hex digits, ':' and '.', and a zone as %25, such as [fe80::1%25eth0]");
            }
        }
        if (!colon) {
            throw fail(component, a + 1, "brackets hold an IPv6 address, which contains ':'");
        }
        String addr = s.substring(a, addrEnd);
        return addrEnd == b ? addr : addr + "%" + decode(addrEnd + 3, b, component + " zone");
    }

    private String hostName(int a, int b, String component) {
        String name = decode(a, b, component);
        if (!name.isEmpty() && name.charAt(0) != '/') {
            checkHostName(name, component, a + 1);
        }
        return name;
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
    private OptionalInt port(int a, int b, String component) {
        if (a == b) {
            if (mongo) {
                throw fail(component, a, "':' is not followed by a port; write a port 1-65535"
                        + " or remove the ':'");
            }
            return OptionalInt.empty();
        }
        return OptionalInt.of(portValue(s.substring(a, b), component, a + 1));
    }

    /** {@code text} split at every comma, empty pieces kept; one piece costs no copy. */
    private static List<String> commaList(String text) {
        if (text.indexOf(',') < 0) {
            return List.of(text);
        }
        return List.of(text.split(",", -1));
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
