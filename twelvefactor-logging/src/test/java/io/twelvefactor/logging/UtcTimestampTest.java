package io.twelvefactor.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class UtcTimestampTest {

    private static final DateTimeFormatter ISO_MICROS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final byte[] OPEN = "{\"t\":\"".getBytes(StandardCharsets.US_ASCII);

    /** A clock past its warm-up, so that it writes from its cached date. */
    private final UtcTimestamp warm = warmedUp();

    private static UtcTimestamp warmedUp() {
        UtcTimestamp clock = new UtcTimestamp(OPEN);
        byte[] b = new byte[clock.length()];
        for (int i = 0; i < 2000; i++) {
            clock.write(b, 0, 0, 0);
            clock.now();
        }
        return clock;
    }

    /** The same as java.time for any instant from 1970 to 9999, from a new clock and a warm one. */
    @Property(tries = 1000)
    void matchesJavaTime(@ForAll @LongRange(min = 0, max = 253_402_300_799L) long second,
            @ForAll @LongRange(min = 0, max = 999_999_999) long nanos) {
        String expected = ISO_MICROS.format(Instant.ofEpochSecond(second, nanos));
        byte[] b = new byte[UtcTimestamp.LENGTH];
        assertEquals(UtcTimestamp.LENGTH, new UtcTimestamp(new byte[0]).write(b, 0, second, (int) nanos));
        assertEquals(expected, new String(b, StandardCharsets.US_ASCII));
        byte[] w = new byte[warm.length() + 3];
        assertEquals(w.length, warm.write(w, 3, second, (int) nanos));
        assertEquals("{\"t\":\"" + expected, new String(w, 3, warm.length(), StandardCharsets.US_ASCII));
    }

    /**
     * Times from the clock, in epoch nanoseconds, as java.time writes them: the first of a second,
     * then others in the same second (written from the cached second without a division), with a
     * recorded timestamp of another second between them.
     */
    @Property(tries = 1000)
    void writesClockTimesAsJavaTime(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long epochNanos,
            @ForAll @LongRange(min = 0, max = 999_999_999) long otherNanos,
            @ForAll @LongRange(min = 0, max = 253_402_300_799L) long recordedSecond) {
        long secondStart = epochNanos - epochNanos % 1_000_000_000L;
        long[] times = {epochNanos, secondStart + otherNanos, secondStart, secondStart + 999_999_999L};
        byte[] b = new byte[warm.length()];
        for (int round = 0; round < 2; round++) {
            for (long t : times) {
                assertEquals(b.length, warm.write(b, 0, t));
                assertEquals("{\"t\":\"" + ISO_MICROS.format(Instant.ofEpochSecond(0, t)),
                        new String(b, StandardCharsets.US_ASCII), "at " + t);
            }
            warm.write(b, 0, recordedSecond, 0);
        }
    }

    /** Seconds on either side of a midnight, written in turn by one warm clock. */
    @Property(tries = 200)
    void keepsTheDateRightAcrossMidnight(@ForAll @IntRange(min = 1, max = 2_932_896) int day,
            @ForAll @IntRange(min = 1, max = 3) int secondsEitherSide) {
        long midnight = day * 86_400L;
        byte[] b = new byte[warm.length()];
        for (long s = midnight - secondsEitherSide; s <= midnight + secondsEitherSide; s++) {
            warm.write(b, 0, s, 123_456_789);
            assertEquals("{\"t\":\"" + ISO_MICROS.format(Instant.ofEpochSecond(s, 123_456_789)),
                    new String(b, StandardCharsets.US_ASCII));
        }
    }

    /** Between wall-clock readings the time comes from nanoTime; it still matches the wall clock. */
    @Test
    void nowFollowsTheWallClock() {
        UtcTimestamp clock = warmedUp();
        long tolerance = 2_000_000L;
        long previous = 0;
        for (int i = 0; i < 100_000; i++) {
            Instant before = Instant.now();
            long now = clock.now();
            Instant after = Instant.now();
            long low = before.getEpochSecond() * 1_000_000_000L + before.getNano() - tolerance;
            long high = after.getEpochSecond() * 1_000_000_000L + after.getNano() + tolerance;
            assertTrue(now >= low && now <= high, () -> now + " is not between " + before + " and " + after);
            assertTrue(now + tolerance >= previous, "time went back by more than the tolerance");
            previous = now;
        }
    }
}
