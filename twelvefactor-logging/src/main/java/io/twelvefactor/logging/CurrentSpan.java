package io.twelvefactor.logging;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The current OpenTelemetry span, when the OpenTelemetry API is on the class path (or module
 * path): looked up once, through method handles, so the module has no dependency on it. When it
 * is absent {@link #PRESENT} is false, a constant the JIT folds: events then pay nothing. With the
 * API present, each event asks it for the current span (a thread-local read in the API).
 */
final class CurrentSpan {

    /** Whether the OpenTelemetry API was found. */
    static final boolean PRESENT;
    /** () → SpanContext of {@code Span.current()}, typed as Object. */
    private static final MethodHandle CONTEXT;
    private static final MethodHandle IS_VALID;
    private static final MethodHandle TRACE_ID;
    private static final MethodHandle SPAN_ID;
    private static final MethodHandle IS_SAMPLED;

    static {
        MethodHandle context = null;
        MethodHandle valid = null;
        MethodHandle traceId = null;
        MethodHandle spanId = null;
        MethodHandle sampled = null;
        try {
            ClassLoader loader = CurrentSpan.class.getClassLoader();
            Class<?> span = Class.forName("io.opentelemetry.api.trace.Span", false, loader);
            Class<?> spanContext = Class.forName("io.opentelemetry.api.trace.SpanContext", false, loader);
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            MethodHandle current = lookup.findStatic(span, "current", MethodType.methodType(span));
            MethodHandle getContext = lookup.findVirtual(span, "getSpanContext", MethodType.methodType(spanContext));
            context = MethodHandles.filterReturnValue(current, getContext)
                    .asType(MethodType.methodType(Object.class));
            valid = lookup.findVirtual(spanContext, "isValid", MethodType.methodType(boolean.class))
                    .asType(MethodType.methodType(boolean.class, Object.class));
            traceId = lookup.findVirtual(spanContext, "getTraceId", MethodType.methodType(String.class))
                    .asType(MethodType.methodType(String.class, Object.class));
            spanId = lookup.findVirtual(spanContext, "getSpanId", MethodType.methodType(String.class))
                    .asType(MethodType.methodType(String.class, Object.class));
            sampled = lookup.findVirtual(spanContext, "isSampled", MethodType.methodType(boolean.class))
                    .asType(MethodType.methodType(boolean.class, Object.class));
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            context = null;
        }
        PRESENT = context != null;
        CONTEXT = context;
        IS_VALID = valid;
        TRACE_ID = traceId;
        SPAN_ID = spanId;
        IS_SAMPLED = sampled;
    }

    private CurrentSpan() {
    }

    /** The calling thread's current span context when it is valid, else null; never throws. */
    static Object context() {
        if (!PRESENT) {
            return null;
        }
        try {
            Object c = (Object) CONTEXT.invokeExact();
            return c != null && (boolean) IS_VALID.invokeExact(c) ? c : null;
        } catch (Throwable t) {
            return null;
        }
    }

    /** The trace id (32 hex digits) of a context from {@link #context()}, or null. */
    static String traceId(Object context) {
        try {
            return (String) TRACE_ID.invokeExact(context);
        } catch (Throwable t) {
            return null;
        }
    }

    /** The span id (16 hex digits) of a context from {@link #context()}, or null. */
    static String spanId(Object context) {
        try {
            return (String) SPAN_ID.invokeExact(context);
        } catch (Throwable t) {
            return null;
        }
    }

    /** Whether the span of a context from {@link #context()} is sampled. */
    static boolean isSampled(Object context) {
        try {
            return (boolean) IS_SAMPLED.invokeExact(context);
        } catch (Throwable t) {
            return false;
        }
    }
}
