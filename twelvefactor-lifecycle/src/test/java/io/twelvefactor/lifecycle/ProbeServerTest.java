package io.twelvefactor.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
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

    private static int get(int port, String path) {
        return Http.status(port, path);
    }
}
