package io.twelvefactor.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class JulHandlerTest {

    private static final int[] LEVELS = {LogConfig.TRACE, LogConfig.DEBUG, LogConfig.INFO, LogConfig.WARN,
        LogConfig.ERROR, LogConfig.OFF};

    @Test
    void theRootLevelLetsThroughExactlyTheRecordsThatMapToAnEnabledLevel() {
        for (int level : LEVELS) {
            Level root = JulHandler.julLevel(level);
            // Every JUL value, the standard levels and custom ones between them.
            for (int v = 0; v <= 1200; v++) {
                boolean julPasses = v >= root.intValue();
                boolean wanted = JulHandler.level(v) >= level;
                assertEquals(wanted, julPasses, "LOG_LEVEL " + level + ", JUL value " + v);
            }
        }
    }

    @Test
    void finerAtDebugAndConfigAtInfoReachTheStream() {
        Logger root = LogManager.getLogManager().getLogger("");
        Handler[] handlers = root.getHandlers();
        Level level = root.getLevel();
        try {
            Capture debug = new Capture("LOG_LEVEL", "debug");
            JulHandler.install(debug.factory);
            Logger jul = Logger.getLogger("jul.test.finer");
            jul.finer("finer");
            jul.finest("finest, below debug");
            assertEquals(List.of("finer"), messages(debug));

            removeJulHandlers(root);
            Capture info = new Capture();
            JulHandler.install(info.factory);
            jul.config("config");
            jul.fine("fine, below info");
            assertEquals(List.of("config"), messages(info));
        } finally {
            removeJulHandlers(root);
            for (Handler h : handlers) {
                if (!List.of(root.getHandlers()).contains(h)) {
                    root.addHandler(h);
                }
            }
            root.setLevel(level);
        }
    }

    private static List<String> messages(Capture c) {
        return c.events().stream().map(e -> e.get("message").asText()).toList();
    }

    private static void removeJulHandlers(Logger root) {
        for (Handler h : root.getHandlers()) {
            if (h instanceof JulHandler) {
                root.removeHandler(h);
            }
        }
    }
}
