package io.twelvefactor.backing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class BackingServiceTest {

    @Test
    void parsesEveryComponentOfAFullUrl() {
        BackingService d = BackingService.parse(
                "postgres://app:s3cr%40t@db.internal:6543/orders?sslmode=require&application_name=api");
        assertEquals("postgres", d.scheme());
        assertEquals("postgresql", d.kind());
        assertEquals("db.internal", d.host());
        assertEquals(6543, d.port());
        assertEquals(Optional.of("app"), d.user());
        assertEquals(Optional.of("s3cr@t"), d.password());
        assertEquals(Optional.of("orders"), d.database());
        assertEquals(List.of("sslmode", "application_name"), List.copyOf(d.query().keySet()));
        assertEquals(Optional.of(Tls.REQUIRE), d.tls());
    }

    @Test
    void schemeIsLowerCasedAndAliasesShareAKind() {
        for (String scheme : List.of("postgres", "POSTGRESQL", "pg", "PgSql")) {
            BackingService d = BackingService.parse(scheme + "://h/db");
            assertEquals("postgresql", d.kind());
            assertEquals(scheme.toLowerCase(java.util.Locale.ROOT), d.scheme());
            assertEquals(5432, d.port());
        }
        assertEquals("sqlserver", BackingService.parse("mssql://h").kind());
        assertEquals(1433, BackingService.parse("mssql://h").port());
        assertEquals(26257, BackingService.parse("cockroach://h").port());
        assertEquals(5439, BackingService.parse("redshift://h").port());
        assertEquals(5671, BackingService.parse("amqps://h").port());
        assertEquals(465, BackingService.parse("smtps://h").port());
        assertEquals("postgresql", BackingService.knownSchemes().get("pgsql"));
    }

    @Test
    void effectivePortAndPortAsWrittenDiffer() {
        BackingService d = BackingService.parse("mysql://a,b:3307");
        assertEquals(List.of(new Host("a", 3306, OptionalInt.empty()),
                new Host("b", 3307, OptionalInt.of(3307))), d.hosts());
    }

    @Test
    void credentialsSplitAtTheLastAtOfTheAuthority() {
        BackingService d = BackingService.parse("redis://us%3Aer:p@ss:w@rd@cache:6380/2");
        assertEquals(Optional.of("us:er"), d.user());
        assertEquals(Optional.of("p@ss:w@rd"), d.password());
        assertEquals("cache", d.host());
        assertEquals(2, d.redisDatabase());
    }

    @Test
    void plusStaysPlusAndEncodedDelimitersDecode() {
        BackingService d = BackingService.parse("postgres://u:a+b%2F%23%3F%25@h/d%2Bb?x=1+2");
        assertEquals(Optional.of("a+b/#?%"), d.password());
        assertEquals(Optional.of("d+b"), d.database());
        assertEquals("1+2", d.query().get("x"));
    }

    @Test
    void absentCredentialsDifferFromEmptyOnes() {
        BackingService none = BackingService.parse("redis://h");
        assertEquals(Optional.empty(), none.user());
        assertEquals(Optional.empty(), none.password());
        BackingService empty = BackingService.parse("redis://:@h");
        assertEquals(Optional.of(""), empty.user());
        assertEquals(Optional.of(""), empty.password());
        BackingService userOnly = BackingService.parse("redis://alice@h");
        assertEquals(Optional.of("alice"), userOnly.user());
        assertEquals(Optional.empty(), userOnly.password());
        assertFalse(none.equals(empty));
    }

    @Test
    void multiHostIpv6UnderscoresAndSockets() {
        BackingService d = BackingService.parse(
                "postgresql://[::1]:5433,my_db.internal,[fe80::1%25eth0],%2Fvar%2Frun%2Fpostgresql/db");
        assertEquals(4, d.hosts().size());
        assertEquals("::1", d.hosts().get(0).name());
        assertTrue(d.hosts().get(0).isIpv6());
        assertEquals("my_db.internal", d.hosts().get(1).name());
        assertEquals("fe80::1%eth0", d.hosts().get(2).name());
        assertEquals("/var/run/postgresql", d.hosts().get(3).name());
        assertTrue(d.hosts().get(3).isUnixSocket());
        assertEquals(5432, d.hosts().get(3).port());
    }

    @Test
    void hostQueryParameterBecomesTheHost() {
        BackingService d = BackingService.parse("postgres://:5433/db?host=/tmp&connect_timeout=3");
        assertEquals(List.of(new Host("/tmp", 5433, OptionalInt.of(5433))), d.hosts());
        assertEquals(Map.of("connect_timeout", "3"), d.query());
        assertEquals("postgres://%2Ftmp:5433/db?connect_timeout=3", d.toUrl());
    }

    @Test
    void amqpVirtualHostFollowsTheRabbitMqRules() {
        assertEquals("/", BackingService.parse("amqp://h").amqpVirtualHost());
        assertEquals("", BackingService.parse("amqp://h/").amqpVirtualHost());
        assertEquals("/", BackingService.parse("amqp://h/%2F").amqpVirtualHost());
        assertEquals("/", BackingService.parse("amqp://h/%2f").amqpVirtualHost());
        assertEquals("app", BackingService.parse("amqp://h/app").amqpVirtualHost());
        assertEquals("a/b", BackingService.parse("amqp://h/a%2Fb").amqpVirtualHost());
        BackingServiceException e =
                assertThrows(BackingServiceException.class, () -> BackingService.parse("amqp://h/a/b"));
        assertEquals("virtual host", e.component());
        assertTrue(e.getMessage().contains("%2F"), e.getMessage());
    }

    @Test
    void redisExtras() {
        BackingService d = BackingService.parse("rediss://worker:pw@cache/5");
        assertEquals(5, d.redisDatabase());
        assertEquals(Optional.of("worker"), d.redisAclUser());
        assertEquals(Optional.of(Tls.VERIFY_FULL), d.tls());
        assertEquals(0, BackingService.parse("redis://h").redisDatabase());
        assertEquals(0, BackingService.parse("redis://h/").redisDatabase());
        assertEquals(Optional.empty(), BackingService.parse("redis://:pw@h").redisAclUser());
        assertThrows(IllegalStateException.class, () -> BackingService.parse("amqp://h").redisDatabase());
        assertThrows(IllegalStateException.class, () -> BackingService.parse("redis://h").amqpVirtualHost());
    }

    @Test
    void tlsIsNeverAssumed() {
        assertEquals(Optional.empty(), BackingService.parse("postgres://h/db").tls());
        assertEquals(Optional.of(Tls.VERIFY_CA),
                BackingService.parse("mysql://h/db?sslmode=verify-ca").tls());
        assertEquals(Optional.of(Tls.VERIFY_FULL), BackingService.parse("smtps://h").tls());
        assertEquals(Optional.of(Tls.VERIFY_FULL), BackingService.parse("mongodb://h/?tls=true").tls());
        assertEquals(Optional.empty(), BackingService.parse("mongodb+srv://h/?tls=false").tls());
        assertEquals(Optional.empty(), BackingService.parse("postgres://h/db?sslmode=disable").tls());
        assertEquals("jdbc:postgresql://h:5432/db?sslmode=disable",
                BackingService.parse("postgres://h/db?sslmode=disable").toJdbcUrl());
    }

    @Test
    void genericUrlsNeedThePortTheirSchemeCannotDefault() {
        BackingService d = BackingService.parseGeneric("elasticsearch://search:9200/logs");
        assertEquals("elasticsearch", d.kind());
        assertEquals(9200, d.port());
        assertEquals("postgresql", BackingService.parseGeneric("pg://h").kind());
        BackingServiceException e = assertThrows(BackingServiceException.class,
                () -> BackingService.parseGeneric("elasticsearch://search/logs"));
        assertTrue(e.getMessage().contains("no default port"), e.getMessage());
    }

    @Test
    void fromEnvReadsOneVariableOfTheGivenEnvironment() {
        Map<String, String> env = Map.of("DATABASE_URL", "postgres://h/db", "BROKEN_URL", "postgres://h:0");
        assertEquals("h", BackingService.fromEnv("DATABASE_URL", env).host());
        BackingServiceException missing = assertThrows(BackingServiceException.class,
                () -> BackingService.fromEnv("REDIS_URL", env));
        assertEquals("REDIS_URL: is not set; set it to a URL such as postgres://user:password@host:5432/db",
                missing.getMessage());
        assertEquals(Optional.of("REDIS_URL"), missing.variable());
        BackingServiceException broken = assertThrows(BackingServiceException.class,
                () -> BackingService.fromEnv("BROKEN_URL", env));
        assertEquals("BROKEN_URL: port at character 14: is outside 1-65535; write the service's real port",
                broken.getMessage());
    }

    @Test
    void toStringRedactsThePasswordAndSecretParameters() {
        BackingService d = BackingService.parse("amqp://bob:hunter2@mq/%2F?heartbeat=10&auth_token=abc123");
        assertEquals("amqp://bob:***@mq/%2F?heartbeat=10&auth_token=***", d.toString());
        assertEquals("amqp://bob:hunter2@mq/%2F?heartbeat=10&auth_token=abc123", d.toUrl());
    }

    @Test
    void toUrlNormalizesAndRoundTrips() {
        BackingService d = BackingService.parse("PG://%75ser:p%40ss@[::1]:5432,Host_2/db%20x?a=%2C&b=");
        assertEquals("pg://user:p%40ss@[::1]:5432,Host_2/db%20x?a=,&b=", d.toUrl());
        assertEquals(d, BackingService.parse(d.toUrl()));
        assertEquals(d.hashCode(), BackingService.parse(d.toUrl()).hashCode());
    }

    /** Found by BackingServiceFuzzTest: toUrl() dropped a libpq ?password= given without a user. */
    @Test
    void aQueryPasswordWithoutAUserRoundTripsAndIsRedacted() {
        BackingService d = BackingService.parse("postgres://h/db?password=x%26y");
        assertEquals(Optional.empty(), d.user());
        assertEquals(Optional.of("x&y"), d.password());
        assertEquals(d, BackingService.parse(d.toUrl()));
        assertEquals("postgres://h/db?password=***", d.toString());
    }

    @Test
    void hostRejectsInconsistentComponents() {
        assertThrows(IllegalArgumentException.class, () -> new Host("", 1, OptionalInt.empty()));
        assertThrows(IllegalArgumentException.class, () -> new Host("h", 0, OptionalInt.empty()));
        assertThrows(IllegalArgumentException.class, () -> new Host("h", 5432, OptionalInt.of(5433)));
        assertEquals("[::1]:5432", new Host("::1", 5432, OptionalInt.of(5432)).toString());
        assertEquals("%2Ftmp", new Host("/tmp", 5432, OptionalInt.empty()).toString());
    }
}
