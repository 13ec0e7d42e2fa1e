package io.twelvefactor.logging;

import java.nio.charset.StandardCharsets;

/**
 * The field names and fixed bytes of one output format ({@code LOG_FORMAT}), built once.
 *
 * <p>Key precedence, the same in every format: the fields the format writes itself win; then
 * key-values of the event; then MDC entries. A key-value or MDC entry whose key the format
 * writes itself is left out, an MDC entry whose key is also a key-value of the event is left out,
 * and of two key-values with one key the last wins. MDC {@code trace_id} and {@code span_id}
 * become the format's trace fields instead of members of their own.
 */
final class Layout {

    static final String ECS_VERSION = "8.11.0";
    private static final String[] LEVEL_NAMES = {"TRACE", "DEBUG", "INFO", "WARN", "ERROR"};
    private static final String[] GCP_SEVERITIES = {"DEBUG", "DEBUG", "INFO", "WARNING", "ERROR"};

    /** What follows the logger name in the text format. */
    static final byte[] TEXT_LOGGER_END = bytes(" - ");

    final int format;
    final boolean json;
    final byte[] open;
    /** Indexed by level / 10: what follows the timestamp up to the message. */
    final byte[][] levels = new byte[5][];
    /** Before the logger name, and between it and the thread name (JSON formats). */
    final byte[] loggerKey;
    final byte[] threadKey;
    final byte[] traceKey;
    final byte[] spanKey;
    /** The sampled flag of a span, as a whole member, where the format has one; else null. */
    final byte[] sampledKey;
    final byte[] notSampledKey;
    final byte[] tagsKey;
    final byte[] errorTypeKey;
    final byte[] errorMessageKey;
    final byte[] stackTraceKey;
    /** Reserved keys grouped by length, for a quick duplicate check; null where there are none. */
    private final String[][] reservedByLength = new String[64][];

    Layout(LogConfig config) {
        int format = config.format;
        String gcpProject = config.gcpProject;
        this.format = format;
        this.json = format != LogConfig.FORMAT_TEXT;
        String[] reserved;
        // Each operator value (service fields, project) in at most 1/40 of a line once escaped,
        // so that all of them together leave room for the event even at the shortest line.
        int valueBytes = config.maxLineBytes / 40;
        if (format == LogConfig.FORMAT_ECS) {
            open = bytes("{\"@timestamp\":\"");
            for (int i = 0; i < 5; i++) {
                levels[i] = bytes("\",\"log.level\":\"" + LEVEL_NAMES[i] + "\",\"message\":\"");
            }
            loggerKey = bytes("\",\"ecs.version\":\"" + ECS_VERSION + "\"" + ecsService(config.service, valueBytes)
                    + ",\"log.logger\":\"");
            threadKey = bytes("\",\"process.thread.name\":\"");
            traceKey = bytes(",\"trace.id\":\"");
            spanKey = bytes(",\"span.id\":\"");
            sampledKey = null;
            notSampledKey = null;
            tagsKey = bytes(",\"tags\":[");
            errorTypeKey = bytes(",\"error.type\":\"");
            errorMessageKey = bytes(",\"error.message\":\"");
            stackTraceKey = bytes(",\"error.stack_trace\":\"");
            reserved = new String[] {"@timestamp", "log.level", "message", "ecs.version", "log.logger",
                "process.thread.name", "trace.id", "span.id", "tags", "error.type", "error.message",
                "error.stack_trace", present(config.service.name(), "service.name"),
                present(config.service.version(), "service.version"),
                present(config.service.environment(), "service.environment"),
                present(config.service.instance(), "service.node.name"),
                present(config.service.dataset(), "event.dataset")};
        } else if (format == LogConfig.FORMAT_GCP) {
            open = bytes("{\"time\":\"");
            for (int i = 0; i < 5; i++) {
                levels[i] = bytes("\",\"severity\":\"" + GCP_SEVERITIES[i] + "\",\"message\":\"");
            }
            loggerKey = bytes("\"" + gcpService(config.service, valueBytes) + ",\"logger\":\"");
            threadKey = bytes("\",\"thread\":\"");
            traceKey = bytes(",\"logging.googleapis.com/trace\":\""
                    + (gcpProject == null ? "" : "projects/" + jsonEscape(gcpProject, valueBytes) + "/traces/"));
            spanKey = bytes(",\"logging.googleapis.com/spanId\":\"");
            sampledKey = bytes(",\"logging.googleapis.com/trace_sampled\":true");
            notSampledKey = bytes(",\"logging.googleapis.com/trace_sampled\":false");
            tagsKey = bytes(",\"tags\":[");
            errorTypeKey = null;
            errorMessageKey = null;
            stackTraceKey = bytes(",\"stack_trace\":\"");
            reserved = new String[] {"time", "severity", "message", "logger", "thread",
                "logging.googleapis.com/trace", "logging.googleapis.com/spanId",
                "logging.googleapis.com/trace_sampled", "tags", "stack_trace",
                present(config.service.name(), "serviceContext")};
        } else {
            open = new byte[0];
            for (int i = 0; i < 5; i++) {
                String name = LEVEL_NAMES[i];
                levels[i] = bytes(" " + name + "     ".substring(name.length()) + " [");
            }
            loggerKey = bytes("] ");
            threadKey = null;
            traceKey = null;
            spanKey = null;
            sampledKey = null;
            notSampledKey = null;
            tagsKey = bytes(" tags=[");
            errorTypeKey = null;
            errorMessageKey = null;
            stackTraceKey = null;
            reserved = new String[0];
        }
        for (String key : reserved) {
            if (key == null) {
                continue;
            }
            String[] same = reservedByLength[key.length()];
            String[] grown = new String[same == null ? 1 : same.length + 1];
            if (same != null) {
                System.arraycopy(same, 0, grown, 0, same.length);
            }
            grown[grown.length - 1] = key;
            reservedByLength[key.length()] = grown;
        }
    }

    /** The ECS service fields, each starting with a comma; empty when no service is named. */
    private static String ecsService(ServiceIdentity s, int valueBytes) {
        return member("service.name", s.name(), valueBytes) + member("service.version", s.version(), valueBytes)
                + member("service.environment", s.environment(), valueBytes)
                + member("service.node.name", s.instance(), valueBytes)
                + member("event.dataset", s.dataset(), valueBytes);
    }

    /** Google Cloud's {@code serviceContext}, which Error Reporting groups errors by; needs a name. */
    private static String gcpService(ServiceIdentity s, int valueBytes) {
        if (s.name() == null) {
            return "";
        }
        String version = s.version() == null ? "" : ",\"version\":\"" + jsonEscape(s.version(), valueBytes) + "\"";
        return ",\"serviceContext\":{\"service\":\"" + jsonEscape(s.name(), valueBytes) + "\"" + version + "}";
    }

    private static String member(String key, String value, int valueBytes) {
        return value == null ? "" : ",\"" + key + "\":\"" + jsonEscape(value, valueBytes) + "\"";
    }

    /** The operator's value, at most 256 characters, so that it cannot crowd out the event. */
    private static String cap(String value) {
        if (value.length() <= 256) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(255)) ? 255 : 256;
        return value.substring(0, end);
    }

    private static String present(String value, String key) {
        return value == null ? null : key;
    }

    /** Whether the format writes a field named {@code key} itself. */
    boolean isReserved(String key) {
        int len = key.length();
        if (len >= reservedByLength.length) {
            return false;
        }
        String[] candidates = reservedByLength[len];
        if (candidates == null) {
            return false;
        }
        for (String candidate : candidates) {
            if (candidate.equals(key)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code key} is an MDC key the format writes as a trace field (JSON formats). */
    boolean isTraceKey(String key) {
        int len = key.length();
        return json && (len == 8 && key.equals("trace_id") || len == 7 && key.equals("span_id"));
    }

    /** The fixed bytes a logger writes after the message and before the thread name. */
    byte[] loggerPart(String name) {
        LineBuffer b = new LineBuffer(json);
        b.raw(loggerKey);
        b.text(name);
        if (json) {
            b.raw(threadKey);
        } else {
            b.raw(TEXT_LOGGER_END);
        }
        return java.util.Arrays.copyOf(b.buf, b.pos);
    }

    /** {@code s} JSON-escaped, cut (with the cut mark) where it would pass {@code maxBytes}. */
    private static String jsonEscape(String s, int maxBytes) {
        LineBuffer b = new LineBuffer(true);
        b.beginString(maxBytes);
        b.text(cap(s));
        b.endString();
        return new String(b.buf, 0, b.pos, StandardCharsets.UTF_8);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
