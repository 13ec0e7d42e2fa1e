package io.twelvefactor.config;

import java.math.BigDecimal;
import java.time.Duration;

/** Strict parsers for numbers, booleans and durations: decimal ASCII digits, explicit units. */
final class Numbers {
    private Numbers() {
    }

    /** An integer in [min, max]: an optional '-', then ASCII digits without a leading zero. */
    static long integer(String text, long min, long max) throws Invalid {
        checkDigits(text);
        boolean negative = text.charAt(0) == '-';
        long limit = negative ? min : -max;
        long multiplicationLimit = limit / 10;
        long value = 0;
        for (int i = negative ? 1 : 0; i < text.length(); i++) {
            int digit = text.charAt(i) - '0';
            if (value < multiplicationLimit) {
                throw outOfRange(min, max);
            }
            value *= 10;
            if (value < limit + digit) {
                throw outOfRange(min, max);
            }
            value -= digit;
        }
        long result = negative ? value : -value;
        if (result < min || result > max) {
            throw outOfRange(min, max); // a range from @Range need not contain zero
        }
        return result;
    }

    private static Invalid outOfRange(long min, long max) {
        return new Invalid("is out of range " + min + " to " + max);
    }

    /** An optional '-' then ASCII digits, no leading zero, no sign-only text. */
    static void checkDigits(String text) throws Invalid {
        int start = text.charAt(0) == '-' ? 1 : 0;
        if (start == text.length()) {
            throw new Invalid("is not a whole number");
        }
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new Invalid(c == '.' || c == 'e' || c == 'E' ? "is not a whole number"
                        : "is not a whole number of decimal digits 0-9");
            }
        }
        if (text.charAt(start) == '0' && text.length() > start + 1) {
            throw new Invalid("has a leading zero (octal is not supported; write the decimal number without it)");
        }
        if (start == 1 && text.charAt(1) == '0') {
            throw new Invalid("is a negative zero; write 0");
        }
    }

    /** Decimal grammar: -?digits(.digits)?([eE][+-]?digits)?, ASCII only. */
    static void checkDecimal(String text) throws Invalid {
        int i = text.charAt(0) == '-' ? 1 : 0;
        int digits = skipDigits(text, i);
        if (digits == i) {
            throw new Invalid("is not a decimal number");
        }
        i = digits;
        if (i < text.length() && text.charAt(i) == '.') {
            int fraction = skipDigits(text, i + 1);
            if (fraction == i + 1) {
                throw new Invalid("is not a decimal number (digits must follow the point)");
            }
            i = fraction;
        }
        if (i < text.length() && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            int exponent = skipDigits(text, i);
            if (exponent == i) {
                throw new Invalid("is not a decimal number (bad exponent)");
            }
            i = exponent;
        }
        if (i != text.length()) {
            throw new Invalid("is not a decimal number of ASCII digits");
        }
    }

    private static final char[] TIME_UNITS = {'h', 'm', 's'};
    private static final long[] TIME_SECONDS = {3600, 60, 1};

    /**
     * ISO-8601 as {@link Duration#parse} reads it ({@code [-+]P[nD][T[nH][nM][n[.f]S]]}, any
     * case, signed parts), without the regular expression it compiles on first use.
     */
    static Duration iso(String text) throws Invalid {
        int n = text.length();
        int i = text.charAt(0) == 'P' || text.charAt(0) == 'p' ? 1 : 2;
        long[] parts = new long[4];
        int nanos = 0;
        boolean any = false;
        try {
            int end = numberEnd(text, i);
            if (end > i) {
                if (end >= n || Text.lower(text.charAt(end)) != 'd') {
                    throw isoError();
                }
                parts[0] = Math.multiplyExact(Long.parseLong(text, i, end, 10), 86400);
                i = end + 1;
                any = true;
            }
            if (i < n) {
                if (Text.lower(text.charAt(i++)) != 't' || i == n) {
                    throw isoError();
                }
                for (int unit = 0; i < n; unit++) {
                    end = numberEnd(text, i);
                    if (end == i || end >= n) {
                        throw isoError();
                    }
                    char c = Text.lower(text.charAt(end));
                    boolean fraction = c == '.' || c == ',';
                    while (unit < 3 && TIME_UNITS[unit] != c && !(unit == 2 && fraction)) {
                        unit++;
                    }
                    if (unit == 3) {
                        throw isoError();
                    }
                    parts[unit + 1] = Math.multiplyExact(Long.parseLong(text, i, end, 10), TIME_SECONDS[unit]);
                    if (fraction) {
                        int digits = skipDigits(text, end + 1);
                        if (digits - end - 1 > 9 || digits >= n || Text.lower(text.charAt(digits)) != 's') {
                            throw isoError();
                        }
                        nanos = fractionNanos(text, end + 1, digits) * (text.charAt(i) == '-' ? -1 : 1);
                        end = digits;
                    }
                    i = end + 1;
                    any = true;
                }
            }
            if (!any) {
                throw isoError();
            }
            long seconds = Math.addExact(parts[0], Math.addExact(parts[1], Math.addExact(parts[2], parts[3])));
            Duration d = Duration.ofSeconds(seconds, nanos);
            return text.charAt(0) == '-' ? d.negated() : d;
        } catch (ArithmeticException | NumberFormatException e) {
            throw new Invalid("is too long for a duration");
        }
    }

    private static Invalid isoError() {
        return new Invalid("is not an ISO-8601 duration");
    }

    /** The end of {@code [-+]?[0-9]+} at {@code from}, or {@code from} when there is none. */
    private static int numberEnd(String text, int from) {
        int start = from < text.length() && (text.charAt(from) == '-' || text.charAt(from) == '+') ? from + 1 : from;
        int end = skipDigits(text, start);
        return end == start ? from : end;
    }

    private static int fractionNanos(String text, int from, int to) {
        int nanos = 0;
        for (int i = from; i < from + 9; i++) {
            nanos = nanos * 10 + (i < to ? text.charAt(i) - '0' : 0);
        }
        return nanos;
    }

    private static int skipDigits(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    /** A BigDecimal in the decimal grammar, with an exponent BigDecimal can represent. */
    static BigDecimal decimal(String text) throws Invalid {
        checkDecimal(text);
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new Invalid("has an exponent out of range");
        }
    }

    /** A finite double (or float) in the decimal grammar. */
    static double floating(String text, boolean single) throws Invalid {
        checkDecimal(text);
        double value = Double.parseDouble(text);
        if (Double.isInfinite(value) || single && Float.isInfinite((float) value)) {
            throw new Invalid("is too large (only finite numbers are allowed)");
        }
        return value;
    }

    /** true/false, yes/no, on/off, 1/0, in any ASCII case. */
    static Boolean bool(String text) throws Invalid {
        String[] truths = {"true", "yes", "on", "1"};
        String[] lies = {"false", "no", "off", "0"};
        for (int i = 0; i < truths.length; i++) {
            if (Text.equalsAsciiIgnoreCase(truths[i], text)) {
                return Boolean.TRUE;
            }
            if (Text.equalsAsciiIgnoreCase(lies[i], text)) {
                return Boolean.FALSE;
            }
        }
        throw new Invalid("is not a boolean");
    }

    /**
     * Digits without a leading zero then a lower-case unit (ms, s, m, h, d), or ISO-8601
     * starting with P in any case; never negative. The grammar every module shares
     * ({@code conformance/grammar.txt}).
     */
    static Duration duration(String text) throws Invalid {
        char first = text.charAt(0);
        if (first == 'P' || first == 'p' || (first == '-' || first == '+') && text.length() > 1
                && (text.charAt(1) == 'P' || text.charAt(1) == 'p')) {
            Duration d = iso(text);
            if (d.isNegative()) {
                throw new Invalid("is negative");
            }
            return d;
        }
        int end = skipDigits(text, 0);
        if (end == 0) {
            throw new Invalid("is not a duration");
        }
        if (end == text.length()) {
            throw new Invalid("has no unit");
        }
        String number = text.substring(0, end);
        long amount = integer(number, 0, Long.MAX_VALUE);
        String unit = text.substring(end);
        try {
            switch (unit) {
                case "ms": return Duration.ofMillis(amount);
                case "s": return Duration.ofSeconds(amount);
                case "m": return Duration.ofMinutes(amount);
                case "h": return Duration.ofHours(amount);
                case "d": return Duration.ofDays(amount);
                default: throw new Invalid("has an unknown unit");
            }
        } catch (ArithmeticException e) {
            throw new Invalid("is too long for a duration");
        }
    }
}
