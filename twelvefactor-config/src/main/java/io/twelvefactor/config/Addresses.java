package io.twelvefactor.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * IP address literals and {@code host:port}, parsed by hand so that nothing is ever looked up:
 * the JDK's {@code InetAddress.getByName} falls back to DNS for text that is not a literal, so
 * it is called only through {@link InetAddress#getByAddress(byte[])}, which never resolves.
 */
final class Addresses {
    private Addresses() {
    }

    /** An IPv4 literal ({@code 10.0.0.1}) or an IPv6 literal, bare or in brackets. */
    static InetAddress address(String text) throws Invalid {
        String literal = text.length() > 1 && text.charAt(0) == '[' && text.charAt(text.length() - 1) == ']'
                ? text.substring(1, text.length() - 1) : text;
        byte[] bytes = literal.indexOf(':') >= 0 ? ipv6(literal) : ipv4(literal);
        if (bytes == null) {
            throw new Invalid(literal.indexOf('%') >= 0
                    ? "has a zone index (%), which is not supported; write the address without it"
                    : "is not an IP address literal (host names are not resolved)");
        }
        return fromBytes(bytes);
    }

    /**
     * {@code host:port}: the host a name (letters, digits, {@code -} and {@code _}, labels
     * separated by dots), an IPv4 literal or an IPv6 literal in brackets; the port 0-65535. A
     * name stays unresolved; a literal becomes its address without any lookup.
     */
    static InetSocketAddress socketAddress(String text) throws Invalid {
        String host;
        int portStart;
        if (text.charAt(0) == '[') {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new Invalid("has '[' without ']'");
            }
            host = text.substring(1, close);
            if (close + 1 >= text.length() || text.charAt(close + 1) != ':') {
                throw new Invalid("has no :port after the bracketed address");
            }
            portStart = close + 2;
            if (ipv6(host) == null) {
                throw new Invalid("has no IPv6 literal in the brackets");
            }
        } else {
            int colon = text.lastIndexOf(':');
            if (colon < 0) {
                throw new Invalid("has no :port");
            }
            host = text.substring(0, colon);
            if (host.indexOf(':') >= 0) {
                throw new Invalid("has more than one ':'; write an IPv6 address in brackets: [::1]:8080");
            }
            portStart = colon + 1;
            if (host.isEmpty()) {
                throw new Invalid("has no host before the ':'");
            }
        }
        if (portStart >= text.length()) {
            throw new Invalid("has no port after the ':'");
        }
        int port;
        try {
            port = (int) Numbers.integer(text.substring(portStart), 0, 65535);
        } catch (Invalid e) {
            throw new Invalid("has a port that " + e.getMessage());
        }
        if (text.charAt(0) == '[') {
            return new InetSocketAddress(fromBytes(ipv6(host)), port);
        }
        if (isNumeric(host)) {
            byte[] v4 = ipv4(host);
            if (v4 == null) {
                throw new Invalid("has a host that is neither a valid IPv4 address nor a host name");
            }
            return new InetSocketAddress(fromBytes(v4), port);
        }
        if (!isHostName(host)) {
            throw new Invalid("has a host that is not a host name (letters, digits, '-' and '_' in labels"
                    + " separated by '.', each at most 63 characters)");
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    private static InetAddress fromBytes(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }

    /** A host of digits and dots only is an IPv4 address, never a name. */
    private static boolean isNumeric(String host) {
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    /** RFC 1123 labels, also allowing '_' (Docker Compose service names); at most 253 characters. */
    static boolean isHostName(String host) {
        if (host.isEmpty() || host.length() > 253) {
            return false;
        }
        int labelStart = 0;
        for (int i = 0; i <= host.length(); i++) {
            char c = i < host.length() ? host.charAt(i) : '.';
            if (c == '.') {
                int length = i - labelStart;
                if (length == 0 || length > 63 || host.charAt(labelStart) == '-' || host.charAt(i - 1) == '-') {
                    return false;
                }
                labelStart = i + 1;
            } else if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** Four decimal parts 0-255 without leading zeros, or null. */
    static byte[] ipv4(String s) {
        byte[] bytes = new byte[4];
        int part = 0;
        int i = 0;
        int n = s.length();
        while (part < 4) {
            int start = i;
            int value = 0;
            while (i < n && i - start < 4 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                value = value * 10 + s.charAt(i) - '0';
                i++;
            }
            int length = i - start;
            if (length == 0 || length > 3 || value > 255 || length > 1 && s.charAt(start) == '0') {
                return null;
            }
            bytes[part++] = (byte) value;
            if (part < 4) {
                if (i >= n || s.charAt(i) != '.') {
                    return null;
                }
                i++;
            }
        }
        return i == n ? bytes : null;
    }

    /**
     * RFC 4291 text: eight groups of 1-4 hex digits, one {@code ::} standing for at least one
     * group of zeros, and an optional IPv4 tail in place of the last two groups; or null.
     */
    static byte[] ipv6(String s) {
        int n = s.length();
        int[] groups = new int[8];
        int count = 0;
        int gap = -1;
        int i = 0;
        if (s.startsWith("::")) {
            gap = 0;
            i = 2;
        } else if (n == 0 || s.charAt(0) == ':') {
            return null;
        }
        while (i < n) {
            int start = i;
            int value = 0;
            while (i < n && i - start < 5 && Character.digit(s.charAt(i), 16) >= 0 && s.charAt(i) < 128) {
                value = value * 16 + Character.digit(s.charAt(i), 16);
                i++;
            }
            if (i < n && s.charAt(i) == '.') {
                byte[] v4 = count > 6 ? null : ipv4(s.substring(start));
                if (v4 == null) {
                    return null;
                }
                groups[count++] = (v4[0] & 255) << 8 | v4[1] & 255;
                groups[count++] = (v4[2] & 255) << 8 | v4[3] & 255;
                break;
            }
            int length = i - start;
            if (length == 0 || length > 4 || count == 8) {
                return null;
            }
            groups[count++] = value;
            if (i == n) {
                break;
            }
            if (s.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < n && s.charAt(i) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = count;
                i++;
            } else if (i == n) {
                return null;
            }
        }
        if (gap < 0 ? count != 8 : count > 7) {
            return null;
        }
        byte[] bytes = new byte[16];
        int zeros = 8 - count;
        for (int g = 0, out = 0; g < count; g++, out++) {
            if (g == gap) {
                out += zeros;
            }
            bytes[2 * out] = (byte) (groups[g] >> 8);
            bytes[2 * out + 1] = (byte) groups[g];
        }
        return bytes;
    }
}
