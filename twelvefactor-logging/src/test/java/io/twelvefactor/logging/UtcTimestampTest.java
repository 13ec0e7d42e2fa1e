package io.twelvefactor.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

class UtcTimestampTest {

    private static final DateTimeFormatter ISO_MICROS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final UtcTimestamp clock = new UtcTimestamp();

    /** The same as java.time for any instant from 1970 to 9999, with or without the cached second. */
    @Property(tries = 1000)
    void matchesJavaTime(@ForAll @LongRange(min = 0, max = 253_402_300_799L) long second,
            @ForAll @LongRange(min = 0, max = 999_999_999) long nanos, @ForAll boolean sameSecondTwice) {
        byte[] b = new byte[UtcTimestamp.LENGTH];
        if (sameSecondTwice) {
            clock.write(b, 0, second, 0);
        }
        clock.write(b, 0, second, (int) nanos);
        assertEquals(ISO_MICROS.format(Instant.ofEpochSecond(second, nanos)),
                new String(b, StandardCharsets.US_ASCII));
    }
}
