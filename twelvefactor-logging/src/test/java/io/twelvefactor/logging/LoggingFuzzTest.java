package io.twelvefactor.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Coverage-guided fuzzing of the encoders and of the settings. {@code mvn verify} replays the
 * committed inputs in {@code src/test/resources/io/twelvefactor/logging/LoggingFuzzTestInputs/};
 * a campaign searches for new ones ({@code .ci/fuzz logging LoggingFuzzTest events 10}).
 */
class LoggingFuzzTest {

    private static final String[] FORMATS = {"json", "gcp", "text"};

    /**
     * One event of fuzzed message, arguments, MDC, key-values, markers, logger and thread names
     * and exception chain, through either API, with fuzzed service identity variables. In {@code json} and {@code gcp}: exactly one
     * line, valid UTF-8, one strict JSON object without duplicate keys, at most
     * {@code LOG_MAX_LINE_BYTES} with its newline. In {@code text}: the event's line, then only
     * its stack trace's lines. Nothing thrown to the caller.
     */
    @FuzzTest
    void events(FuzzedDataProvider data) throws InterruptedException {
        String format = data.pickValue(FORMATS);
        int max = data.consumeInt(LogConfig.MIN_MAX_LINE_BYTES, 4096);
        Map<String, String> env = new HashMap<>();
        env.put("LOG_FORMAT", format);
        env.put("LOG_MAX_LINE_BYTES", Integer.toString(max));
        env.put("LOG_LEVEL", "trace");
        if (data.consumeBoolean()) {
            env.put("LOG_STACK_MAX_FRAMES", Integer.toString(data.consumeInt(1, 40)));
        }
        if (data.consumeBoolean()) {
            env.put("GOOGLE_CLOUD_PROJECT", data.consumeString(20));
        }
        if (data.consumeBoolean()) {
            env.put("OTEL_SERVICE_NAME", data.consumeString(30));
        }
        if (data.consumeBoolean()) {
            env.put("OTEL_RESOURCE_ATTRIBUTES", data.consumeString(100));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> problems = new ArrayList<>();
        StdoutLoggerFactory factory = StdoutLoggerFactory.create(env, out, problems::add);
        StdoutLogger logger = factory.logger(data.consumeString(60));
        for (int i = data.consumeInt(0, 3); i > 0; i--) {
            factory.mdc.put(data.consumeString(20), data.consumeString(60));
        }
        Level level = data.pickValue(Level.values());
        boolean fluent = data.consumeBoolean();
        String message = data.consumeBoolean() ? null : data.consumeString(300);
        Object[] args = new Object[data.consumeInt(0, 3)];
        for (int i = 0; i < args.length; i++) {
            args[i] = value(data);
        }
        List<Object[]> keyValues = new ArrayList<>();
        for (int i = data.consumeInt(0, 3); i > 0; i--) {
            keyValues.add(new Object[] {data.consumeString(20), value(data)});
        }
        String tag = data.consumeBoolean() ? data.consumeString(20) : null;
        Throwable error = data.consumeBoolean() ? exception(data) : null;
        String threadName = data.consumeRemainingAsString();

        // On a thread of its own, named as fuzzed: the factory's per-thread state goes with it
        Throwable[] thrown = new Throwable[1];
        Thread thread = new Thread(() -> {
            try {
                if (fluent) {
                    LoggingEventBuilder b = logger.atLevel(level).setMessage(message);
                    for (Object a : args) {
                        b.addArgument(a);
                    }
                    for (Object[] kv : keyValues) {
                        b.addKeyValue((String) kv[0], kv[1]);
                    }
                    if (tag != null) {
                        b.addMarker(new BasicMarkerFactory().getMarker(tag));
                    }
                    b.setCause(error).log();
                } else {
                    Object[] all = args;
                    if (error != null) {
                        all = java.util.Arrays.copyOf(args, args.length + 1);
                        all[args.length] = error;
                    }
                    classic(logger, level, message, all);
                }
            } catch (Throwable t) {
                thrown[0] = t;
            }
        }, threadName);
        thread.start();
        thread.join();
        if (thrown[0] != null) {
            throw new AssertionError("thrown to the caller", thrown[0]);
        }
        byte[] bytes = out.toByteArray();
        String text = utf8(bytes);
        assertTrue(text.endsWith("\n"), text);
        if (format.equals("text")) {
            assertTextLines(text, error);
        } else {
            assertEquals(text.length() - 1, text.indexOf('\n'), "one line: " + text);
            assertTrue(bytes.length <= max, bytes.length + " bytes > " + max + ": " + text);
            Capture.parse(text.substring(0, text.length() - 1));
        }
    }

    /**
     * Fuzzed {@code LOG_LEVEL}, {@code LOG_LEVELS}, {@code LOG_LEVEL_<LOGGER>},
     * {@code LOG_FORMAT}, {@code LOG_MAX_LINE_BYTES} and the stack settings: each is a setting
     * or a default that a problem names, never an exception.
     */
    @FuzzTest
    void settings(FuzzedDataProvider data) {
        Map<String, String> env = new HashMap<>();
        String[] names = {"LOG_LEVEL", "LOG_LEVELS", "LOG_FORMAT", "LOG_MAX_LINE_BYTES",
            "LOG_STACK_MAX_FRAMES", "LOG_STACK_FOLD", "LOG_JUL_BRIDGE"};
        for (String name : names) {
            if (data.consumeBoolean()) {
                env.put(name, data.consumeString(60));
            }
        }
        if (data.consumeBoolean()) {
            env.put("LOG_LEVEL_" + data.consumeString(20), data.consumeString(20));
        }
        String loggerName = data.consumeRemainingAsString();
        List<String> problems = new ArrayList<>();
        LogConfig c = new LogConfig(env, problems::add);
        c.levelOf(loggerName);
        c.lowestLevel();

        String format = env.get("LOG_FORMAT");
        int expectedFormat = switch (format == null ? "" : LogConfig.trim(format).toLowerCase(Locale.ROOT)) {
            case "", "json", "ecs" -> LogConfig.FORMAT_ECS;
            case "gcp" -> LogConfig.FORMAT_GCP;
            case "text" -> LogConfig.FORMAT_TEXT;
            default -> -1;
        };
        settingOrReportedDefault(problems, "LOG_FORMAT", expectedFormat, c.format, LogConfig.FORMAT_ECS);
        String bytes = env.get("LOG_MAX_LINE_BYTES");
        int expectedBytes = bytes == null || LogConfig.isUnset(bytes) ? LogConfig.DEFAULT_MAX_LINE_BYTES
                : LogConfig.trim(bytes).matches("[1-9][0-9]{0,8}")
                        && Integer.parseInt(LogConfig.trim(bytes)) >= LogConfig.MIN_MAX_LINE_BYTES
                        ? Integer.parseInt(LogConfig.trim(bytes)) : -1;
        settingOrReportedDefault(problems, "LOG_MAX_LINE_BYTES", expectedBytes, c.maxLineBytes,
                LogConfig.DEFAULT_MAX_LINE_BYTES);
        String level = env.get("LOG_LEVEL");
        int expectedLevel = level == null || LogConfig.isUnset(level) ? LogConfig.INFO : LogConfig.parseLevel(level);
        if (env.keySet().stream().noneMatch(k -> k.startsWith("LOG_LEVEL") && !k.equals("LOG_LEVEL"))) {
            settingOrReportedDefault(problems, "LOG_LEVEL", expectedLevel, c.levelOf(loggerName), LogConfig.INFO);
        }
    }

    /** The value is the setting and no problem names it, or the default and one does. */
    private static void settingOrReportedDefault(List<String> problems, String name, int expected,
            int actual, int fallback) {
        boolean reported = problems.stream().anyMatch(p -> p.startsWith(name + "="));
        if (expected < 0) {
            assertTrue(reported, name + " is not reported: " + problems);
            assertEquals(fallback, actual, name);
        } else {
            assertTrue(!reported, name + " is reported: " + problems);
            assertEquals(expected, actual, name);
        }
    }

    private static void classic(StdoutLogger logger, Level level, String message, Object[] args) {
        switch (level) {
            case TRACE -> logger.trace(message, args);
            case DEBUG -> logger.debug(message, args);
            case INFO -> logger.info(message, args);
            case WARN -> logger.warn(message, args);
            default -> logger.error(message, args);
        }
    }

    /** An argument or key-value value: text, a number, null, an array or a throwable. */
    private static Object value(FuzzedDataProvider data) {
        switch (data.consumeInt(0, 7)) {
            case 0: return data.consumeLong();
            case 1: return data.consumeDouble();
            case 2: return null;
            case 3: return new String[] {data.consumeString(20), data.consumeString(20)};
            case 4: return new BigDecimal(data.consumeLong()).movePointLeft(data.consumeInt(-400, 400));
            case 5: return data.consumeBoolean();
            case 6: return new int[] {data.consumeInt()};
            default: return data.consumeString(100);
        }
    }

    /** A chain of up to four exceptions, fuzzed messages, perhaps suppressed ones and a cycle. */
    private static Throwable exception(FuzzedDataProvider data) {
        List<Throwable> chain = new ArrayList<>();
        for (int i = data.consumeInt(1, 4); i > 0; i--) {
            String m = data.consumeBoolean() ? null : data.consumeString(120);
            chain.add(data.consumeBoolean() ? new IllegalStateException(m) : new Exception(m));
        }
        for (int i = 0; i + 1 < chain.size(); i++) {
            chain.get(i).initCause(chain.get(i + 1));
        }
        Throwable last = chain.get(chain.size() - 1);
        if (chain.size() > 1 && data.consumeBoolean()) {
            last.initCause(chain.get(0));  // a cycle
        }
        if (data.consumeBoolean()) {
            chain.get(0).addSuppressed(new RuntimeException(data.consumeString(60)));
        }
        return chain.get(0);
    }

    /** The event's line, then only stack trace lines: a throwable's, a frame or a fold. */
    private static void assertTextLines(String text, Throwable error) {
        String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        if (error == null) {
            assertEquals(1, lines.length, text);
            return;
        }
        assertTrue(lines.length >= 2, text);
        String name = error.getClass().getName();
        int cut = lines[1].indexOf("\u2026[truncated]");
        // the throwable's line, perhaps cut short where the line reached LOG_MAX_LINE_BYTES
        assertTrue(lines[1].startsWith(name) || cut >= 0 && name.startsWith(lines[1].substring(0, cut)), text);
        for (int i = 2; i < lines.length; i++) {
            String l = lines[i];
            assertTrue(l.startsWith("\t") || l.startsWith("Caused by: "), "line " + i + " of " + text);
        }
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            fail("not UTF-8: " + e);
            return null;
        }
    }
}
