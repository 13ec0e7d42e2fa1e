package io.twelvefactor.logging;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LayoutTest {

    /**
     * Found by LoggingFuzzTest: each service field was capped at 256 characters, but a control
     * character is six bytes once escaped, so the fields written on every line could pass
     * LOG_MAX_LINE_BYTES on their own (1 191 bytes of a 1 025-byte limit).
     */
    @Test
    void operatorValuesLeaveRoomForTheEventAtTheShortestLine() {
        String nul = "%00".repeat(300);
        for (String format : new String[] {"json", "gcp"}) {
            Capture capture = new Capture("LOG_FORMAT", format, "LOG_MAX_LINE_BYTES", "1024",
                    "OTEL_SERVICE_NAME", "\u0000".repeat(300), "GOOGLE_CLOUD_PROJECT", "\u0000".repeat(300),
                    "OTEL_RESOURCE_ATTRIBUTES", "service.version=" + nul + ",deployment.environment.name=" + nul
                            + ",service.instance.id=" + nul);
            capture.factory.mdc.put("trace_id", "\u0000".repeat(300));
            capture.factory.mdc.put("span_id", "\u0000".repeat(300));
            capture.factory.mdc.put("k".repeat(300), "\u0000".repeat(300));
            capture.logger("\u0000".repeat(300)).atError().addKeyValue("\u0001".repeat(300), "\u0002".repeat(300))
                    .setCause(new IllegalStateException("\u0000".repeat(300)))
                    .log("\u0000".repeat(3000));
            String line = capture.lines().get(0);
            int bytes = line.getBytes(StandardCharsets.UTF_8).length + 1;
            assertTrue(bytes <= 1024, format + ": " + bytes + " bytes: " + line);
            Capture.parse(line);
        }
    }
}
