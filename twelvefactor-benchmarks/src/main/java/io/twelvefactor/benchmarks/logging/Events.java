package io.twelvefactor.benchmarks.logging;

import java.util.Arrays;
import org.slf4j.Logger;

/** The events of scenarios (a) to (e), the same for every backend. */
final class Events {

    static final String MESSAGE = "User {} logged in from {}";
    static final String USER = "alice@example.com";
    static final String ADDRESS = "203.0.113.17";
    /** An exception with exactly 20 frames, logged on every 100th event of scenario (d). */
    static final Exception FAILURE = failure();

    private Events() {
    }

    /** (b): three MDC entries, put by each benchmark thread for itself. */
    static void putMdc(Backend backend) {
        backend.mdcPut("request_id", "8d3c6c1e-4f0b-4a53-9d4f-2b1f0a7c9e11");
        backend.mdcPut("tenant", "acme");
        backend.mdcPut("route", "/api/v1/login");
    }

    static void a(Logger logger) {
        logger.info(MESSAGE, USER, ADDRESS);
    }

    static void c(Logger logger) {
        logger.atInfo().addKeyValue("user_id", 4711).addKeyValue("mfa", true)
                .addKeyValue("method", "password").log(MESSAGE, USER, ADDRESS);
    }

    static void d(Logger logger, int n) {
        if (n % 100 == 0) {
            logger.info(MESSAGE, USER, ADDRESS, FAILURE);
        } else {
            logger.info(MESSAGE, USER, ADDRESS);
        }
    }

    static void e(Logger logger) {
        logger.debug(MESSAGE, USER, ADDRESS);
    }

    private static Exception failure() {
        Exception e = new IllegalStateException("connection reset by peer", new java.io.IOException("reset"));
        StackTraceElement[] frames = new StackTraceElement[20];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = new StackTraceElement("com.example.service.Layer" + i, "handle", "Layer" + i + ".java", 10 + i);
        }
        e.setStackTrace(frames);
        e.getCause().setStackTrace(Arrays.copyOfRange(frames, 15, 20));
        return e;
    }
}
