package io.twelvefactor.backing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/** Jedis, configured from the descriptor's accessors, reaches TEST_REDIS_URL. */
class RedisClientTest {

    static Jedis connect(BackingService d) {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .database(d.redisDatabase())
                .ssl(d.tls().map(Tls::isRequired).orElse(false));
        d.redisAclUser().ifPresent(config::user);
        d.password().ifPresent(config::password);
        return new Jedis(new HostAndPort(d.host(), d.port()), config.build());
    }

    @Test
    void pingsAndSelectsTheDatabaseIndex() {
        BackingService base = TestServices.service("TEST_REDIS_URL");
        BackingService d = BackingService.parse(base.toUrl().replaceFirst("/\\d*$", "") + "/3");
        assertEquals(3, d.redisDatabase());
        try (Jedis jedis = connect(d)) {
            assertEquals("PONG", jedis.ping());
            assertTrue(jedis.clientInfo().contains(" db=3 "), jedis.clientInfo());
        }
    }

    /** An ACL user whose password holds every hard character: AUTH checks it. */
    @Test
    void anAclUserWithAHardPasswordAuthenticatesAndAWrongOneDoesNot() {
        BackingService admin = TestServices.service("TEST_REDIS_URL");
        String user = TestServices.uniqueName("tf-b@:/#%+");
        try (Jedis root = connect(admin)) {
            root.aclSetUser(user, "on", ">" + TestServices.HARD_PASSWORD, "~*", "+@all");
            try {
                BackingService d = TestServices.withCredentials(admin, user, TestServices.HARD_PASSWORD);
                assertEquals(user, d.redisAclUser().orElseThrow());
                try (Jedis jedis = connect(d)) {
                    assertEquals(user, jedis.aclWhoAmI());
                    assertEquals("PONG", jedis.ping());
                }
                BackingService wrong = TestServices.withCredentials(admin, user,
                        TestServices.HARD_PASSWORD.replace('+', ' '));
                assertThrows(JedisException.class, () -> {
                    try (Jedis jedis = connect(wrong)) {
                        jedis.ping();
                    }
                });
            } finally {
                root.aclDelUser(user);
            }
        }
    }
}
