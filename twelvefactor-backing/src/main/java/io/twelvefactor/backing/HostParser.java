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

    HostParser(UrlParser parser, String s) {
        this.parser = parser;
        this.s = s;
    }

    /** The hosts written in {@code s[start, end)}, or those of a {@code ?host=} parameter. */
    List<Host> hosts(int start, int end, Scheme row, String hostParam, String portParam) {
        return hosts(splitHosts(start, end), row, hostParam, portParam);
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

    private List<Host> hosts(List<int[]> entries, Scheme row, String hostParam,
            String portParam) {
        boolean many = entries.size() > 1;
        List<Host> out = new ArrayList<>(entries.size());
        OptionalInt paramPort = OptionalInt.empty();
        for (int k = 0; k < entries.size(); k++) {
            int a = entries.get(k)[0];
            int b = entries.get(k)[1];
            String component = many ? "host " + (k + 1) : "host";
            String name;
            int portStart = -1;
            if (a < b && s.charAt(a) == '[') {
                int close = s.indexOf(']', a);
                if (close < 0 || close >= b) {
                    throw fail(component, a + 1, "'[' opens an IPv6 address that no ']' closes");
                }
                name = ipv6(a + 1, close, component);
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
                name = hostName(a, portStart < 0 ? b : portStart - 1, component);
            }
            OptionalInt written = portStart < 0 ? OptionalInt.empty()
                    : OptionalInt.of(port(portStart, b, many ? "port " + (k + 1) : "port"));
            if (hostParam == null) {
                if (name.isEmpty()) {
                    throw fail(component, a + 1, "is empty; write a host name such as localhost,"
                            + " or a Unix socket directory as %2Fvar%2Frun%2Fpostgresql");
                }
                out.add(host(name, written, row, component, a));
            } else if (!name.isEmpty() || many) {
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
        return out;
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
                throw fail(component, position, "'" + c + "' cannot appear in a host name"
                        + " (letters, digits, '-', '.', '_'); a Unix socket path starts with %2F");
            }
        }
    }

    private int port(int a, int b, String component) {
        if (a == b) {
            throw fail(component, a, "':' is not followed by a port; write a port 1-65535 or"
                    + " remove the ':'");
        }
        return portValue(s.substring(a, b), component, a + 1);
    }

    private int portValue(String text, String component, int position) {
        int value = text.isEmpty() ? -1 : 0;
        for (int i = 0; i < text.length() && value >= 0; i++) {
            char c = text.charAt(i);
            value = c < '0' || c > '9' ? -1 : Math.min(value * 10 + (c - '0'), 1_000_000);
        }
        if (value < 0) {
            throw fail(component, position, "is not a number; expected an integer 1-65535"
                    + " (if this is a password, the URL lacks '@host' after it)");
        }
        if (value < 1 || value > 65535) {
            throw fail(component, position, "is outside 1-65535; write the service's real port");
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
