package io.twelvefactor.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProbeServerTest {

    @Test
    void readyzFollowsStartupAndShutdownWhileLivezStaysUp() throws Exception {
        Fixture fx = new Fixture().env("HEALTH_PORT", "0");
        Shutdown sd = fx.build();
        int port = sd.healthPort().orElseThrow();
        assertEquals(503, get(port, "/readyz"), "not ready before started()");
        assertEquals(200, get(port, "/livez"));
        sd.started();
        assertEquals(200, get(port, "/readyz"));

        CountDownLatch inHook = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        int[] duringShutdown = new int[2];
        sd.register("probe", () -> {
            duringShutdown[0] = get(port, "/readyz");
            duringShutdown[1] = get(port, "/livez");
            inHook.countDown();
            release.await();
        });
        fx.signal("TERM");
        ShutdownTest.assertTimely(inHook);
        release.countDown();
        sd.await();
        assertEquals(503, duringShutdown[0]);
        assertEquals(200, duringShutdown[1]);
    }

    @Test
    void noHealthPortMeansNoServer() {
        assertTrue(new Fixture().build().healthPort().isEmpty());
    }

    @Test
    void aTakenPortIsReportedWithTheVariable() throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            String port = Integer.toString(taken.getLocalPort());
            LifecycleException e = assertThrows(LifecycleException.class,
                    () -> Shutdown.builder().env(Map.of("HEALTH_PORT", port)).build());
            assertTrue(e.problems().get(0).startsWith("HEALTH_PORT=\"" + port + "\": cannot listen on it"),
                    e.getMessage());
        }
    }

    @Test
    void startupzAnswers503UntilStartedThen200() {
        Shutdown sd = new Fixture().env("HEALTH_PORT", "0").build();
        int port = sd.healthPort().orElseThrow();
        assertEquals("503 {\"status\":\"starting\"}", Http.get(port, "/startupz"));
        sd.started();
        assertEquals("200 {\"status\":\"started\"}", Http.get(port, "/startupz"));
        sd.notReady("cache warming up");
        assertEquals(200, get(port, "/startupz"), "started stays started");
        sd.shutdown();
    }

    @Test
    void readyzIsJsonWithTheReasonAndEveryCheck() throws Exception {
        Shutdown sd = new Fixture().env("HEALTH_PORT", "0").build();
        int port = sd.healthPort().orElseThrow();
        sd.addHealthCheck("database", HealthCheck.Role.INFORMATIONAL, () -> true);
        sd.addHealthCheck("cache", HealthCheck.Role.GATES_READINESS, () -> false);
        sd.started();
        String answer = Http.get(port, "/readyz");
        assertEquals("503", answer.substring(0, 3));
        JsonNode body = new ObjectMapper().readTree(answer.substring(4));
        assertEquals("not ready", body.get("status").asText());
        assertEquals("health check 'cache' is down: reported unhealthy", body.get("reason").asText());
        assertEquals("database", body.get("checks").get(0).get("name").asText());
        assertEquals("up", body.get("checks").get(0).get("status").asText());
        assertFalse(body.get("checks").get(0).get("gatesReadiness").asBoolean());
        assertEquals("down", body.get("checks").get(1).get("status").asText());
        assertTrue(body.get("checks").get(1).get("durationMs").isIntegralNumber());
        assertEquals(200, get(port, "/livez"), "liveness never depends on the checks");
        sd.shutdown();
    }

    @Test
    void livezAnswersWhileReadyzWaitsForASlowCheck() throws Exception {
        Shutdown sd = new Fixture().env("HEALTH_PORT", "0").build();
        int port = sd.healthPort().orElseThrow();
        CountDownLatch checking = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        sd.addHealthCheck("slow", HealthCheck.Role.GATES_READINESS, Duration.ofHours(1), () -> {
            checking.countDown();
            return release.await(20, TimeUnit.SECONDS);
        });
        sd.started();
        String[] ready = new String[1];
        Thread probe = new Thread(() -> ready[0] = Http.get(port, "/readyz"));
        probe.start();
        ShutdownTest.assertTimely(checking);
        assertEquals("200 {\"status\":\"live\"}", Http.get(port, "/livez"), "not queued behind /readyz");
        release.countDown();
        probe.join(TimeUnit.SECONDS.toMillis(20));
        assertTrue(ready[0].startsWith("200 {\"status\":\"ready\""), ready[0]);
        sd.shutdown();
    }

    private static int get(int port, String path) {
        return Http.status(port, path);
    }
}
