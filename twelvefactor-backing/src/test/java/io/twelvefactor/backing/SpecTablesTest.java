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
            "postgresql://uri-user@host:12345/ | uri-user - host:12345 '' -",
            "postgresql://uri-user@host/ | uri-user - host:5432* '' -",
            "postgresql://host:12345/ | - - host:12345 '' -",
            "postgresql://host:12345 | - - host:12345 - -",
            "postgresql://host | - - host:5432* - -",
            "postgresql://host/ | - - host:5432* '' -",
            "postgresql://host? | - - host:5432* - -",
            "postgresql://example.com?hostaddr=63.1.2.4 | - - example.com:5432* - hostaddr=63.1.2.4",
            "postgresql://%68ost/ | - - host:5432* '' -",
            "postgresql://host/db?user=uri-user | - - host:5432* db user=uri-user",
            "postgresql://host/db?user=uri-user&port=12345 | - - host:5432* db user=uri-user&port=12345",
            "postgresql://host/db?u%73er=someotheruser&port=12345 | - - host:5432* db user=someotheruser&port=12345",
            "postgresql://host:12345?user=uri-user | - - host:12345 - user=uri-user",
            "postgresql://[::1]:12345/db | - - ::1:12345 db -",
            "postgresql://[::1]/db | - - ::1:5432* db -",
            "postgresql://[2001:db8::1234]/ | - - 2001:db8::1234:5432* '' -",
            "postgresql://[::1] | - - ::1:5432* - -",
            "postgres://@host | '' - host:5432* - -",
            "postgres://otheruser@?host=/no/such/directory | otheruser - /no/such/directory:5432* - -",
            "postgres://otheruser@/?host=/no/such/directory | otheruser - /no/such/directory:5432* '' -",
            "postgres://otheruser@:12345?host=/no/such/socket/path | otheruser - /no/such/socket/path:12345 - -",
            "postgres://otheruser@:12345/db?host=/path/to/socket | otheruser - /path/to/socket:12345 db -",
            "postgres://:12345/db?host=/path/to/socket | - - /path/to/socket:12345 db -",
            "postgres://%2Fvar%2Flib%2Fpostgresql/dbname | - - /var/lib/postgresql:5432* dbname -",
            "postgresql://host/db?key=key=value | - - host:5432* db key=key=value",
            // ?host= moves into the hosts, and ?port= with it; alone, ?port= stays a parameter.
            "postgres://?host=/path/to/socket/dir&port=5433 | - - /path/to/socket/dir:5433 - -",
            "postgres://h/db?port=5433 | - - h:5432* db port=5433",
        })
        void accepts(String url, String expected) {
            assertEquals(expected, summary(BackingService.parse(url)));
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            // libpq connects to its default socket here; we ask for an explicit host.
            "postgresql:// | host | write a host name",
            "postgres:/// | host | write a host name",
            "postgres:///db | host | write a host name",
            "postgres://uri-user@/db | host | write a host name",
            "postgresql://uri-user@ | host | write a host name",
            // libpq takes an empty port as the default; we ask to remove the ':'.
            "postgres://host:/ | port | remove the ':'",
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
        void aHostParameterNextToAnAuthorityHostIsAmbiguous() {
            SpecTablesTest.rejects("postgres://h/db?host=/tmp", "query parameter host", "keep one");
            SpecTablesTest.rejects("postgres://:1/db?host=/tmp&port=2", "query parameter port", "keep one");
            SpecTablesTest.rejects("postgres:///db?host=/tmp&port=x", "query parameter port", "not a number");
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
        })
        void accepts(String url, String expected, String vhost) {
            BackingService d = BackingService.parse(url);
            assertEquals(expected, summary(d));
            assertEquals(vhost.equals("''") ? "" : vhost, d.amqpVirtualHost());
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            // The spec fills a missing host with the client's default; we ask for one.
            "amqp:// | host | write a host name",
            "amqp://:@/ | host | write a host name",
            "amqp:///vhost | host | write a host name",
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
        })
        void rejects(String url, String component, String fix) {
            SpecTablesTest.rejects(url, component, fix);
        }
    }
}
