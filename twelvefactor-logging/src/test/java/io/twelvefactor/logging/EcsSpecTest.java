package io.twelvefactor.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.helpers.BasicMarkerFactory;

/**
 * Every line of the ECS format against the field list of the ecs-logging spec
 * (github.com/elastic/ecs-logging, {@code spec/spec.json}): the fields with an {@code index} come
 * first in that order, the required ones are present, and each field has the spec's type. Fields
 * the spec does not list but ECS defines are checked against the ECS field reference.
 */
class EcsSpecTest {

    /** Field, type, required, index (-1: none), from ecs-logging's spec.json. */
    private static final Object[][] SPEC = {
        {"@timestamp", "datetime", true, 0},
        {"log.level", "string", true, 1},
        {"message", "string", false, 2},
        {"ecs.version", "string", true, -1},
        {"labels", "object", false, -1},
        {"trace.id", "string", false, -1},
        {"transaction.id", "string", false, -1},
        {"service.name", "string", false, -1},
        {"service.node.name", "string", false, -1},
        {"event.dataset", "string", false, -1},
        {"data_stream.dataset", "string", false, -1},
        {"data_stream.namespace", "string", false, -1},
        {"process.thread.name", "string", false, -1},
        {"log.logger", "string", false, -1},
        {"log.origin.file.line", "integer", false, -1},
        {"log.origin.file.name", "string", false, -1},
        {"log.origin.function", "string", false, -1},
        {"error.type", "string", false, -1},
        {"error.message", "string", false, -1},
        {"error.stack_trace", "string", false, -1},
        // Not in the ecs-logging spec; types from the ECS field reference (keyword = string).
        {"service.version", "string", false, -1},
        {"service.environment", "string", false, -1},
        {"span.id", "string", false, -1},
        {"tags", "string array", false, -1},
    };

    @Test
    void everyFieldHasTheSpecsTypeAndTheIndexedFieldsComeFirstInOrder() {
        Capture capture = new Capture("OTEL_SERVICE_NAME", "checkout", "OTEL_RESOURCE_ATTRIBUTES",
                "service.version=1.4.2,deployment.environment.name=prod,service.instance.id=pod-7");
        StdoutLogger log = capture.logger("com.example.Orders");
        capture.factory.mdc.put("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736");
        capture.factory.mdc.put("span_id", "00f067aa0ba902b7");
        capture.factory.mdc.put("tenant", "acme");
        log.info("plain");
        log.atWarn().addMarker(new BasicMarkerFactory().getMarker("audit")).addKeyValue("n", 7)
                .setCause(new IllegalStateException("boom", new java.io.IOException("io")))
                .log("with {}", "everything");
        log.error("no message exception", new RuntimeException());
        capture.factory.mdc.clear();
        Map<String, Object[]> spec = new LinkedHashMap<>();
        for (Object[] field : SPEC) {
            spec.put((String) field[0], field);
        }
        List<JsonNode> events = capture.events();
        assertEquals(3, events.size());
        for (JsonNode e : events) {
            List<String> names = new ArrayList<>();
            e.fieldNames().forEachRemaining(names::add);
            assertEquals(List.of("@timestamp", "log.level", "message"), names.subList(0, 3), names.toString());
            for (Object[] field : SPEC) {
                if ((Boolean) field[2]) {
                    assertTrue(e.has((String) field[0]), field[0] + " missing: " + e);
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = e.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> member = it.next();
                Object[] field = spec.get(member.getKey());
                if (field != null) {
                    assertType(member.getKey(), (String) field[1], member.getValue());
                }
            }
            assertEquals("checkout", e.get("service.name").asText());
            assertEquals("1.4.2", e.get("service.version").asText());
            assertEquals("prod", e.get("service.environment").asText());
            assertEquals("pod-7", e.get("service.node.name").asText());
            assertEquals("checkout.log", e.get("event.dataset").asText());
        }
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", events.get(1).get("trace.id").asText());
        assertEquals("java.lang.IllegalStateException", events.get(1).get("error.type").asText());
    }

    private static void assertType(String name, String type, JsonNode value) {
        switch (type) {
            case "datetime":
                assertTrue(value.isTextual(), name + ": " + value);
                Instant.parse(value.asText());
                break;
            case "string":
                assertTrue(value.isTextual(), name + " is not a string: " + value);
                break;
            case "integer":
                assertTrue(value.isIntegralNumber(), name + " is not an integer: " + value);
                break;
            case "object":
                assertTrue(value.isObject(), name + " is not an object: " + value);
                break;
            case "string array":
                assertTrue(value.isArray(), name + " is not an array: " + value);
                value.forEach(v -> assertTrue(v.isTextual(), name + ": " + value));
                break;
            default:
                fail("unknown type " + type);
        }
    }
}
