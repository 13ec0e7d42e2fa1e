package io.twelvefactor.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Events carry the current span of the real OpenTelemetry SDK, with no code from the application. */
class TraceCorrelationTest {

    private static final SdkTracerProvider SAMPLED = SdkTracerProvider.builder().setSampler(Sampler.alwaysOn()).build();
    private static final SdkTracerProvider UNSAMPLED =
            SdkTracerProvider.builder().setSampler(Sampler.alwaysOff()).build();

    @AfterAll
    static void shutDown() {
        SAMPLED.close();
        UNSAMPLED.close();
    }

    private static JsonNode logInSpan(Capture capture, Tracer tracer, SpanContext[] context) {
        Span span = tracer.spanBuilder("checkout").startSpan();
        Scope scope = span.makeCurrent();
        try {
            context[0] = span.getSpanContext();
            capture.logger("com.example.Orders").info("paid {}", 42);
        } finally {
            scope.close();
            span.end();
        }
        return capture.only();
    }

    @Test
    void eachEventCarriesTheCurrentSpanInEcs() {
        assertTrue(CurrentSpan.PRESENT);
        Capture capture = new Capture();
        SpanContext[] context = new SpanContext[1];
        JsonNode e = logInSpan(capture, SAMPLED.get("test"), context);
        assertEquals(context[0].getTraceId(), e.get("trace.id").asText());
        assertEquals(context[0].getSpanId(), e.get("span.id").asText());
        assertEquals(32, e.get("trace.id").asText().length());
        assertFalse(e.has("logging.googleapis.com/trace_sampled"), e.toString());
    }

    @Test
    void gcpGetsTheFullTraceNameTheSpanIdAndTheSampledFlag() {
        Capture gcp = new Capture("LOG_FORMAT", "gcp", "GOOGLE_CLOUD_PROJECT", "shop-prod");
        SpanContext[] context = new SpanContext[1];
        JsonNode e = logInSpan(gcp, SAMPLED.get("test"), context);
        assertEquals("projects/shop-prod/traces/" + context[0].getTraceId(),
                e.get("logging.googleapis.com/trace").asText());
        assertEquals(context[0].getSpanId(), e.get("logging.googleapis.com/spanId").asText());
        assertTrue(e.get("logging.googleapis.com/trace_sampled").isBoolean());
        assertTrue(e.get("logging.googleapis.com/trace_sampled").asBoolean());

        Capture unsampled = new Capture("LOG_FORMAT", "gcp");
        JsonNode u = logInSpan(unsampled, UNSAMPLED.get("test"), context);
        assertEquals(context[0].getTraceId(), u.get("logging.googleapis.com/trace").asText());
        assertFalse(u.get("logging.googleapis.com/trace_sampled").asBoolean(), u.toString());
    }

    @Test
    void eachEventTakesTheSpanCurrentWhenItIsLogged() {
        Capture capture = new Capture("LOG_FORMAT", "gcp");
        Tracer tracer = SAMPLED.get("test");
        Span a = tracer.spanBuilder("a").startSpan();
        Span b = tracer.spanBuilder("b").startSpan();
        Span[] order = {a, a, b, a, b, b};
        for (Span span : order) {
            Scope scope = span.makeCurrent();
            try {
                capture.logger("x").info("in {}", span);
            } finally {
                scope.close();
            }
        }
        a.end();
        b.end();
        List<JsonNode> events = capture.events();
        assertEquals(order.length, events.size());
        for (int i = 0; i < order.length; i++) {
            assertEquals(order[i].getSpanContext().getTraceId(), events.get(i).get("logging.googleapis.com/trace").asText());
            assertEquals(order[i].getSpanContext().getSpanId(), events.get(i).get("logging.googleapis.com/spanId").asText());
            assertTrue(events.get(i).get("logging.googleapis.com/trace_sampled").asBoolean());
        }
    }

    @Test
    void noSpanMeansNoTraceFields() {
        Capture capture = new Capture();
        capture.logger("x").info("outside any span");
        Span span = SAMPLED.get("test").spanBuilder("ended").startSpan();
        span.makeCurrent().close();
        span.end();
        capture.logger("x").info("after the scope closed");
        for (JsonNode e : capture.events()) {
            assertFalse(e.has("trace.id") || e.has("span.id"), e.toString());
        }
        assertEquals(2, capture.events().size());
    }

    @Test
    void anMdcTraceIdWinsOverTheCurrentSpan() {
        Capture capture = new Capture();
        capture.factory.mdc.put("trace_id", "0af7651916cd43dd8448eb211c80319c");
        capture.factory.mdc.put("span_id", "b7ad6b7169203331");
        try {
            JsonNode e = logInSpan(capture, SAMPLED.get("test"), new SpanContext[1]);
            assertEquals("0af7651916cd43dd8448eb211c80319c", e.get("trace.id").asText());
            assertEquals("b7ad6b7169203331", e.get("span.id").asText());
        } finally {
            capture.factory.mdc.clear();
        }
        capture.reset();
        capture.factory.mdc.put("span_id", "only-a-span-id");
        try {
            SpanContext[] context = new SpanContext[1];
            JsonNode e = logInSpan(capture, SAMPLED.get("test"), context);
            assertEquals(context[0].getTraceId(), e.get("trace.id").asText());
            assertEquals(context[0].getSpanId(), e.get("span.id").asText());
        } finally {
            capture.factory.mdc.clear();
        }
    }

    @Test
    void theTextFormatHasNoTraceFields() {
        Capture text = new Capture("LOG_FORMAT", "text");
        Span span = SAMPLED.get("test").spanBuilder("checkout").startSpan();
        Scope scope = span.makeCurrent();
        try {
            text.logger("com.example.Orders").info("paid {}", 42);
        } finally {
            scope.close();
            span.end();
        }
        List<String> lines = text.lines();
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).endsWith("com.example.Orders - paid 42"), lines.get(0));
    }
}
