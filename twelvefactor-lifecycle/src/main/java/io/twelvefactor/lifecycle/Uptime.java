package io.twelvefactor.lifecycle;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

/**
 * The time since the process started, for {@link Shutdown#started()}. On Linux it is read from
 * the kernel's process table ({@code /proc/self/stat} and {@code /proc/uptime}, to the 10 ms
 * the kernel keeps): the JDK's only API for it, the {@code RuntimeMXBean}, starts the platform
 * MBean machinery (service loading, dozens of classes), which costs more than the rest of
 * {@code Shutdown} together. Elsewhere, that bean.
 */
final class Uptime {

    /** The kernel's clock ticks per second in /proc (USER_HZ), 100 on every Linux architecture in use. */
    private static final long TICKS_PER_SECOND = 100;

    private Uptime() {
    }

    static long millis() {
        long fromProc = procMillis();
        return fromProc >= 0 ? fromProc : Jmx.millis();
    }

    /** From /proc, or -1 where there is no such thing. */
    static long procMillis() {
        try {
            String stat = read("/proc/self/stat");
            String uptime = read("/proc/uptime");
            // the command name in parentheses may hold spaces: fields are counted after the last ')';
            // the start time (since boot, in ticks) is field 22, the 20th after the name
            int at = stat.lastIndexOf(')') + 1;
            for (int field = 0; field < 19; field++) {
                at = stat.indexOf(' ', at + 1);
                if (at < 0) {
                    return -1;
                }
            }
            long startTicks = digits(stat, at + 1);
            // "12345.67 ..." seconds since boot, in hundredths
            int dot = uptime.indexOf('.');
            long nowTicks = dot < 0 ? -1 : digits(uptime, 0) * 100 + digits(uptime, dot + 1);
            if (startTicks < 0 || nowTicks < 0 || uptime.length() < dot + 3) {
                return -1;
            }
            return Math.max(0, (nowTicks * TICKS_PER_SECOND / 100 - startTicks) * 1000 / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The decimal number starting at {@code from}, or -1 when there is none. */
    private static long digits(String s, int from) {
        long n = 0;
        int i = from;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            n = n * 10 + (s.charAt(i) - '0');
            i++;
        }
        return i == from ? -1 : n;
    }

    private static String read(String file) throws IOException {
        try (InputStream in = new FileInputStream(file)) {
            byte[] buf = new byte[1024];
            int n = 0;
            for (int r; n < buf.length && (r = in.read(buf, n, buf.length - n)) > 0; ) {
                n += r;
            }
            return new String(buf, 0, n, StandardCharsets.US_ASCII);
        }
    }

    /** Loaded only where /proc is missing, so java.management is not touched on Linux. */
    private static final class Jmx {
        static long millis() {
            return ManagementFactory.getRuntimeMXBean().getUptime();
        }
    }
}
