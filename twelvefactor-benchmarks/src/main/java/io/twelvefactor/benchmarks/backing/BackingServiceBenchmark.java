package io.twelvefactor.benchmarks.backing;

import io.twelvefactor.backing.BackingService;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code BackingService.parse} (and {@code toJdbcUrl}) against {@code java.net.URI} parsing
 * of the same URL, reading the same components. For the record: URI decodes less (it returns
 * a null host for the multi-host URL and does not split the credentials) but is the baseline
 * a hand-written parser would start from. Parsing happens once per connection pool, so this
 * shows the cost is negligible, not that it matters.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BackingServiceBenchmark {

    /**
     * simple: a Heroku-style URL; encoded: a password full of escapes; multihost: libpq's
     * failover list, for which URI returns a null host (and throws once an IPv6 host joins);
     * hostless: libpq's socket form with query overrides; amqp: the RabbitMQ spec's vhost
     * {@code /}; sentinel: Lettuce's Redis Sentinel form; kafka: Heroku's KAFKA_URL list
     * (URI reads the second broker as a path).
     */
    @Param({"simple", "encoded", "multihost", "hostless", "amqp", "sentinel", "kafka"})
    public String shape;

    private String url;

    @Setup
    public void setUp() {
        url = switch (shape) {
            case "simple" -> "postgres://app:s3cret@db.internal:5432/orders";
            case "encoded" -> "postgres://app%40tenant:p%40ss%3Aw%2Frd%23%25%2B@db.internal:5432/orders"
                    + "?sslmode=verify-full&application_name=api%20v2";
            case "multihost" -> "postgresql://app:s3cret@db1.internal:5432,db2.internal:5433/orders"
                    + "?target_session_attrs=read-write";
            case "hostless" -> "postgres:///orders?host=/var/run/postgresql&port=5433&user=app";
            case "amqp" -> "amqps://worker:s3cret@mq.internal:5671/%2F?heartbeat=30";
            case "sentinel" -> "redis-sentinel://:s3cret@s1.internal,s2.internal:26380/2"
                    + "?sentinelMasterId=cache";
            case "kafka" -> "kafka+ssl://b1.internal:9096,kafka+ssl://b2.internal:9096";
            default -> throw new IllegalArgumentException(shape);
        };
    }

    @Benchmark
    public void parse(Blackhole bh) {
        BackingService d = BackingService.parse(url);
        bh.consume(d.hosts());
        bh.consume(d.port());
        bh.consume(d.password());
        bh.consume(d.database());
    }

    /** The JDBC URL for the database shapes; the normalized URL for the others. */
    @Benchmark
    public String parseAndToJdbcUrl() {
        BackingService d = BackingService.parse(url);
        return d.kind().equals("postgresql") && !d.hosts().isEmpty() ? d.toJdbcUrl() : d.toUrl();
    }

    @Benchmark
    public void javaNetUri(Blackhole bh) throws URISyntaxException {
        URI u = new URI(url);
        bh.consume(u.getHost());
        bh.consume(u.getPort());
        bh.consume(u.getUserInfo());
        bh.consume(u.getPath());
        bh.consume(u.getQuery());
    }
}
