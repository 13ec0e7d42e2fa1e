package io.twelvefactor.logging;

/**
 * Formats UTC timestamps as {@code 2026-11-22T02:49:49.123456Z} by hand, caching the text up to
 * the second (and the date) so that most events only write six digits. One per thread.
 */
final class UtcTimestamp {

    static final int LENGTH = 27;

    private long cachedSecond = Long.MIN_VALUE;
    private long cachedDay = Long.MIN_VALUE;
    private final byte[] secondPrefix = new byte[20];

    /** Writes {@link #LENGTH} bytes at {@code at}; the caller made room for them. */
    void write(byte[] b, int at, long epochSecond, int nanos) {
        if (epochSecond != cachedSecond) {
            cacheSecond(epochSecond);
        }
        System.arraycopy(secondPrefix, 0, b, at, 20);
        LineBuffer.sixDigits(b, at + 20, nanos / 1000);
        b[at + 26] = 'Z';
    }

    private void cacheSecond(long epochSecond) {
        long day = Math.floorDiv(epochSecond, 86_400L);
        byte[] b = secondPrefix;
        if (day != cachedDay) {
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
            LineBuffer.digits(b, 0, Math.floorMod(y, 10_000), 4);
            b[4] = '-';
            LineBuffer.digits(b, 5, m, 2);
            b[7] = '-';
            LineBuffer.digits(b, 8, d, 2);
            b[10] = 'T';
            b[13] = ':';
            b[16] = ':';
            b[19] = '.';
            cachedDay = day;
        }
        int secondOfDay = (int) Math.floorMod(epochSecond, 86_400L);
        LineBuffer.digits(b, 11, secondOfDay / 3600, 2);
        LineBuffer.digits(b, 14, secondOfDay / 60 % 60, 2);
        LineBuffer.digits(b, 17, secondOfDay % 60, 2);
        cachedSecond = epochSecond;
    }
}
