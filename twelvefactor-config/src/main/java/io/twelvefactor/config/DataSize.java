package io.twelvefactor.config;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * An amount of bytes, written as Kubernetes writes resource quantities: a number and a unit,
 * binary ({@code Ki}, {@code Mi}, {@code Gi}, {@code Ti}, {@code Pi}, {@code Ei}, also written
 * {@code KiB}, {@code MiB}…; powers of 1024) or decimal ({@code k}, {@code M}, {@code G},
 * {@code T}, {@code P}, {@code E}; powers of 1000), or a bare number of bytes. A fraction is
 * allowed when the result is a whole number of bytes ({@code 1.5Gi}). {@code KB}, {@code MB},
 * {@code GB}… are refused: they mean 1000 to some readers and 1024 to others.
 *
 * <p>A component of this type reads such a value: {@code @Default("256Mi") DataSize maxBody}.
 * Immutable and thread-safe.
 *
 * @param bytes the number of bytes, at least 0
 */
public record DataSize(long bytes) implements Comparable<DataSize> {
    static final String EXPECTED = "a byte size: digits and a unit, binary Ki, Mi, Gi, Ti, Pi, Ei (or KiB, MiB…;"
            + " powers of 1024) or decimal k, M, G, T, P, E (powers of 1000), such as 512Mi, 1.5Gi or 100M;"
            + " digits alone are bytes";

    private static final String[] UNITS = {"Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
    private static final String[] DECIMAL = {"k", "M", "G", "T", "P", "E"};

    /**
     * Checks the amount.
     *
     * @param bytes the number of bytes
     * @throws IllegalArgumentException if {@code bytes} is negative
     */
    public DataSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("a data size cannot be negative: " + bytes);
        }
    }

    /**
     * Parses a byte size such as {@code 512Mi}, {@code 1.5Gi}, {@code 100M} or {@code 4096}.
     *
     * @param text the text, without surrounding whitespace
     * @return the size
     * @throws IllegalArgumentException if the text is not a byte size, names an ambiguous unit
     *     such as {@code MB} (the message says what to write instead), or exceeds
     *     {@code Long.MAX_VALUE} bytes
     * @throws NullPointerException if {@code text} is null
     */
    public static DataSize parse(String text) {
        try {
            return new DataSize(bytes(text));
        } catch (Invalid e) {
            throw new IllegalArgumentException(Shown.quote(text) + " " + e.getMessage() + "; expected " + EXPECTED);
        }
    }

    /**
     * Returns the size in the largest unit that divides it exactly, binary before decimal:
     * {@code 512Mi}, {@code 1500k}, {@code 1000}. {@link #parse} reads it back to an equal size.
     *
     * @return the size as text
     */
    @Override
    public String toString() {
        for (int i = UNITS.length - 1; i >= 0; i--) {
            long unit = 1L << (10 * (i + 1));
            if (bytes != 0 && bytes % unit == 0) {
                return bytes / unit + UNITS[i];
            }
        }
        long unit = 1;
        String best = "";
        for (int i = 0; i < DECIMAL.length && bytes != 0; i++) {
            unit *= 1000;
            if (bytes % unit == 0) {
                best = DECIMAL[i];
            } else {
                unit /= 1000;
                break;
            }
        }
        return bytes / (best.isEmpty() ? 1 : unit) + best;
    }

    /**
     * Compares the number of bytes.
     *
     * @param other the size to compare with
     * @return negative, zero or positive as this size is smaller, equal or larger
     */
    @Override
    public int compareTo(DataSize other) {
        return Long.compare(bytes, other.bytes);
    }

    /** The number of bytes {@code text} stands for; the message of {@link Invalid} does not quote it. */
    static long bytes(String text) throws Invalid {
        int end = 0;
        while (end < text.length() && (isDigit(text.charAt(end)) || text.charAt(end) == '.')) {
            end++;
        }
        String number = text.substring(0, end);
        String unit = text.substring(end);
        BigInteger multiplier = multiplier(unit, number.isEmpty());
        int dot = number.indexOf('.');
        if (number.isEmpty() || dot == 0 || dot == number.length() - 1 || dot >= 0 && number.indexOf('.', dot + 1) >= 0) {
            throw new Invalid("does not start with a number such as 512 or 1.5");
        }
        if (number.charAt(0) == '0' && number.length() > 1 && number.charAt(1) != '.') {
            throw new Invalid("has a leading zero; write the number without it");
        }
        BigDecimal amount = new BigDecimal(number).multiply(new BigDecimal(multiplier));
        BigInteger whole;
        try {
            whole = amount.toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new Invalid("is not a whole number of bytes");
        }
        if (whole.bitLength() > 63) {
            throw new Invalid("is larger than " + Long.MAX_VALUE + " bytes");
        }
        return whole.longValue();
    }

    private static BigInteger multiplier(String unit, boolean noNumber) throws Invalid {
        if (unit.isEmpty()) {
            return BigInteger.ONE;
        }
        for (int i = 0; i < UNITS.length; i++) {
            if (unit.equals(UNITS[i]) || unit.equals(UNITS[i] + "B")) {
                return BigInteger.ONE.shiftLeft(10 * (i + 1));
            }
            if (unit.equals(DECIMAL[i])) {
                return BigInteger.valueOf(1000).pow(i + 1);
            }
        }
        if (noNumber) {
            throw new Invalid("does not start with a number such as 512 or 1.5");
        }
        char first = unit.charAt(0);
        if (first == ' ' || first == '\t') {
            throw new Invalid("has a space before the unit; write 512Mi");
        }
        for (int i = 0; i < UNITS.length; i++) {
            char letter = DECIMAL[i].charAt(0);
            if (unit.length() == 2 && Character.toUpperCase(unit.charAt(0)) == Character.toUpperCase(letter)
                    && (unit.charAt(1) == 'B' || unit.charAt(1) == 'b')) {
                throw ambiguous(unit, UNITS[i], DECIMAL[i], i + 1);
            }
        }
        if (unit.equals("K")) {
            throw new Invalid("has the unit K, which Kubernetes does not know; write k (1000 bytes) or Ki (1024 bytes)");
        }
        if (unit.equals("B") || unit.equals("b")) {
            throw new Invalid("has the unit " + unit + "; write the number of bytes without a unit");
        }
        throw new Invalid("has an unknown unit");
    }

    private static Invalid ambiguous(String unit, String binary, String decimal, int power) {
        return new Invalid("has the unit " + unit + ", which is ambiguous (1000 or 1024 to the power " + power
                + "); write " + binary + " for 1024^" + power + " bytes or " + decimal + " for 1000^" + power + " bytes");
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
