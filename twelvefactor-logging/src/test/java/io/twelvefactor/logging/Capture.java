package io.twelvefactor.logging;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A factory writing into memory, with the problems it reported, and a strict JSON reader. */
final class Capture {

    static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final List<String> problems = new ArrayList<>();
    final StdoutLoggerFactory factory;

    Capture(String... env) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < env.length; i += 2) {
            map.put(env[i], env[i + 1]);
        }
        factory = StdoutLoggerFactory.create(map, out, problems::add);
    }

    StdoutLogger logger(String name) {
        return factory.logger(name);
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    /** The lines written so far; each ends with a newline, which is removed. */
    List<String> lines() {
        String all = new String(bytes(), StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>();
        int from = 0;
        for (int nl = all.indexOf('\n'); nl >= 0; nl = all.indexOf('\n', from)) {
            lines.add(all.substring(from, nl));
            from = nl + 1;
        }
        if (from != all.length()) {
            throw new AssertionError("output does not end with a newline: " + all.substring(from));
        }
        return lines;
    }

    /** Parses every line strictly; fails if a line is not exactly one JSON object. */
    List<JsonNode> events() {
        List<JsonNode> events = new ArrayList<>();
        for (String line : lines()) {
            events.add(parse(line));
        }
        return events;
    }

    /** The single event written so far. */
    JsonNode only() {
        List<JsonNode> events = events();
        if (events.size() != 1) {
            throw new AssertionError("expected one event, got " + events.size() + ": " + lines());
        }
        return events.get(0);
    }

    static JsonNode parse(String line) {
        try {
            JsonNode node = STRICT.readTree(line);
            if (node == null || !node.isObject()) {
                throw new AssertionError("not a JSON object: " + line);
            }
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException("invalid JSON line: " + line, e);
        }
    }

    void reset() {
        out.reset();
    }
}
