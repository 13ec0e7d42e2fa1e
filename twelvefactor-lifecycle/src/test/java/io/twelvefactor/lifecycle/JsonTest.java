package io.twelvefactor.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.twelvefactor.lifecycle.Health.CheckResult;
import io.twelvefactor.lifecycle.Health.Status;
import io.twelvefactor.lifecycle.HealthCheck.Role;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The probes' hand-written JSON, read back by Jackson. */
class JsonTest {

    private static final ObjectMapper JACKSON = new ObjectMapper();

    @Property(tries = 2000)
    void anyTextReadsBackAsItself(@ForAll String text) throws Exception {
        StringBuilder b = new StringBuilder();
        Json.string(b, text);
        String json = b.toString();
        for (int i = 0; i < json.length(); i++) {
            assertTrue(json.charAt(i) >= 0x20, "a raw control character in " + json);
        }
        assertEquals(text, JACKSON.readTree(json).asText());
    }

    @Test
    void aLoneSurrogateIsEscapedAndAPairIsKept() {
        StringBuilder b = new StringBuilder();
        Json.string(b, "\ud800x\ud83d\ude00\"\\\u0001");
        assertEquals("\"\\ud800x\ud83d\ude00\\\"\\\\\\u0001\"", b.toString());
    }

    @Property(tries = 300)
    void aHealthReadsBackWithEveryField(@ForAll String name, @ForAll String reason, @ForAll boolean up) throws Exception {
        CheckResult check = new CheckResult(name, up ? Role.INFORMATIONAL : Role.GATES_READINESS, up,
                up ? Optional.empty() : Optional.of("threw java.net.ConnectException"), Duration.ofMillis(12),
                Duration.ofMillis(3400));
        Health health = new Health(Status.NOT_READY, Optional.of(reason), List.of(check, check));
        JsonNode node = JACKSON.readTree(health.toJson());
        assertEquals("not ready", node.get("status").asText());
        assertEquals(reason, node.get("reason").asText());
        assertEquals(2, node.get("checks").size());
        JsonNode c = node.get("checks").get(1);
        assertEquals(name, c.get("name").asText());
        assertEquals(!up, c.get("gatesReadiness").asBoolean());
        assertEquals(up ? "up" : "down", c.get("status").asText());
        assertEquals(up, c.get("problem") == null);
        assertEquals(12, c.get("durationMs").asInt());
        assertEquals(3400, c.get("checkedAgoMs").asInt());
    }

    @Test
    void statusesAreWrittenInLowerCaseWhateverTheLocale() {
        for (Status s : Status.values()) {
            String json = new Health(s, Optional.empty(), List.of()).toJson();
            assertFalse(json.contains("_"), json);
            assertEquals(json.toLowerCase(java.util.Locale.ROOT), json);
        }
        assertEquals("{\"status\":\"shutting down\",\"checks\":[]}",
                new Health(Status.SHUTTING_DOWN, Optional.empty(), List.of()).toJson());
    }
}
