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
    /**
     * Scenario (f): an exception with 25 frames and one cause, whose 25 frames share the
     * outer's bottom 20 (as a cause thrown one layer deeper does), logged on every event.
     */
    static final Exception FAILURE_25 = failure25();
    /** The service identity twelvefactor-logging writes on every line in these benchmarks. */
    static final java.util.Map<String, String> SERVICE = java.util.Map.of(
            "OTEL_SERVICE_NAME", "orders",
            "OTEL_RESOURCE_ATTRIBUTES", "service.version=1.4.2,deployment.environment.name=prod,"
                    + "service.instance.id=orders-7f9c6d-x2x5k");

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

    static void f(Logger logger) {
        logger.error(MESSAGE, USER, ADDRESS, FAILURE_25);
    }

    static void e(Logger logger) {
        logger.debug(MESSAGE, USER, ADDRESS);
    }

    private static Exception failure25() {
        StackTraceElement[] frames = new StackTraceElement[30];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = new StackTraceElement("com.example.orders.Layer" + i, "handle", "Layer" + i + ".java", 40 + i);
        }
        Exception cause = new java.io.IOException("connection reset by peer");
        cause.setStackTrace(Arrays.copyOfRange(frames, 0, 25));
        Exception e = new IllegalStateException("payment service unavailable", cause);
        e.setStackTrace(Arrays.copyOfRange(frames, 5, 30));
        return e;
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
