/**
 * An SLF4J 2 provider writing one JSON object per line to stdout (Twelve-Factor XI).
 *
 * <p>Applications do not call this package: SLF4J finds {@link io.twelvefactor.logging.StdoutServiceProvider}
 * and the JDK finds {@link io.twelvefactor.logging.StdoutLoggerFinder} through
 * {@link java.util.ServiceLoader}; loggers ({@link io.twelvefactor.logging.StdoutLogger}) come
 * from {@code org.slf4j.LoggerFactory}. Everything is configured by environment variables:
 * {@code LOG_LEVEL}, {@code LOG_LEVEL_<LOGGER>}, {@code LOG_LEVELS}, {@code LOG_FORMAT},
 * {@code LOG_MAX_LINE_BYTES}, {@code LOG_STACK_MAX_FRAMES}, {@code LOG_STACK_FOLD},
 * {@code LOG_JUL_BRIDGE}, {@code GOOGLE_CLOUD_PROJECT}, and OpenTelemetry's
 * {@code OTEL_SERVICE_NAME} and {@code OTEL_RESOURCE_ATTRIBUTES}.
 */
package io.twelvefactor.logging;
