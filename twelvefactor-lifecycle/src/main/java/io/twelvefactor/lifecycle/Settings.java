package io.twelvefactor.lifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The environment variables the module reads, parsed strictly; every problem at once. */
record Settings(Duration timeout, Duration delay, int healthPort) {

    static final String TIMEOUT = "SHUTDOWN_TIMEOUT";
    static final String DELAY = "SHUTDOWN_DELAY";
    static final String HEALTH_PORT = "HEALTH_PORT";
    /** {@link #healthPort} when no probe server is wanted. */
    static final int NO_PORT = -1;

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(25);

    /** Longer budgets are surely typos, and would overflow the nanosecond clock arithmetic. */
    static final Duration MAX_DURATION = Duration.ofDays(1);
    private static final String DURATION_FORM =
            "a duration with a unit, at most 1d: 500ms, 25s, 1m, 1h, or ISO-8601 such as PT25S"
                    + " (a bare number is refused: seconds or milliseconds?)";
    private static final int MAX_SHOWN = 40;

    static Settings from(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        Duration timeout = duration(env, TIMEOUT, DEFAULT_TIMEOUT, problems);
        Duration delay = duration(env, DELAY, Duration.ZERO, problems);
        if (timeout.isZero()) {
            problems.add(TIMEOUT + "=" + quote(env.get(TIMEOUT)) + ": expected a budget above zero");
        } else if (problems.isEmpty() && delay.compareTo(timeout) >= 0) {
            problems.add(DELAY + "=" + quote(env.get(DELAY)) + ": expected less than " + TIMEOUT + " ("
                    + millis(timeout) + "), since the delay is spent out of that budget");
        }
        int port = port(env, problems);
        if (!problems.isEmpty()) {
            throw new LifecycleException(problems);
        }
        return new Settings(timeout, delay, port);
    }

    private static Duration duration(Map<String, String> env, String name, Duration fallback, List<String> problems) {
        String raw = env.get(name);
        if (raw == null) {
            return fallback;
        }
        Duration d = parseDuration(raw);
        if (d == null) {
            problems.add(name + "=" + quote(raw) + ": expected " + DURATION_FORM);
            return fallback;
        }
        return d;
    }

    /**
     * The grammar of {@code twelvefactor-config}'s durations, so that one variable means the
     * same to both modules: digits and a unit ({@code 500ms}, {@code 25s}, {@code 1m},
     * {@code 1h}, {@code 2d}) or ISO-8601 ({@code PT25S}); a bare number is refused, since
     * nothing says whether it counts seconds or milliseconds. At most {@link #MAX_DURATION}.
     */
    static Duration parseDuration(String raw) {
        Duration d;
        if (!raw.isEmpty() && (raw.charAt(0) == 'P' || raw.charAt(0) == 'p')) {
            try {
                d = Duration.parse(raw);
            } catch (java.time.format.DateTimeParseException e) {
                return null;
            }
        } else {
            int digits = 0;
            while (digits < raw.length() && raw.charAt(digits) >= '0' && raw.charAt(digits) <= '9') {
                digits++;
            }
            long millisPerUnit = switch (raw.substring(digits)) {
                case "ms" -> 1L;
                case "s" -> 1_000L;
                case "m" -> 60_000L;
                case "h" -> 3_600_000L;
                case "d" -> 86_400_000L;
                default -> 0L;
            };
            if (digits == 0 || digits > 9 || millisPerUnit == 0) {
                return null;
            }
            d = Duration.ofMillis(Long.parseLong(raw, 0, digits, 10) * millisPerUnit);
        }
        return d.isNegative() || d.compareTo(MAX_DURATION) > 0 ? null : d;
    }

    private static int port(Map<String, String> env, List<String> problems) {
        String raw = env.get(HEALTH_PORT);
        if (raw == null) {
            return NO_PORT;
        }
        boolean digitsOnly = !raw.isEmpty() && raw.length() <= 5;
        for (int i = 0; digitsOnly && i < raw.length(); i++) {
            digitsOnly = raw.charAt(i) >= '0' && raw.charAt(i) <= '9';
        }
        int port = digitsOnly ? Integer.parseInt(raw) : NO_PORT;
        if (port < 0 || port > 65_535) {
            problems.add(HEALTH_PORT + "=" + quote(raw)
                    + ": expected a TCP port 0-65535 (0 picks a free port), or leave it unset for no probe server");
            return NO_PORT;
        }
        return port;
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
}
