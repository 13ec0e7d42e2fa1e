package io.twelvefactor.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceIdentityTest {

    private final List<String> problems = new ArrayList<>();

    private ServiceIdentity read(String... env) {
        Map<String, String> map = new java.util.HashMap<>();
        for (int i = 0; i < env.length; i += 2) {
            map.put(env[i], env[i + 1]);
        }
        return ServiceIdentity.from(map, problems);
    }

    @Test
    void readsOpenTelemetrysVariables() {
        ServiceIdentity s = read("OTEL_SERVICE_NAME", "checkout",
                "OTEL_RESOURCE_ATTRIBUTES", "service.version=1.4.2, deployment.environment.name=prod,"
                        + "service.instance.id=pod-7f9c,host.name=ignored");
        assertEquals(new ServiceIdentity("checkout", "1.4.2", "prod", "pod-7f9c"), s);
        assertEquals(List.of(), problems);
    }

    @Test
    void otelServiceNameWinsOverTheResourceAttribute() {
        assertEquals("a", read("OTEL_SERVICE_NAME", "a", "OTEL_RESOURCE_ATTRIBUTES", "service.name=b").name());
        assertEquals("b", read("OTEL_RESOURCE_ATTRIBUTES", "service.name=b").name());
        assertEquals("b", read("OTEL_SERVICE_NAME", " ", "OTEL_RESOURCE_ATTRIBUTES", "service.name=b").name());
    }

    @Test
    void decodesPercentEncodedValuesAndAcceptsTheOlderEnvironmentKey() {
        ServiceIdentity s = read("OTEL_RESOURCE_ATTRIBUTES",
                "service.name=caf%C3%A9%2C%20bar,deployment.environment=staging");
        assertEquals("caf\u00e9, bar", s.name());
        assertEquals("staging", s.environment());
        assertEquals("x", read("OTEL_RESOURCE_ATTRIBUTES",
                "deployment.environment=staging,deployment.environment.name=x").environment());
    }

    @Test
    void reportsMalformedEntriesAndKeepsTheOthers() {
        ServiceIdentity s = read("OTEL_RESOURCE_ATTRIBUTES", "service.version=2,oops,service.name=%G1,=x");
        assertEquals("2", s.version());
        assertNull(s.name());
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("OTEL_RESOURCE_ATTRIBUTES entry \"oops\""), problems.get(0));
    }

    @Test
    void absentVariablesLeaveEveryFieldOut() {
        assertEquals(new ServiceIdentity(null, null, null, null), read());
        Capture capture = new Capture();
        capture.logger("x").info("m");
        JsonNode e = capture.only();
        assertFalse(e.has("service.name") || e.has("event.dataset") || e.has("service.version"), e.toString());
        Capture gcp = new Capture("LOG_FORMAT", "gcp", "OTEL_RESOURCE_ATTRIBUTES", "service.version=3");
        gcp.logger("x").info("m");
        assertFalse(gcp.only().has("serviceContext"), gcp.lines().toString());
    }

    @Test
    void datasetIsTheServiceNameDotLogSanitizedAsTheEcsLoggingSpecSays() {
        assertEquals("checkout.log", read("OTEL_SERVICE_NAME", "checkout").dataset());
        assertEquals("my_shop_api_v2.log", read("OTEL_SERVICE_NAME", "My Shop-API:v2").dataset());
        assertEquals(100, read("OTEL_SERVICE_NAME", "s".repeat(300)).dataset().length());
        assertNull(read().dataset());
    }

    @Test
    void gcpWritesTheServiceContextErrorReportingGroupsBy() {
        Capture gcp = new Capture("LOG_FORMAT", "gcp", "OTEL_SERVICE_NAME", "checkout",
                "OTEL_RESOURCE_ATTRIBUTES", "service.version=1.4.2");
        gcp.logger("x").error("failed", new IllegalStateException("boom"));
        gcp.logger("x").atInfo().addKeyValue("serviceContext", "shadowed").log("kv");
        List<JsonNode> events = gcp.events();
        for (JsonNode e : events) {
            JsonNode context = e.get("serviceContext");
            assertEquals("checkout", context.get("service").asText(), e.toString());
            assertEquals("1.4.2", context.get("version").asText(), e.toString());
        }
        assertTrue(events.get(0).get("stack_trace").asText().startsWith("java.lang.IllegalStateException: boom"));
    }
}
