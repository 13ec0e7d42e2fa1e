package io.twelvefactor.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;

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
        return negative ? value : -value;
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

    /** Digits then a unit (ms, s, m, h, d), or ISO-8601 starting with P. */
    static Duration duration(String text) throws Invalid {
        char first = text.charAt(0);
        if (first == 'P' || first == 'p' || first == '-' && text.length() > 1 && (text.charAt(1) == 'P' || text.charAt(1) == 'p')) {
            try {
                return Duration.parse(text);
            } catch (DateTimeParseException e) {
                throw new Invalid("is not an ISO-8601 duration");
            }
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
