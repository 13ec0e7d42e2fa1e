package io.twelvefactor.logging;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The logging settings, read once from environment variables. Every bad value is reported on
 * the error channel (stderr in production) and replaced by its default, so that logging never
 * stops an application from starting.
 *
 * <p>Per-logger levels: a logger takes the level of the longest dot-separated prefix of its name
 * that has a setting, else {@code LOG_LEVEL}. A prefix is named either in {@code LOG_LEVELS}
 * ({@code com.zaxxer.hikari=debug,org.flywaydb=warn}) or as {@code LOG_LEVEL_<PREFIX>} where
 * {@code <PREFIX>} is the prefix upper-cased with every character other than A-Z and 0-9 turned
 * into {@code _} ({@code LOG_LEVEL_COM_ZAXXER_HIKARI}). When both name one prefix, the
 * {@code LOG_LEVEL_<PREFIX>} variable wins.
 */
final class LogConfig {

    static final int TRACE = 0;
    static final int DEBUG = 10;
    static final int INFO = 20;
    static final int WARN = 30;
    static final int ERROR = 40;
    static final int OFF = Integer.MAX_VALUE;

    static final int FORMAT_ECS = 0;
    static final int FORMAT_GCP = 1;
    static final int FORMAT_TEXT = 2;

    static final int DEFAULT_MAX_LINE_BYTES = 16_000;
    static final int MIN_MAX_LINE_BYTES = 1_024;

    private static final String LEVEL_PREFIX = "LOG_LEVEL_";
    private static final String LEVELS_EXPECTED =
            "one of: trace, debug, info, warn, error, off";

    final int rootLevel;
    final int format;
    final int maxLineBytes;
    final boolean julBridge;
    /** The most frames written per exception ({@code LOG_STACK_MAX_FRAMES}); no limit by default. */
    final int stackMaxFrames;
    /** Package prefixes, each ending with '.', whose frames are folded ({@code LOG_STACK_FOLD}). */
    final String[] stackFold;
    /** The Google Cloud project for trace resource names in the gcp format, or null. */
    final String gcpProject;
    /** The service the lines belong to, from OpenTelemetry's variables. */
    final ServiceIdentity service;
    /** Normalized logger-name prefix ({@link #normalize}) to level. */
    private final Map<String, Integer> levels;

    /**
     * Reads the settings from {@code env}.
     *
     * @param env the environment variables (the process environment in production)
     * @param problems receives one line per bad value
     */
    LogConfig(Map<String, String> env, Problems problems) {
        this.rootLevel = level(env, "LOG_LEVEL", INFO, problems);
        this.format = format(env.get("LOG_FORMAT"), problems);
        this.maxLineBytes = maxLineBytes(env.get("LOG_MAX_LINE_BYTES"), problems);
        this.julBridge = bool(env, "LOG_JUL_BRIDGE", true, problems);
        this.stackMaxFrames = stackMaxFrames(env.get("LOG_STACK_MAX_FRAMES"), problems);
        this.stackFold = stackFold(env.get("LOG_STACK_FOLD"), problems);
        String project = env.get("GOOGLE_CLOUD_PROJECT");
        this.gcpProject = isUnset(project) ? null : trim(project);
        List<String> serviceProblems = new ArrayList<>(0);
        this.service = ServiceIdentity.from(env, serviceProblems);
        for (String line : serviceProblems) {
            problems.report(line);
        }
        this.levels = perLoggerLevels(env, problems);
    }

    /** Receives one human-readable line per configuration problem. */
    interface Problems {
        void report(String line);
    }

    /** The level threshold of the logger named {@code name}; {@link #OFF} disables it. */
    int levelOf(String name) {
        if (levels.isEmpty()) {
            return rootLevel;
        }
        String prefix = name;
        while (!prefix.isEmpty()) {
            Integer level = levels.get(normalize(prefix));
            if (level != null) {
                return level;
            }
            int dot = prefix.lastIndexOf('.');
            prefix = dot < 0 ? "" : prefix.substring(0, dot);
        }
        return rootLevel;
    }

    /** The lowest threshold any logger can have: what the JUL bridge must let through. */
    int lowestLevel() {
        int lowest = rootLevel;
        for (Integer level : levels.values()) {
            lowest = Math.min(lowest, level);
        }
        return lowest;
    }

    static String normalize(String loggerName) {
        char[] chars = loggerName.toUpperCase(Locale.ROOT).toCharArray();
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            if (!(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9')) {
                chars[i] = '_';
            }
        }
        return new String(chars);
    }

    /**
     * Parses a level name in the grammar every module shares ({@code conformance/grammar.txt}):
     * surrounding ASCII white space ignored, any case; returns -1 when it is not one.
     */
    static int parseLevel(String value) {
        switch (trim(value).toLowerCase(Locale.ROOT)) {
            case "trace": return TRACE;
            case "debug": return DEBUG;
            case "info": return INFO;
            case "warn": case "warning": return WARN;
            case "error": return ERROR;
            case "off": return OFF;
            default: return -1;
        }
    }

    private static Map<String, Integer> perLoggerLevels(Map<String, String> env, Problems problems) {
        Map<String, Integer> result = new HashMap<>();
        String list = env.get("LOG_LEVELS");
        if (!isUnset(list)) {
            for (String entry : list.split(",", -1)) {
                if (isUnset(entry)) {
                    continue;
                }
                int eq = entry.indexOf('=');
                String prefix = eq < 0 ? "" : trim(entry.substring(0, eq));
                int level = eq < 0 ? -1 : parseLevel(entry.substring(eq + 1));
                if (prefix.isEmpty() || level < 0) {
                    problems.report("LOG_LEVELS entry \"" + shorten(trim(entry))
                            + "\" is not logger=level with a level " + LEVELS_EXPECTED
                            + "; ignoring this entry");
                } else {
                    result.put(normalize(prefix), level);
                }
            }
        }
        for (Map.Entry<String, String> e : env.entrySet()) {
            String key = e.getKey();
            if (key.startsWith(LEVEL_PREFIX) && key.length() > LEVEL_PREFIX.length()) {
                int level = level(env, key, -1, problems);
                if (level >= 0) {
                    result.put(normalize(key.substring(LEVEL_PREFIX.length())), level);
                }
            }
        }
        return result;
    }

    private static int level(Map<String, String> env, String name, int fallback, Problems problems) {
        String value = env.get(name);
        if (isUnset(value)) {
            return fallback;
        }
        int level = parseLevel(value);
        if (level < 0) {
            problems.report(name + "=\"" + shorten(value) + "\" is not a level; expected "
                    + LEVELS_EXPECTED + (fallback < 0 ? "; ignoring it" : "; using info"));
            return fallback;
        }
        return level;
    }

    private static int format(String value, Problems problems) {
        if (isUnset(value)) {
            return FORMAT_ECS;
        }
        switch (trim(value).toLowerCase(Locale.ROOT)) {
            case "json": case "ecs": return FORMAT_ECS;
            case "gcp": return FORMAT_GCP;
            case "text": return FORMAT_TEXT;
            default:
                problems.report("LOG_FORMAT=\"" + shorten(value)
                        + "\" is not a format; expected one of: json, ecs, gcp, text; using json");
                return FORMAT_ECS;
        }
    }

    private static int maxLineBytes(String value, Problems problems) {
        if (isUnset(value)) {
            return DEFAULT_MAX_LINE_BYTES;
        }
        String digits = trim(value);
        boolean plain = digits.length() <= 9 && digits.charAt(0) != '0';
        for (int i = 0; plain && i < digits.length(); i++) {
            plain = digits.charAt(i) >= '0' && digits.charAt(i) <= '9';
        }
        // the shared grammar's integers: ASCII digits, no sign, no leading zero
        int bytes = plain ? Integer.parseInt(digits) : -1;
        if (bytes >= MIN_MAX_LINE_BYTES) {
            return bytes;
        }
        problems.report("LOG_MAX_LINE_BYTES=\"" + shorten(value) + "\" is not an integer of at least "
                + MIN_MAX_LINE_BYTES + "; using " + DEFAULT_MAX_LINE_BYTES);
        return DEFAULT_MAX_LINE_BYTES;
    }

    private static int stackMaxFrames(String value, Problems problems) {
        if (isUnset(value)) {
            return Integer.MAX_VALUE;
        }
        String digits = trim(value);
        boolean plain = digits.length() <= 9 && digits.charAt(0) != '0';
        for (int i = 0; plain && i < digits.length(); i++) {
            plain = digits.charAt(i) >= '0' && digits.charAt(i) <= '9';
        }
        // the shared grammar's integers: ASCII digits, no sign, no leading zero
        if (plain) {
            return Integer.parseInt(digits);
        }
        problems.report("LOG_STACK_MAX_FRAMES=\"" + shorten(value)
                + "\" is not an integer of at least 1; writing every frame");
        return Integer.MAX_VALUE;
    }

    private static String[] stackFold(String value, Problems problems) {
        if (isUnset(value)) {
            return new String[0];
        }
        List<String> prefixes = new ArrayList<>();
        for (String entry : value.split(",", -1)) {
            String p = trim(entry);
            if (p.isEmpty()) {
                continue;
            }
            if (!isPackageName(p)) {
                problems.report("LOG_STACK_FOLD entry \"" + shorten(p) + "\" is not a package name such as "
                        + "org.springframework.aop; ignoring this entry");
                continue;
            }
            prefixes.add(p + ".");
        }
        return prefixes.toArray(new String[0]);
    }

    /** Dot-separated Java identifiers (ASCII letters, digits, {@code _} and {@code $}). */
    private static boolean isPackageName(String s) {
        boolean start = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.') {
                if (start) {
                    return false;
                }
                start = true;
            } else if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$'
                    || !start && c >= '0' && c <= '9') {
                start = false;
            } else {
                return false;
            }
        }
        return !start;
    }

    /** A boolean in the shared grammar: true/false, yes/no, on/off, 1/0, any case; else -1. */
    static int parseBoolean(String value) {
        switch (trim(value).toLowerCase(Locale.ROOT)) {
            case "true": case "on": case "1": case "yes": return 1;
            case "false": case "off": case "0": case "no": return 0;
            default: return -1;
        }
    }

    private static boolean bool(Map<String, String> env, String name, boolean fallback, Problems problems) {
        String value = env.get(name);
        if (isUnset(value)) {
            return fallback;
        }
        int parsed = parseBoolean(value);
        if (parsed < 0) {
            problems.report(name + "=\"" + shorten(value)
                    + "\" is not a boolean; expected one of: true, false, yes, no, on, off, 1, 0; using " + fallback);
            return fallback;
        }
        return parsed == 1;
    }

    /** Whether a value counts as unset: absent, empty or only ASCII white space (as in every module). */
    static boolean isUnset(String value) {
        return value == null || trim(value).isEmpty();
    }

    /** Strips ASCII spaces, tabs and line breaks from both ends, as every module does. */
    static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private static String shorten(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
