package io.twelvefactor.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogConfigTest {

    private final List<String> problems = new ArrayList<>();

    private LogConfig config(String... env) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < env.length; i += 2) {
            map.put(env[i], env[i + 1]);
        }
        return new LogConfig(map, problems::add);
    }

    @Test
    void defaultsToInfoJsonAndTheJulBridge() {
        LogConfig c = config();
        assertEquals(LogConfig.INFO, c.levelOf("any.thing"));
        assertEquals(LogConfig.FORMAT_ECS, c.format);
        assertEquals(LogConfig.DEFAULT_MAX_LINE_BYTES, c.maxLineBytes);
        assertTrue(c.julBridge);
        assertTrue(problems.isEmpty());
    }

    @Test
    void readsLevelsCaseInsensitivelyInAnyLocale() {
        assertEquals(LogConfig.DEBUG, config("LOG_LEVEL", " DEBUG ").levelOf("x"));
        assertEquals(LogConfig.TRACE, config("LOG_LEVEL", "TRACE").levelOf("x"));
        assertEquals(LogConfig.WARN, config("LOG_LEVEL", "warning").levelOf("x"));
        assertEquals(LogConfig.OFF, config("LOG_LEVEL", "off").levelOf("x"));
        assertEquals(LogConfig.INFO, config("LOG_LEVEL", "INFO").levelOf("x"));
    }

    @Test
    void theLongestConfiguredPrefixWins() {
        LogConfig c = config("LOG_LEVEL", "warn",
                "LOG_LEVEL_COM_ZAXXER_HIKARI", "debug",
                "LOG_LEVELS", "com.zaxxer=error, org.flywaydb=trace,com.zaxxer.hikari=info");
        assertEquals(LogConfig.DEBUG, c.levelOf("com.zaxxer.hikari.pool.HikariPool"));
        assertEquals(LogConfig.DEBUG, c.levelOf("com.zaxxer.hikari"));
        assertEquals(LogConfig.ERROR, c.levelOf("com.zaxxer.other.Thing"));
        assertEquals(LogConfig.WARN, c.levelOf("com.zaxxerish"));
        assertEquals(LogConfig.TRACE, c.levelOf("org.flywaydb.core.Flyway"));
        assertEquals(LogConfig.WARN, c.levelOf("org"));
        assertEquals(LogConfig.TRACE, c.lowestLevel());
        assertTrue(problems.isEmpty(), problems.toString());
    }

    @Test
    void variableNamesMapEveryOtherCharacterToUnderscore() {
        LogConfig c = config("LOG_LEVEL_MY_APP_WEB", "debug");
        assertEquals(LogConfig.DEBUG, c.levelOf("my-app.web.Controller"));
        assertEquals(LogConfig.INFO, c.levelOf("my-app.webby"));
    }

    @Test
    void reportsEachBadValueOnceAndUsesTheDefault() {
        LogConfig c = config("LOG_LEVEL", "verbose", "LOG_FORMAT", "xml", "LOG_MAX_LINE_BYTES", "12",
                "LOG_JUL_BRIDGE", "maybe", "LOG_LEVEL_COM_FOO", "loud", "LOG_LEVELS", "a.b=debug,nonsense,c=zzz");
        assertEquals(LogConfig.INFO, c.levelOf("x"));
        assertEquals(LogConfig.INFO, c.levelOf("com.foo.Bar"));
        assertEquals(LogConfig.DEBUG, c.levelOf("a.b.C"));
        assertEquals(LogConfig.FORMAT_ECS, c.format);
        assertEquals(LogConfig.DEFAULT_MAX_LINE_BYTES, c.maxLineBytes);
        assertTrue(c.julBridge);
        assertEquals(7, problems.size(), problems.toString());
        String all = String.join("\n", problems);
        assertTrue(all.contains("LOG_LEVEL=\"verbose\" is not a level; expected one of: trace, debug, info, warn, error, off; using info"), all);
        assertTrue(all.contains("LOG_FORMAT=\"xml\""), all);
        assertTrue(all.contains("LOG_MAX_LINE_BYTES=\"12\" is not an integer of at least 1024"), all);
        assertTrue(all.contains("LOG_JUL_BRIDGE=\"maybe\""), all);
        assertTrue(all.contains("LOG_LEVEL_COM_FOO=\"loud\""), all);
        assertTrue(all.contains("LOG_LEVELS entry \"nonsense\""), all);
        assertTrue(all.contains("LOG_LEVELS entry \"c=zzz\""), all);
    }

    @Test
    void readsFormatsCapAndBridgeSwitch() {
        assertEquals(LogConfig.FORMAT_GCP, config("LOG_FORMAT", "GCP").format);
        assertEquals(LogConfig.FORMAT_TEXT, config("LOG_FORMAT", "text").format);
        assertEquals(LogConfig.FORMAT_ECS, config("LOG_FORMAT", "json").format);
        assertEquals(4096, config("LOG_MAX_LINE_BYTES", "4096").maxLineBytes);
        assertFalse(config("LOG_JUL_BRIDGE", "false").julBridge);
        assertTrue(problems.isEmpty(), problems.toString());
    }

    @Test
    void lineBytesAreDigitsWithoutSignOrLeadingZeroAsEveryIntegerSetting() {
        assertEquals(2048, config("LOG_MAX_LINE_BYTES", " 2048\n").maxLineBytes);
        for (String bad : List.of("+2048", "02048", "2048.0", "\u0662\u0660\u0664\u0668", "99999999999")) {
            problems.clear();
            assertEquals(LogConfig.DEFAULT_MAX_LINE_BYTES, config("LOG_MAX_LINE_BYTES", bad).maxLineBytes, bad);
            assertEquals(1, problems.size(), bad);
        }
    }

    @Test
    void aBadLevelNeverStopsLogging() {
        Capture capture = new Capture("LOG_LEVEL", "chatty");
        capture.logger("x").info("still here");
        assertEquals("still here", capture.only().get("message").asText());
        assertEquals(1, capture.problems.size());
    }
}
