package io.twelvefactor.lifecycle;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class UptimeTest {

    @Test
    void theKernelsProcessAgeIsTheJvmsUptime() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "no /proc here: the RuntimeMXBean is used");
        long before = ManagementFactory.getRuntimeMXBean().getUptime();
        long proc = Uptime.procMillis();
        long after = ManagementFactory.getRuntimeMXBean().getUptime();
        // the process starts a little before the JVM does, and /proc counts in 10 ms ticks; a
        // misread field would be off by hours (time since boot) or read as -1
        assertTrue(proc >= before - 1_000 && proc <= after + 1_000,
                "from /proc " + proc + " ms, RuntimeMXBean " + before + "-" + after + " ms");
    }
}
