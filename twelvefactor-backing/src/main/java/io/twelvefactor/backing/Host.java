package io.twelvefactor.backing;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * One host of a backing-service URL.
 *
 * <p>{@code name} is decoded: an IPv6 literal without its brackets ({@code ::1},
 * {@code fe80::1%eth0}), a host name as written (underscores allowed), or the absolute path
 * of a Unix-domain socket or its directory ({@code /var/run/postgresql}), written in a URL as
 * {@code %2Fvar%2Frun%2Fpostgresql} or as {@code ?host=/var/run/postgresql}.
 * {@code port} is the effective port: the one written, or the scheme's default.
 * {@code portAsWritten} is the port the URL spelled out, empty when it relied on the default.
 *
 * @param name the decoded host name, IPv6 address or socket path; never empty
 * @param port the effective port, 1–65535
 * @param portAsWritten the port written in the URL, empty when none was
 */
public record Host(String name, int port, OptionalInt portAsWritten) {

    /**
     * Checks the components.
     *
     * @param name the decoded host name, IPv6 address or socket path; never empty
     * @param port the effective port, 1–65535
     * @param portAsWritten the port written in the URL, empty when none was
     * @throws NullPointerException if {@code name} or {@code portAsWritten} is null
     * @throws IllegalArgumentException if {@code name} is empty, a port is outside 1–65535,
     *     or {@code portAsWritten} is present and differs from {@code port}
     */
    public Host {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(portAsWritten, "portAsWritten");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("host name is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 1-65535");
        }
        if (portAsWritten.isPresent() && portAsWritten.getAsInt() != port) {
            throw new IllegalArgumentException("port " + port + " differs from the port written, "
                    + portAsWritten.getAsInt());
        }
    }

    /**
     * Whether this host is a Unix-domain socket path rather than a network address.
     *
     * @return {@code true} when {@link #name()} starts with {@code /}
     */
    public boolean isUnixSocket() {
        return name.charAt(0) == '/';
    }

    /**
     * Whether this host is an IPv6 literal.
     *
     * @return {@code true} when {@link #name()} is a network address containing {@code :}
     */
    public boolean isIpv6() {
        return !isUnixSocket() && name.indexOf(':') >= 0;
    }

    /**
     * The host as a URL authority writes it: IPv6 in brackets, a socket path
     * percent-encoded, followed by {@code :port} when the port was written.
     *
     * @return the host and port as they appear in {@link BackingService#toUrl()}
     */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(name.length() + 8);
        Percent.appendHost(b, this);
        if (portAsWritten.isPresent()) {
            b.append(':').append(port);
        }
        return b.toString();
    }
}
