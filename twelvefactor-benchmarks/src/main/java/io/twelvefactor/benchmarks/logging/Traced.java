package io.twelvefactor.benchmarks.logging;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;

/**
 * A current OpenTelemetry span (real SDK, sampled, never exported) on the calling thread, so
 * that twelvefactor-logging writes its trace fields; the peers, which read no span, ignore it.
 */
final class Traced implements AutoCloseable {

    private static final SdkTracerProvider TRACING = SdkTracerProvider.builder().setSampler(Sampler.alwaysOn()).build();

    private final Span span;
    private final Scope scope;

    /** Starts a span and makes it current on this thread until {@link #close()}. */
    Traced() {
        span = TRACING.get("benchmarks").spanBuilder("request").startSpan();
        scope = span.makeCurrent();
    }

    @Override
    public void close() {
        scope.close();
        span.end();
    }
}
