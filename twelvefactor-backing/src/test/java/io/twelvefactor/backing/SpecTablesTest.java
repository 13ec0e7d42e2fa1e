package io.twelvefactor.backing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Cases from the specifications and the anchors' own suites. Each accepted URL is summed up as
 * {@code user password hosts database query} ({@code -} for absent, {@code ''} for empty) so
 * one line states everything the parser made of it; each rejected URL states the component
 * blamed and a phrase of the fix.
 */
class SpecTablesTest {

    static String summary(BackingService d) {
        StringBuilder b = new StringBuilder();
        b.append(d.user().map(SpecTablesTest::show).orElse("-")).append(' ');
        b.append(d.password().map(SpecTablesTest::show).orElse("-")).append(' ');
        if (d.hosts().isEmpty()) {
            b.append("(none):").append(d.port()).append(d.hostlessPort().isPresent() ? "" : "*");
        }
        for (int i = 0; i < d.hosts().size(); i++) {
            Host h = d.hosts().get(i);
            b.append(i == 0 ? "" : ",").append(h.name()).append(':').append(h.port());
            b.append(h.portAsWritten().isPresent() ? "" : "*");
        }
        b.append(' ').append(d.database().map(SpecTablesTest::show).orElse("-")).append(' ');
        StringBuilder q = new StringBuilder();
        for (Map.Entry<String, String> e : d.query().entrySet()) {
            q.append(q.length() == 0 ? "" : "&").append(e.getKey()).append('=').append(e.getValue());
        }
        return b.append(q.length() == 0 ? "-" : q).toString();
    }

    private static String show(String s) {
        return s.isEmpty() ? "''" : s;
    }

    static void rejects(String url, String component, String fix) {
        BackingServiceException e =
                assertThrows(BackingServiceException.class, () -> BackingService.parse(url));
        assertEquals(component, e.component(), e.getMessage());
        assertTrue(e.getMessage().contains(fix), e.getMessage());
    }

    /** libpq's src/interfaces/libpq/test/regress.in, with our verdicts (* = default port). */
    @Nested
    class Libpq {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "postgresql://uri-user:secret@host:12345/db | uri-user secret host:12345 db -",
            "postgresql://uri-user@host:12345/db | uri-user - host:12345 db -",
            "postgresql://uri-user@host/db | uri-user - host:5432* db -",
            "postgresql://host:12345/db | - - host:12345 db -",
            "postgresql://host/db | - - host:5432* db -",
            "postgresql://uri-user@host:12345/ | uri-user - host:12345 - -",
            "postgresql://uri-user@host/ | uri-user - host:5432* - -",
            "postgresql://host:12345/ | - - host:12345 - -",
            "postgresql://host:12345 | - - host:12345 - -",
            "postgresql://host | - - host:5432* - -",
            "postgresql://host/ | - - host:5432* - -",
            "postgresql://host? | - - host:5432* - -",
            "postgresql://example.com?hostaddr=63.1.2.4 | - - example.com:5432* - hostaddr=63.1.2.4",
            "postgresql://%68ost/ | - - host:5432* - -",
            "postgresql://host/db?user=uri-user | uri-user - host:5432* db -",
            "postgresql://host/db?user=uri-user&port=12345 | uri-user - host:12345 db -",
            "postgresql://host/db?u%73er=someotheruser&port=12345 | someotheruser - host:12345 db -",
            "postgresql://host:12345?user=uri-user | uri-user - host:12345 - -",
            "postgresql://[::1]:12345/db | - - ::1:12345 db -",
            "postgresql://[::1]/db | - - ::1:5432* db -",
            "postgresql://[2001:db8::1234]/ | - - 2001:db8::1234:5432* - -",
            "postgresql://[::1] | - - ::1:5432* - -",
            "postgres://@host | '' - host:5432* - -",
            "postgres://otheruser@?host=/no/such/directory | otheruser - /no/such/directory:5432* - -",
            "postgres://otheruser@/?host=/no/such/directory | otheruser - /no/such/directory:5432* - -",
            "postgres://otheruser@:12345?host=/no/such/socket/path | otheruser - /no/such/socket/path:12345 - -",
            "postgres://otheruser@:12345/db?host=/path/to/socket | otheruser - /path/to/socket:12345 db -",
            "postgres://:12345/db?host=/path/to/socket | - - /path/to/socket:12345 db -",
            "postgres://%2Fvar%2Flib%2Fpostgresql/dbname | - - /var/lib/postgresql:5432* dbname -",
            "postgresql://host/db?key=key=value | - - host:5432* db key=key=value",
            // The query's host, port, user, password and dbname override the URI's, as in libpq.
            "postgres://?host=/path/to/socket/dir&port=5433 | - - /path/to/socket/dir:5433 - -",
            "postgres://h/db?port=5433 | - - h:5433 db -",
            "postgres://u:p@h/db?user=v&password=q&dbname=e | v q h:5432* e -",
            "postgres://h/db?host=/tmp | - - /tmp:5432* db -",
            "postgres://h1:1,h2:2/db?host=a,b | - - a:1,b:2 db -",
            "postgres://h1,h2/db?port=7 | - - h1:7,h2:7 db -",
            "postgres://h1,h2/db?port=7,8 | - - h1:7,h2:8 db -",
            "postgres://h1,h2/db?port=,8 | - - h1:5432*,h2:8 db -",
            "postgres://h/?dbname= | - - h:5432* - -",
            // Hostless forms: libpq's local socket (no host here), empty port = default.
            "postgresql:// | - - (none):5432* - -",
            "postgres:/// | - - (none):5432* - -",
            "postgres:///db | - - (none):5432* db -",
            "postgres://uri-user@/db | uri-user - (none):5432* db -",
            "postgresql://uri-user@ | uri-user - (none):5432* - -",
            "postgres://:5433/ | - - (none):5433 - -",
            "postgres:///db?port=5433 | - - (none):5433 db -",
            "postgres://host:/ | - - host:5432* - -",
            "postgres://h1:,h2:6/ | - - h1:5432*,h2:6 - -",
        })
        void accepts(String url, String expected) {
            assertEquals(expected, summary(BackingService.parse(url)));
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "postgres://a,,b/x | host 2 | is empty",
            "postgres://h1,h2,h3/db?port=1,2 | query parameter port | lists 2 ports for 3 hosts",
            "postgresql://[200z:db8::1234]/ | host | cannot appear in an IPv6 address",
            "postgres://[::1 | host | no ']' closes",
            "postgres://[] | host | holds no IPv6 address",
            "postgres://[::1]z | host | expected ':' and a port",
            "postgresql://host?zzz | query | write name=value",
            "postgresql://host?value1&value2 | query | write name=value",
            "postgresql://a%00b | host | %00",
            "postgresql://%zz | host | write a literal '%' in the host as %25",
            "postgresql://%1 | host | as %25",
            "postgresql://% | host | as %25",
            "postgre:// | scheme | did you mean 'postgres'",
        })
        void rejects(String url, String component, String fix) {
            SpecTablesTest.rejects(url, component, fix);
        }

        @org.junit.jupiter.api.Test
        void aBadPortParameterIsNamed() {
            SpecTablesTest.rejects("postgres:///db?host=/tmp&port=x", "query parameter port", "not a number");
        }

        @org.junit.jupiter.api.Test
        void aHostlessUrlRoundTripsAndHasNoJdbcForm() {
            for (String url : new String[] {"postgres://", "postgres://u@:5433/db", "pg:///db"}) {
                BackingService d = BackingService.parse(url);
                assertEquals(d, BackingService.parse(d.toUrl()));
                assertEquals(url.replace("pg:", "pg:"), d.toUrl());
                BackingServiceException e = assertThrows(BackingServiceException.class, d::toJdbcUrl);
                assertEquals("host", e.component());
                assertTrue(e.getMessage().contains("name the host, such as"), e.getMessage());
            }
            assertEquals(5433, BackingService.parse("postgres://:5433/").port());
            assertThrows(IllegalStateException.class, () -> BackingService.parse("postgres://").host());
        }
    }

    /** The RabbitMQ URI specification's examples (rabbitmq.com/docs/uri-spec). */
    @Nested
    class RabbitMq {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "amqp://user:pass@host:10000/vhost | user pass host:10000 vhost - | vhost",
            "amqp://user%61:%61pass@ho%61st:10000/v%2fhost | usera apass hoast:10000 v/host - | v/host",
            "amqp://user@host | user - host:5672* - - | /",
            "amqp://user:pass@host | user pass host:5672* - - | /",
            "amqp://host | - - host:5672* - - | /",
            "amqp://host:10000 | - - host:10000 - - | /",
            "amqp://host/ | - - host:5672* '' - | ''",
            "amqp://host/%2f | - - host:5672* / - | /",
            "amqp://[::1] | - - ::1:5672* - - | /",
            "amqps://host?heartbeat=10 | - - host:5671* - heartbeat=10 | /",
            // Every component is optional: the client's defaults fill the host and port.
            "amqp:// | - - (none):5672* - - | /",
            "amqp://:@/ | '' '' (none):5672* '' - | ''",
            "amqp:///vhost | - - (none):5672* vhost - | vhost",
            "amqp://user@ | user - (none):5672* - - | /",
            "amqp://user:pass@ | user pass (none):5672* - - | /",
            "amqp://:10000 | - - (none):10000 - - | /",
            "amqp://host: | - - host:5672* - - | /",
        })
        void accepts(String url, String expected, String vhost) {
            BackingService d = BackingService.parse(url);
            assertEquals(expected, summary(d));
            assertEquals(vhost.equals("''") ? "" : vhost, d.amqpVirtualHost());
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "amqp://host/a/b | virtual host | %2F",
            "amqp://host:0 | port | outside 1-65535",
        })
        void rejects(String url, String component, String fix) {
            SpecTablesTest.rejects(url, component, fix);
        }
    }

    /** The MongoDB connection-string and initial-DNS-seedlist specifications' cases. */
    @Nested
    class MongoDb {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "mongodb://localhost | - - localhost:27017* - -",
            "mongodb://localhost:27018 | - - localhost:27018 - -",
            "mongodb://alice:foo@127.0.0.1 | alice foo 127.0.0.1:27017* - -",
            "mongodb://alice@127.0.0.1 | alice - 127.0.0.1:27017* - -",
            "mongodb://%40l%3Ace%2F%3D:w%3A%40d%2F%3D@localhost/admin | @l:ce/= w:@d/= localhost:27017* admin -",
            "mongodb://127.0.0.1,localhost:27018/?replicaSet=rs0 | - - 127.0.0.1:27017*,localhost:27018 '' replicaSet=rs0",
            "mongodb://[::1]:27018,[2001:db8::1] | - - ::1:27018,2001:db8::1:27017* - -",
            "mongodb://%2Ftmp%2Fmongodb-27017.sock | - - /tmp/mongodb-27017.sock:27017* - -",
            "mongodb://%2Ftmp%2Fmongodb-27017.sock,localhost:27017 | - - /tmp/mongodb-27017.sock:27017*,localhost:27017 - -",
            "mongodb://localhost/?authSource=admin&readPreference=secondary | - - localhost:27017* '' authSource=admin&readPreference=secondary",
            "mongodb://localhost?w=1 | - - localhost:27017* - w=1",
            "mongodb+srv://test1.test.build.10gen.cc/ | - - test1.test.build.10gen.cc:27017* '' -",
        })
        void accepts(String url, String expected) {
            assertEquals(expected, summary(BackingService.parse(url)));
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "mongodb://localhost:xyz | port | not a number",
            "mongodb://localhost:0 | port | outside 1-65535",
            "mongodb://localhost:65536 | port | outside 1-65535",
            "mongodb://localhost:100000 | port | outside 1-65535",
            "mongodb://::1:27017 | host | brackets",
            "mongodb://localhost/?w=1&w=2 | query parameter w | appears twice",
            "mongodb://localhost/?tls=yes | query parameter tls | true or false",
            "mongodb+srv://test1.test.build.10gen.cc:27017 | port | takes no port",
            "mongodb+srv://a.example.com,b.example.com | host | exactly one host",
            "mongodb://host/db#frag | url | %23",
            "mongodb://localhost: | port | write a port",
            "mongodb://%2Ftmp%2Fmongodb-27017.sock:27017 | host | takes no port",
            "mongodb://us@r:pw@h | user | %40",
            "mongodb://user:p:w@h | password | %3A",
            "mongodb:// | host | is empty",
        })
        void rejects(String url, String component, String fix) {
            SpecTablesTest.rejects(url, component, fix);
        }

        @org.junit.jupiter.api.Test
        void seedListMeansTls() {
            BackingService d = BackingService.parse("mongodb+srv://cluster0.example.net/app");
            assertTrue(d.mongoSrv());
            assertEquals(java.util.Optional.of(Tls.VERIFY_FULL), d.tls());
        }
    }

    /** The IANA redis and rediss URI schemes: redis://[[user][:password]@]host[:port][/db]. */
    @Nested
    class Redis {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "redis://localhost | - - localhost:6379* - - | 0",
            "redis://localhost:6380/0 | - - localhost:6380 0 - | 0",
            "redis://:secret@localhost/3 | '' secret localhost:6379* 3 - | 3",
            "redis://worker:secret@localhost/15 | worker secret localhost:6379* 15 - | 15",
            "redis://worker@localhost | worker - localhost:6379* - - | 0",
            "rediss://redis.example.com:6380 | - - redis.example.com:6380 - - | 0",
            "redis://%2Fvar%2Frun%2Fredis.sock | - - /var/run/redis.sock:6379* - - | 0",
            // Lettuce's socket and sentinel forms, redis-py's unix://.
            "redis-socket:///var/run/redis.sock | - - /var/run/redis.sock:6379* - - | 0",
            "redis-socket:///tmp/r.sock?database=4 | - - /tmp/r.sock:6379* - database=4 | 4",
            "unix://u:p@/tmp/r.sock?db=2 | u p /tmp/r.sock:6379* - db=2 | 2",
            "redis-sentinel://s1,s2:26380/1?sentinelMasterId=mymaster | - - s1:26379*,s2:26380 1 sentinelMasterId=mymaster | 1",
            "redis-sentinel://:pw@s1/0#mymaster | '' pw s1:26379* 0 sentinelMasterId=mymaster | 0",
            "rediss-sentinel://s1?sentinelMasterId=m | - - s1:26379* - sentinelMasterId=m | 0",
        })
        void accepts(String url, String expected, int db) {
            BackingService d = BackingService.parse(url);
            assertEquals(expected, summary(d));
            assertEquals(db, d.redisDatabase());
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "redis://localhost/zero | database | write an integer",
            "redis://localhost/1/2 | database | write an integer",
            "rediss://h?sslmode=disable | query parameter sslmode | contradicts the scheme",
            "redis-sentinel://s1/0 | sentinel master | is missing",
            "redis-sentinel://s1/0?sentinelMasterId=a#b | sentinel master | keep one",
            "redis-socket://host/tmp/r.sock | host | names its socket in the path",
            "unix:// | socket path | is missing",
            "unix:///tmp/r.sock?db=x | query parameter db | an integer",
        })
        void rejects(String url, String component, String fix) {
            SpecTablesTest.rejects(url, component, fix);
        }
    }

    /** Heroku's KAFKA_URL: a comma-separated list of kafka:// or kafka+ssl:// URLs. */
    @Nested
    class Kafka {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "kafka+ssl://ec2-1.compute-1.amazonaws.com:9096,kafka+ssl://ec2-2.compute-1.amazonaws.com:9096 | ec2-1.compute-1.amazonaws.com:9096,ec2-2.compute-1.amazonaws.com:9096 | true",
            "kafka://b1:9092,kafka://b2 | b1:9092,b2:9092 | false",
            "kafka://b1,b2:9093,[::1]:9094 | b1:9092,b2:9093,[::1]:9094 | false",
            "KAFKA+SSL://b1:9096 | b1:9096 | true",
            // kafka-clients reads neither percent-encoding nor non-ASCII letters in a host.
            "kafka://b%C3%BCcher.example:9092,b\u00fccher.example | xn--bcher-kva.example:9092,xn--bcher-kva.example:9092 | false",
            "kafka://[fe80::1%25eth0]:9092 | [fe80::1%eth0]:9092 | false",
        })
        void accepts(String url, String servers, boolean tls) {
            BackingService d = BackingService.parse(url);
            assertEquals("kafka", d.kind());
            assertEquals(servers, d.kafkaBootstrapServers());
            assertEquals(tls, d.tls().map(Tls::isRequired).orElse(false));
            assertEquals(d, BackingService.parse(d.toUrl()));
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "kafka+ssl://b1:9096,kafka://b2:9092 | scheme | same scheme",
            "kafka://u:p@b1 | host | lists brokers only",
            "kafka://b1/topic | host | lists brokers only",
            "kafka://b1,,b2 | host | is empty",
            "kafka://b1,%2Fvar%2Frun%2Fkafka.sock | host | no Unix sockets",
        })
        void rejects(String url, String component, String fix) {
            SpecTablesTest.rejects(url, component, fix);
        }
    }
}
