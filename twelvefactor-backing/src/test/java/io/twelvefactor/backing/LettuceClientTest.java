package io.twelvefactor.backing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.URI;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Besides Jedis configured from the accessors (RedisClientTest): Jedis given the module's
 * normalized URL, and Lettuce configured from the accessors, reach TEST_REDIS_URL.
 */
class LettuceClientTest {

    @Test
    void lettuceFromTheAccessorsSelectsTheDatabase() {
        BackingService base = TestServices.service("TEST_REDIS_URL");
        BackingService d = BackingService.parse(base.toUrl().replaceFirst("/\\d*$", "") + "/5");
        RedisURI.Builder uri = RedisURI.builder().withHost(d.host()).withPort(d.port())
                .withDatabase(d.redisDatabase()).withSsl(d.tls().map(Tls::isRequired).orElse(false));
        d.password().ifPresent(p -> d.redisAclUser().ifPresentOrElse(
                u -> uri.withAuthentication(u, p), () -> uri.withPassword(p.toCharArray())));
        RedisClient client = RedisClient.create(uri.build());
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            assertEquals("PONG", c.sync().ping());
            assertEquals(5L, c.sync().clientInfo().lines().filter(l -> l.contains(" db="))
                    .map(l -> Long.parseLong(l.replaceFirst(".* db=(\\d+) .*", "$1"))).findFirst()
                    .orElseThrow());
        } finally {
            client.shutdown();
        }
    }

    /** Jedis reads a URL itself; it needs the port written (it has no default: README). */
    @Test
    void jedisFromTheNormalizedUrlSelectsTheDatabase() {
        BackingService base = TestServices.service("TEST_REDIS_URL");
        String url = base.toUrl().replaceFirst("/\\d*$", "");
        if (base.hosts().get(0).portAsWritten().isEmpty()) {
            url = url + ":" + base.port();
        }
        BackingService d = BackingService.parse(url + "/4");
        try (Jedis jedis = new Jedis(URI.create(d.toUrl()))) {
            assertEquals("PONG", jedis.ping());
            assertTrue(jedis.clientInfo().contains(" db=4 "), jedis.clientInfo());
        }
    }
}
