package com.glowglitch.catalog.cache;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.glowglitch.catalog.product.ProductView;

import io.lettuce.core.RedisClient;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import reactor.core.publisher.Mono;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The second level of the product cache, shared by every catalog instance when {@code REDIS_URL}
 * is set: a product page is stored once as JSON under {@code catalog:product:<id>} with its slug
 * pointing to it ({@code catalog:slug:<slug>}), both for five minutes. A cache must never break a
 * read: Redis errors and unreadable entries count as misses.
 */
public interface SharedProductCache extends AutoCloseable {

    Mono<ProductView> get(String idOrSlug);

    Mono<Void> put(ProductView view);

    Mono<Void> evict(String productId);

    @Override
    default void close() {
    }

    /** Without {@code REDIS_URL}: nothing shared, every instance has only its own memory. */
    final class None implements SharedProductCache {

        @Override
        public Mono<ProductView> get(String idOrSlug) {
            return Mono.empty();
        }

        @Override
        public Mono<Void> put(ProductView view) {
            return Mono.empty();
        }

        @Override
        public Mono<Void> evict(String productId) {
            return Mono.empty();
        }
    }

    final class Redis implements SharedProductCache {

        private static final Logger log = LoggerFactory.getLogger(Redis.class);
        private static final Duration TTL = Duration.ofMinutes(5);
        private static final Duration TIMEOUT = Duration.ofMillis(250);
        /** Tolerant: an entry written by a newer or older instance still reads (or is a miss). */
        private static final JsonMapper JSON = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

        private final RedisClient client;
        private final StatefulRedisConnection<String, String> connection;
        private final RedisReactiveCommands<String, String> redis;

        public Redis(String url) {
            this.client = RedisClient.create(url);
            this.connection = client.connect();
            this.redis = connection.reactive();
        }

        @Override
        public Mono<ProductView> get(String idOrSlug) {
            return redis.get(product(idOrSlug))
                    .switchIfEmpty(Mono.defer(() -> redis.get(slug(idOrSlug)).flatMap(id -> redis.get(product(id)))))
                    .map(json -> JSON.readValue(json, ProductView.class))
                    .timeout(TIMEOUT)
                    .onErrorResume(e -> {
                        log.debug("shared cache read failed, treated as a miss: {}", e.toString());
                        return Mono.empty();
                    });
        }

        @Override
        public Mono<Void> put(ProductView v) {
            SetArgs ttl = SetArgs.Builder.ex(TTL);
            return redis.set(product(v.id()), JSON.writeValueAsString(v), ttl)
                    .then(redis.set(slug(v.slug()), v.id(), ttl))
                    .timeout(TIMEOUT)
                    .onErrorResume(e -> Mono.empty()).then();
        }

        @Override
        public Mono<Void> evict(String productId) {
            return redis.get(product(productId))
                    .map(json -> JSON.readValue(json, ProductView.class).slug())
                    .flatMap(s -> redis.del(slug(s)))
                    .then(redis.del(product(productId)))
                    .timeout(TIMEOUT)
                    .onErrorResume(e -> {
                        log.warn("shared cache eviction of {} failed ({}); the entry lapses within 5 minutes", productId, e.toString());
                        return Mono.empty();
                    }).then();
        }

        private static String product(String id) {
            return "catalog:product:" + id;
        }

        private static String slug(String slug) {
            return "catalog:slug:" + slug;
        }

        @Override
        public void close() {
            connection.close();
            client.shutdown();
        }
    }
}
