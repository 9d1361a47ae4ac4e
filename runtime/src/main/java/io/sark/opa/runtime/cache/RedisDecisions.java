package io.sark.opa.runtime.cache;

import io.quarkus.cache.Cache;
import io.quarkus.cache.redis.runtime.RedisCache;
import io.smallrye.mutiny.Uni;
import java.util.function.Function;

/**
 * Decision caches kept in Redis by quarkus-redis-cache ({@code quarkus.cache.type=redis}). Its untyped
 * {@code get} needs a value type configured at build time for each cache; the result set is text, so
 * this asks for {@code String} itself. Only the nested {@code Typed} names Redis types, and it is loaded
 * only once {@link #isRedis} found the extension.
 */
final class RedisDecisions {

    private static final Class<?> REDIS_CACHE = redisCacheType();

    private RedisDecisions() {}

    static boolean isRedis(Cache cache) {
        return REDIS_CACHE != null && REDIS_CACHE.isInstance(cache);
    }

    static Uni<String> get(Cache cache, String key, Function<Object, String> loader) {
        return Typed.get(cache, key, loader);
    }

    private static final class Typed {
        static Uni<String> get(Cache cache, String key, Function<Object, String> loader) {
            return cache.as(RedisCache.class).get(key, String.class, loader::apply);
        }
    }

    private static Class<?> redisCacheType() {
        try {
            return Class.forName("io.quarkus.cache.redis.runtime.RedisCache", false, RedisDecisions.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null; // the application has no quarkus-redis-cache
        }
    }
}
