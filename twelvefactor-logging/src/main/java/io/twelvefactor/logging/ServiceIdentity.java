package io.twelvefactor.logging;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which service a line belongs to, read from the variables OpenTelemetry defines and operators
 * already set: {@code OTEL_SERVICE_NAME}, else {@code service.name} in
 * {@code OTEL_RESOURCE_ATTRIBUTES}; and from that list {@code service.version},
 * {@code deployment.environment.name} (or the older {@code deployment.environment}) and
 * {@code service.instance.id}. A value that is absent, empty or only ASCII white space is null.
 *
 * @param name the service name, or null
 * @param version the service version, or null
 * @param environment the deployment environment, or null
 * @param instance the service instance (ECS {@code service.node.name}), or null
 */
record ServiceIdentity(String name, String version, String environment, String instance) {

    /** The ECS {@code event.dataset}: the spec's default {@code <service.name>.log}, sanitized as it says. */
    String dataset() {
        if (name == null) {
            return null;
        }
        String raw = name.toLowerCase(Locale.ROOT) + ".log";
        StringBuilder b = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length() && b.length() < 100; i++) {
            char c = raw.charAt(i);
            b.append("\\/*?\"<>| ,#:-".indexOf(c) >= 0 ? '_' : c);
        }
        return b.toString();
    }

    /**
     * Reads the identity from {@code env}, adding a line to {@code problems} for each malformed
     * attribute. A list rather than a callback: the caller's method reference would be a class
     * spun at run time, a cost paid on the way to the first log line.
     */
    static ServiceIdentity from(Map<String, String> env, List<String> problems) {
        String name = blankToNull(env.get("OTEL_SERVICE_NAME"));
        String resourceName = null;
        String version = null;
        String environment = null;
        String legacyEnvironment = null;
        String instance = null;
        String list = env.get("OTEL_RESOURCE_ATTRIBUTES");
        if (list != null && !trim(list).isEmpty()) {
            for (String entry : list.split(",", -1)) {
                if (trim(entry).isEmpty()) {
                    continue;
                }
                int eq = entry.indexOf('=');
                String key = eq <= 0 ? null : trim(entry.substring(0, eq));
                String value = eq <= 0 ? null : decode(trim(entry.substring(eq + 1)));
                if (key == null || key.isEmpty() || value == null) {
                    problems.add("OTEL_RESOURCE_ATTRIBUTES entry \"" + shorten(trim(entry))
                            + "\" is not key=value with the value percent-encoded; ignoring this entry");
                    continue;
                }
                switch (key) {
                    case "service.name": resourceName = blankToNull(value); break;
                    case "service.version": version = blankToNull(value); break;
                    case "deployment.environment.name": environment = blankToNull(value); break;
                    case "deployment.environment": legacyEnvironment = blankToNull(value); break;
                    case "service.instance.id": instance = blankToNull(value); break;
                    default: break;
                }
            }
        }
        return new ServiceIdentity(name != null ? name : resourceName, version,
                environment != null ? environment : legacyEnvironment, instance);
    }

    /** A W3C Baggage value: percent-encoded UTF-8; null when an escape is malformed. */
    private static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
                int lo = hi < 0 ? -1 : Character.digit(s.charAt(i + 2), 16);
                if (lo < 0) {
                    return null;
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else {
                int end = s.indexOf('%', i);
                end = end < 0 ? s.length() : end;
                byte[] b = s.substring(i, end).getBytes(StandardCharsets.UTF_8);
                bytes.write(b, 0, b.length);
                i = end - 1;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String blankToNull(String s) {
        String t = s == null ? "" : trim(s);
        return t.isEmpty() ? null : t;
    }

    /** Strips ASCII spaces, tabs and line breaks from both ends, as every module does. */
    private static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && " \t\n\r".indexOf(s.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && " \t\n\r".indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(start, end);
    }

    private static String shorten(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
