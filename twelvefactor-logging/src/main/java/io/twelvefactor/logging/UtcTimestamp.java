package io.twelvefactor.logging;

import java.time.Instant;

/**
 * Reads the wall clock and writes UTC timestamps as {@code 2026-11-22T02:49:49.123456Z} by hand,
 * after a fixed prefix (the format's opening bytes), caching the text up to the second, so that
 * most events only write six digits. One per thread.
 *
 * <p>The wall clock ({@link Instant#now()}, a call into the VM) is read at most every
 * {@link #RECALIBRATE_NANOS}; in between, the time is that reading plus the elapsed
 * {@link System#nanoTime()}, an intrinsic that costs a third as much. Both clocks run at the rate
 * NTP sets, so the two agree except when the system clock is stepped, which then shows within
 * 100 ms.
 *
 * <p>The branches taken once a second, once a day or once per 100 ms are also taken on the first
 * 1000 events, so that the JIT compiles them in: a branch it never saw taken becomes a trap that,
 * when it comes, deoptimizes the whole logging path it was inlined into.
 */
final class UtcTimestamp {

    static final int LENGTH = 27;
    static final long RECALIBRATE_NANOS = 100_000_000L;
    /** How many events read the wall clock and rebuild the date before the caches are used. */
    private static final int WARM_UP = 1000;

    private long wallNanos;
    private long monoNanos;
    private long recalibrateAfter;
    private int calibrations;

    /** The opening bytes, then the date and time up to the second's '.'. */
    private final byte[] prefix;
    private final int dateAt;
    private long cachedSecond = Long.MIN_VALUE;
    /** The epoch nanoseconds at which {@link #cachedSecond} starts, valid while {@link #nanosValid}. */
    private long cachedSecondNanos;
    /** Whether {@link #write(byte[], int, long)} may use the cached second without dividing. */
    private boolean nanosValid;
    private long cachedDay = Long.MIN_VALUE;
    private int secondWrites;
    /**
     * "000" to "999". Byte stores, not a byte-array view {@code VarHandle}: making and first using
     * one loads JDK classes from outside the class-data archive and spins a lambda class on the
     * first event, milliseconds at startup for about a nanosecond per event.
     */
    private static final byte[] THREE_DIGITS = new byte[3000];

    static {
        for (int i = 0; i < 1000; i++) {
            THREE_DIGITS[3 * i] = (byte) ('0' + i / 100);
            THREE_DIGITS[3 * i + 1] = (byte) ('0' + i / 10 % 10);
            THREE_DIGITS[3 * i + 2] = (byte) ('0' + i % 10);
        }
    }

    /** A clock whose {@link #write} puts {@code open} before each timestamp. */
    UtcTimestamp(byte[] open) {
        dateAt = open.length;
        prefix = java.util.Arrays.copyOf(open, dateAt + 20);
        calibrate();
    }

    /** How many bytes {@link #write} writes. */
    int length() {
        return dateAt + LENGTH;
    }

    /** Now, in nanoseconds since 1970-01-01T00:00Z. */
    long now() {
        long elapsed = System.nanoTime() - monoNanos;
        if (Long.compareUnsigned(elapsed, recalibrateAfter) >= 0) {
            calibrate();
            return wallNanos;
        }
        return wallNanos + elapsed;
    }

    private void calibrate() {
        // Pairs the two clocks at the middle of the wall-clock read; a read that took long (the
        // thread was descheduled) is tried again, so the pair is off by microseconds at most.
        for (int tries = 1; ; tries++) {
            long before = System.nanoTime();
            Instant wall = Instant.now();
            long after = System.nanoTime();
            if (after - before <= 20_000 || tries == 4) {
                monoNanos = before + (after - before) / 2;
                wallNanos = wall.getEpochSecond() * 1_000_000_000L + wall.getNano();
                break;
            }
        }
        if (calibrations < WARM_UP) {
            calibrations++;
            recalibrateAfter = calibrations < WARM_UP ? 0 : RECALIBRATE_NANOS;
        }
    }

    /**
     * Writes {@link #length()} bytes at {@code at}: the opening bytes and the timestamp; the
     * caller made room for them. Returns the position after them.
     */
    int write(byte[] b, int at, long epochSecond, int nanos) {
        if (epochSecond != cachedSecond || secondWrites < WARM_UP) {
            cacheSecond(epochSecond);
        }
        return writeCached(b, at, nanos);
    }

    /**
     * As {@link #write(byte[], int, long, int)}, for a time from {@link #now()}: within the cached
     * second, without a division.
     */
    int write(byte[] b, int at, long epochNanos) {
        long inSecond = epochNanos - cachedSecondNanos;
        if (nanosValid && inSecond >= 0 && inSecond < 1_000_000_000L) {
            return writeCached(b, at, (int) inSecond);
        }
        long second = Math.floorDiv(epochNanos, 1_000_000_000L);
        return write(b, at, second, (int) (epochNanos - second * 1_000_000_000L));
    }

    /** The prefix with the cached second, then the microseconds of {@code nanos} and 'Z'. */
    private int writeCached(byte[] b, int at, int nanos) {
        byte[] p = prefix;
        int n = p.length;
        System.arraycopy(p, 0, b, at, n);
        int i = at + n;
        int micros = nanos / 1000;
        int high = micros / 1000;
        int low = 3 * (micros - high * 1000);
        high *= 3;
        byte[] t = THREE_DIGITS;
        b[i] = t[high];
        b[i + 1] = t[high + 1];
        b[i + 2] = t[high + 2];
        b[i + 3] = t[low];
        b[i + 4] = t[low + 1];
        b[i + 5] = t[low + 2];
        b[i + 6] = 'Z';
        return i + 7;
    }

    private void cacheSecond(long epochSecond) {
        if (secondWrites < WARM_UP) {
            secondWrites++;
        }
        long day = Math.floorDiv(epochSecond, 86_400L);
        if (day != cachedDay || secondWrites < WARM_UP) {
            cacheDay(day);
        }
        byte[] b = prefix;
        int at = dateAt;
        int secondOfDay = (int) (epochSecond - day * 86_400L);
        digits(b, at + 11, secondOfDay / 3600, 2);
        b[at + 13] = ':';
        digits(b, at + 14, secondOfDay / 60 % 60, 2);
        b[at + 16] = ':';
        digits(b, at + 17, secondOfDay % 60, 2);
        b[at + 19] = '.';
        cachedSecond = epochSecond;
        // Not while warming up (so that the division's branch is compiled in), nor for a second
        // whose nanoseconds a long cannot hold (a recorded timestamp far from now).
        nanosValid = secondWrites >= WARM_UP && Math.abs(epochSecond) < 9_000_000_000L;
        cachedSecondNanos = nanosValid ? epochSecond * 1_000_000_000L : 0;
    }

    private void cacheDay(long day) {
        // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
        long z = day + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int d = (int) (doy - (153 * mp + 2) / 5 + 1);
        int m = (int) (mp < 10 ? mp + 3 : mp - 9);
        int y = (int) (yoe + era * 400 + (m <= 2 ? 1 : 0));
        byte[] b = prefix;
        int at = dateAt;
        digits(b, at, Math.floorMod(y, 10_000), 4);
        b[at + 4] = '-';
        digits(b, at + 5, m, 2);
        b[at + 7] = '-';
        digits(b, at + 8, d, 2);
        b[at + 10] = 'T';
        cachedDay = day;
    }

    /** Writes {@code value} as {@code digits} zero-padded decimal digits at {@code at}. */
    private static void digits(byte[] b, int at, int value, int digits) {
        for (int i = at + digits - 1; i >= at; i--) {
            b[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }
}
