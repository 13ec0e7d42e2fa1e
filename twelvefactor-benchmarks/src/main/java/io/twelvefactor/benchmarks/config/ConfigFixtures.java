package io.twelvefactor.benchmarks.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.twelvefactor.config.Env;
import io.twelvefactor.config.Prefix;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * One 20-leaf nested configuration (4 groups; String, int, long, double, boolean, Duration,
 * List) declared the way each library wants it, the same values in each library's own key
 * style, and one bind per library starting from a map. Durations are ISO-8601 because plain
 * SmallRye Config (without Quarkus) reads no other form.
 */
public final class ConfigFixtures {
    private ConfigFixtures() {
    }

    // ---- twelvefactor: records, variables APP_HTTP_HOST ...

    /** The twelvefactor config type. */
    @Prefix("APP")
    public record AppConfig(Http http, Db db, Cache cache, Features features) {
    }

    /** HTTP group, 5 leaves. */
    public record Http(String host, int port, Duration readTimeout, Duration writeTimeout, int maxConnections) {
    }

    /** Database group, 6 leaves. */
    public record Db(String url, String user, String password, int poolSize, Duration connectTimeout, boolean ssl) {
    }

    /** Cache group, 4 leaves. */
    public record Cache(String host, int port, Duration ttl, long maxEntries) {
    }

    /** Feature group, 5 leaves. */
    public record Features(boolean search, boolean beta, double sampleRate, List<String> regions, String region) {
    }

    // ---- SmallRye Config: @ConfigMapping interfaces, properties app.http.read-timeout ...

    /** The SmallRye Config mapping. */
    @ConfigMapping(prefix = "app")
    public interface AppMapping {
        /** @return the HTTP group */
        HttpMapping http();

        /** @return the database group */
        DbMapping db();

        /** @return the cache group */
        CacheMapping cache();

        /** @return the feature group */
        FeaturesMapping features();

        /** HTTP group. */
        interface HttpMapping {
            /** @return host */
            String host();

            /** @return port */
            int port();

            /** @return read timeout */
            Duration readTimeout();

            /** @return write timeout */
            Duration writeTimeout();

            /** @return max connections */
            int maxConnections();
        }

        /** Database group. */
        interface DbMapping {
            /** @return url */
            String url();

            /** @return user */
            String user();

            /** @return password */
            String password();

            /** @return pool size */
            int poolSize();

            /** @return connect timeout */
            Duration connectTimeout();

            /** @return ssl */
            boolean ssl();
        }

        /** Cache group. */
        interface CacheMapping {
            /** @return host */
            String host();

            /** @return port */
            int port();

            /** @return ttl */
            Duration ttl();

            /** @return max entries */
            long maxEntries();
        }

        /** Feature group. */
        interface FeaturesMapping {
            /** @return search */
            boolean search();

            /** @return beta */
            boolean beta();

            /** @return sample rate */
            double sampleRate();

            /** @return regions */
            List<String> regions();

            /** @return region */
            String region();
        }
    }

    // ---- the values

    private static final String[][] VALUES = {
        {"http", "host", "0.0.0.0"},
        {"http", "port", "8080"},
        {"http", "read-timeout", "PT30S"},
        {"http", "write-timeout", "PT45S"},
        {"http", "max-connections", "512"},
        {"db", "url", "jdbc:postgresql://db.internal:5432/app"},
        {"db", "user", "app"},
        {"db", "password", "correct-horse-battery-staple"},
        {"db", "pool-size", "20"},
        {"db", "connect-timeout", "PT5S"},
        {"db", "ssl", "true"},
        {"cache", "host", "redis.internal"},
        {"cache", "port", "6379"},
        {"cache", "ttl", "PT10M"},
        {"cache", "max-entries", "100000"},
        {"features", "search", "true"},
        {"features", "beta", "false"},
        {"features", "sample-rate", "0.25"},
        {"features", "regions", "eu-west-1,us-east-1,ap-south-1"},
        {"features", "region", "eu-west-1"},
    };

    /** Environment-style names: {@code APP_HTTP_READ_TIMEOUT}. */
    public static Map<String, String> environment() {
        Map<String, String> map = new HashMap<>();
        for (String[] v : VALUES) {
            map.put(("APP_" + v[0] + "_" + v[1]).toUpperCase(java.util.Locale.ROOT).replace('-', '_'), v[2]);
        }
        return map;
    }

    /** Property-style names: {@code app.http.read-timeout}. */
    public static Map<String, String> properties() {
        Map<String, String> map = new HashMap<>();
        for (String[] v : VALUES) {
            map.put("app." + v[0] + "." + v[1], v[2]);
        }
        return map;
    }

    /** twelvefactor: {@code Env.of(map).bind(AppConfig.class)}. */
    public static AppConfig twelvefactor(Map<String, String> environment) {
        return Env.of(environment).bind(AppConfig.class);
    }

    /**
     * The floor: the same 20 variables read and parsed by hand with the JDK's own parsers
     * ({@code Integer.parseInt}, {@code Duration.parse}, {@code Boolean.parseBoolean}…), with
     * no validation beyond what those parsers do and no error collection: what binding costs
     * when nothing is generic.
     */
    public static AppConfig handWritten(Map<String, String> env) {
        Http http = new Http(env.get("APP_HTTP_HOST"), Integer.parseInt(env.get("APP_HTTP_PORT")),
                Duration.parse(env.get("APP_HTTP_READ_TIMEOUT")), Duration.parse(env.get("APP_HTTP_WRITE_TIMEOUT")),
                Integer.parseInt(env.get("APP_HTTP_MAX_CONNECTIONS")));
        Db db = new Db(env.get("APP_DB_URL"), env.get("APP_DB_USER"), env.get("APP_DB_PASSWORD"),
                Integer.parseInt(env.get("APP_DB_POOL_SIZE")), Duration.parse(env.get("APP_DB_CONNECT_TIMEOUT")),
                Boolean.parseBoolean(env.get("APP_DB_SSL")));
        Cache cache = new Cache(env.get("APP_CACHE_HOST"), Integer.parseInt(env.get("APP_CACHE_PORT")),
                Duration.parse(env.get("APP_CACHE_TTL")), Long.parseLong(env.get("APP_CACHE_MAX_ENTRIES")));
        String[] regions = env.get("APP_FEATURES_REGIONS").split(",", -1);
        for (int i = 0; i < regions.length; i++) {
            regions[i] = regions[i].trim();
        }
        Features features = new Features(Boolean.parseBoolean(env.get("APP_FEATURES_SEARCH")),
                Boolean.parseBoolean(env.get("APP_FEATURES_BETA")), Double.parseDouble(env.get("APP_FEATURES_SAMPLE_RATE")),
                List.of(regions), env.get("APP_FEATURES_REGION"));
        return new AppConfig(http, db, cache, features);
    }

    // ---- a named group (Map of records) among many unrelated variables

    /** Three datasources read as {@code Map<String, Datasource>}. */
    public record GroupConfig(Map<String, Datasource> datasources, int port) {
    }

    /** One entry of the group. */
    public record Datasource(String url, int poolSize, Duration connectTimeout) {
    }

    /** {@code DATASOURCES_<KEY>_*} for three keys, {@code PORT}, and {@code unrelated} other variables. */
    public static Map<String, String> groupEnvironment(int unrelated) {
        Map<String, String> map = new HashMap<>();
        for (String key : new String[] {"MAIN", "REPLICA", "AUDIT"}) {
            map.put("DATASOURCES_" + key + "_URL", "jdbc:postgresql://" + key.toLowerCase(java.util.Locale.ROOT) + "/app");
            map.put("DATASOURCES_" + key + "_POOL_SIZE", "10");
            map.put("DATASOURCES_" + key + "_CONNECT_TIMEOUT", "PT5S");
        }
        map.put("PORT", "8080");
        for (int i = 0; i < unrelated; i++) {
            map.put("UNRELATED_VARIABLE_" + i, "value-" + i);
        }
        return map;
    }

    /** twelvefactor: the named group. */
    public static GroupConfig group(Map<String, String> environment) {
        return Env.of(environment).bind(GroupConfig.class);
    }

    /** SmallRye Config: a config with one map source and the mapping, then the mapping. */
    public static AppMapping smallrye(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "benchmark", 100))
                .withMapping(AppMapping.class)
                .build();
        return config.getConfigMapping(AppMapping.class);
    }

    /** Spring Boot: a {@link Binder} over one map source, binding the same records. */
    public static AppConfig spring(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bind("app", AppConfig.class).get();
    }
}
