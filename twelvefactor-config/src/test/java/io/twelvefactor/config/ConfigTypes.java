package io.twelvefactor.config;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Config records and value types shared by the tests. */
final class ConfigTypes {
    private ConfigTypes() {
    }

    enum Level { DEBUG, INFO, WARN, ERROR }

    @Prefix("APP")
    record AppConfig(
            @Default("8080") @Description("Port the HTTP server listens on.") int port,
            Db db,
            @Default("30s") Duration shutdownTimeout,
            @Default("info") Level logLevel,
            Optional<String> region,
            List<String> allowedOrigins,
            @Name("PORT_OVERRIDE") Optional<Integer> portOverride) {
    }

    record Db(URI url, Secret<String> password, @Default("10") int poolSize) {
    }

    record AllTypes(String text, int i, Integer boxedInt, long l, Long boxedLong, double d, Double boxedDouble,
                    boolean b, Boolean boxedBool, BigDecimal money, Level level, Duration timeout, URI uri, Path path,
                    Optional<Duration> maybe, List<Integer> numbers, Set<Level> levels, Map<String, Integer> limits,
                    Secret<Integer> pin, HostPort hostPort, Version version, Token token, Code code) {
    }

    /** Bindable through {@code parse(String)}; rejects bad input with an unchecked exception. */
    public record HostPort(String host, int port) {
        public static HostPort parse(String text) {
            int colon = text.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("expected host:port but got " + text);
            }
            return new HostPort(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
        }
    }

    /** Bindable through {@code valueOf(String)}. */
    public static final class Version {
        final String value;

        private Version(String value) {
            this.value = value;
        }

        public static Version valueOf(String text) {
            return new Version("v" + text);
        }
    }

    /** Bindable through a public String constructor. */
    public static final class Token {
        final String value;

        public Token(String value) {
            this.value = Objects.requireNonNull(value);
        }
    }

    /** Bindable through {@code of(String)}. */
    public static final class Code {
        final String value;

        private Code(String value) {
            this.value = value;
        }

        public static Code of(String text) {
            return new Code(text);
        }
    }

    /** Like the backing module's descriptor: parse may throw, quoting the input. */
    public static final class Dsn {
        final String value;

        private Dsn(String value) {
            this.value = value;
        }

        public static Dsn parse(String text) {
            if (!text.startsWith("postgres://")) {
                throw new IllegalArgumentException("unsupported scheme in " + text);
            }
            return new Dsn(text);
        }
    }

    /** Like a sealed descriptor type: an interface whose static parse returns an implementation. */
    public interface Endpoint {
        String scheme();

        static Endpoint parse(String text) {
            int colon = text.indexOf("://");
            if (colon < 1) {
                throw new IllegalArgumentException("no scheme");
            }
            String scheme = text.substring(0, colon);
            return () -> scheme;
        }
    }

    record Range(int low, int high) {
        Range {
            if (low > high) {
                throw new IllegalArgumentException("low must not exceed high");
            }
        }
    }

    record Server(String host, @Default("80") int port) {
    }
}
