package io.twelvefactor.lifecycle;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The module's settings: typed values given to the builder, else the environment variables,
 * parsed in the library's one grammar (README, "One grammar"; {@code conformance/grammar.txt}
 * at the repository root is the table every module's tests run). Every problem at once.
 */
record Settings(Duration timeout, Duration delay, int healthPort) {

    static final String TIMEOUT = "SHUTDOWN_TIMEOUT";
    static final String DELAY = "SHUTDOWN_DELAY";
    static final String HEALTH_PORT = "HEALTH_PORT";
    /** {@link #healthPort} when no probe server is wanted. */
    static final int NO_PORT = -1;
    static final int MAX_PORT = 65_535;

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(25);

    /** Longer budgets are surely typos, and would overflow the nanosecond clock arithmetic. */
    static final Duration MAX_DURATION = Duration.ofDays(1);
    private static final String DURATION_FORM =
            "a duration with a unit: 500ms, 25s, 1m, 1h, 1d, or ISO-8601 such as PT25S"
                    + " (a bare number is refused: seconds or milliseconds?)";
    static final String PORT_FORM = "a TCP port 0-65535 (0 picks a free port)";
    private static final int MAX_SHOWN = 40;

    static Settings from(Map<String, String> env) {
        return from(env, null, null, null);
    }

    /**
     * The settings from the typed values where given (non-null), else from {@code env}; a
     * typed {@code port} of {@link #NO_PORT} means no probe server.
     */
    static Settings from(Map<String, String> env, Duration typedTimeout, Duration typedDelay, Integer typedPort) {
        List<String> problems = new ArrayList<>();
        Duration timeout = typedTimeout != null ? typedTimeout : duration(env, TIMEOUT, DEFAULT_TIMEOUT, problems);
        Duration delay = typedDelay != null ? typedDelay : duration(env, DELAY, Duration.ZERO, problems);
        if (problems.isEmpty()) {
            String timeoutProblem = timeoutProblem(timeout);
            String delayProblem = delayProblem(delay, timeout);
            if (timeoutProblem != null) {
                problems.add(shown(TIMEOUT, env, typedTimeout) + ": expected " + timeoutProblem);
            } else if (delayProblem != null) {
                problems.add(shown(DELAY, env, typedDelay) + ": expected " + delayProblem);
            }
        }
        int port = typedPort != null ? typedPort : port(env, problems);
        if (!problems.isEmpty()) {
            LifecycleException.raise(problems);
        }
        return new Settings(timeout, delay, port);
    }

    /** What is wrong with a budget by lifecycle's rules (the expected form), or null. */
    static String timeoutProblem(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            return "a budget above zero";
        }
        return timeout.compareTo(MAX_DURATION) > 0 ? "a budget of at most 1d (" + millis(MAX_DURATION) + ")" : null;
    }

    /** What is wrong with a delay within {@code timeout} by lifecycle's rules, or null. */
    static String delayProblem(Duration delay, Duration timeout) {
        if (delay.isNegative()) {
            return "a delay of zero or more";
        }
        if (delay.compareTo(timeout) >= 0) {
            return "less than " + TIMEOUT + " (" + millis(timeout) + "), since the delay is spent out of that budget";
        }
        return null;
    }

    /** What is wrong with a probe server port, or null. */
    static String portProblem(int port) {
        return port < 0 || port > MAX_PORT ? PORT_FORM : null;
    }

    /**
     * The checks behind {@link Shutdown}'s typed settings: each throws
     * {@code IllegalArgumentException} saying "{@code name} is (value); expected (form)", so
     * that {@code Shutdown.checkSettings} and the builder word their errors alike.
     */
    static void checkTimeout(String name, Duration timeout) {
        String problem = timeoutProblem(timeout);
        if (problem != null) {
            throw new IllegalArgumentException(name + " is " + millis(timeout) + "; expected " + problem);
        }
    }

    static void checkDelay(String name, Duration delay, Duration timeout) {
        String problem = delayProblem(delay, timeout);
        if (problem != null) {
            throw new IllegalArgumentException(name + " is " + millis(delay) + "; expected " + problem);
        }
    }

    static void checkNotNegative(String name, Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " is " + millis(d) + "; expected zero or more");
        }
    }

    static void checkPort(String name, int port) {
        String problem = portProblem(port);
        if (problem != null) {
            throw new IllegalArgumentException(name + " is " + port + "; expected " + problem);
        }
    }

    /** A hook's or health check's own timeout in nanoseconds; {@code what} names it in the error. */
    static long positiveNanos(String what, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + timeout);
        }
        return nanosOrZero(timeout);
    }

    /** Nanoseconds for a wait: 0 when negative, "forever" (without overflow) beyond a year. */
    static long nanosOrZero(Duration d) {
        if (d.isNegative()) {
            return 0;
        }
        return d.compareTo(Duration.ofDays(365)) > 0 ? Long.MAX_VALUE / 4 : d.toNanos();
    }

    private static String shown(String name, Map<String, String> env, Duration typed) {
        return name + "=" + (typed != null ? millis(typed) + " (given to the builder)" : quote(env.get(name)));
    }

    private static Duration duration(Map<String, String> env, String name, Duration fallback, List<String> problems) {
        String raw = env.get(name);
        String text = raw == null ? "" : trim(raw);
        if (text.isEmpty()) {
            return fallback;
        }
        Duration d = parseDuration(text);
        if (d == null) {
            problems.add(name + "=" + quote(raw) + ": expected " + DURATION_FORM);
            return fallback;
        }
        return d;
    }

    /**
     * A duration in the library's grammar, or null: after trimming ASCII white space, digits
     * without a leading zero and a lower-case unit ({@code 500ms}, {@code 25s}, {@code 1m},
     * {@code 1h}, {@code 2d}), or ISO-8601 in any case ({@code PT25S}) as {@link Duration#parse}
     * reads it; a bare number, a sign before the digits and a negative result are refused.
     * Limits of a particular use (lifecycle's at most 1d) are checked by the caller.
     */
    static Duration parseDuration(String raw) {
        String text = trim(raw);
        if (text.isEmpty()) {
            return null;
        }
        char first = text.charAt(0);
        if (first == 'P' || first == 'p' || first == '-' || first == '+') {
            char last = text.charAt(text.length() - 1);
            if (last == 'T' || last == 't') {
                return null; // a bare T: Duration.parse refuses "P1DT" but, comparing case-sensitively, takes "P1Dt"
            }
            return Iso.parse(text);
        }
        int digits = 0;
        while (digits < text.length() && text.charAt(digits) >= '0' && text.charAt(digits) <= '9') {
            digits++;
        }
        String unit = text.substring(digits);
        if (digits == 0 || digits > 1 && first == '0' || digits > 19) {
            return null;
        }
        long amount = 0;
        for (int i = 0; i < digits; i++) { // by hand, as Long.parseLong's NumberFormatException would load at startup
            int digit = text.charAt(i) - '0';
            if (amount > (Long.MAX_VALUE - digit) / 10) {
                return null; // beyond a long
            }
            amount = amount * 10 + digit;
        }
        try {
            return switch (unit) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                case "d" -> Duration.ofDays(amount);
                default -> null;
            };
        } catch (ArithmeticException e) {
            return null;
        }
    }

    /**
     * A port in the library's grammar, or {@link #NO_PORT}: after trimming ASCII white space,
     * decimal digits without a sign or a leading zero, 0 to 65535.
     */
    static int parsePort(String raw) {
        String text = trim(raw);
        if (text.isEmpty() || text.length() > 5 || text.length() > 1 && text.charAt(0) == '0') {
            return NO_PORT;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return NO_PORT;
            }
        }
        int port = Integer.parseInt(text);
        return port > MAX_PORT ? NO_PORT : port;
    }

    private static int port(Map<String, String> env, List<String> problems) {
        String raw = env.get(HEALTH_PORT);
        if (raw == null || trim(raw).isEmpty()) {
            return NO_PORT;
        }
        int port = parsePort(raw);
        if (port == NO_PORT) {
            problems.add(HEALTH_PORT + "=" + quote(raw) + ": expected " + PORT_FORM
                    + ", or leave it unset for no probe server");
        }
        return port;
    }

    /** Strips ASCII spaces, tabs and line breaks from both ends, as every module does. */
    static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    static String millis(Duration d) {
        return d.toMillis() + " ms";
    }

    static String quote(String value) {
        if (value == null) {
            return "(unset)";
        }
        String shown = value.length() > MAX_SHOWN ? value.substring(0, MAX_SHOWN) + "..." : value;
        return "\"" + shown + "\"";
    }

    /**
     * ISO-8601 durations, apart: a class loaded only for such a value, so that verifying
     * {@code Settings} at startup does not load the exception classes caught here.
     */
    private static final class Iso {
        static Duration parse(String text) {
            try {
                Duration d = Duration.parse(text);
                return d.isNegative() ? null : d;
            } catch (DateTimeParseException | ArithmeticException e) {
                return null;
            }
        }
    }
}
