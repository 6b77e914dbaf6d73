package com.glowglitch.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import reactor.core.publisher.Mono;

/**
 * Where the token buckets live: in this process (default), or in Redis when {@code REDIS_URL} is
 * set, so every gateway instance draws from the same buckets (bucket4j's compare-and-swap over
 * Lettuce; idle buckets expire once they would be full again).
 */
public interface Buckets extends AutoCloseable {

    Mono<ConsumptionProbe> tryConsume(String key, RateLimitProperties.Limit limit);

    @Override
    default void close() {
    }

    static BucketConfiguration configuration(RateLimitProperties.Limit limit) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(limit.getCapacity()).refillGreedy(limit.getCapacity(), limit.getPeriod()).build())
                .build();
    }

    final class InProcess implements Buckets {
        private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
                .maximumSize(200_000).expireAfterAccess(Duration.ofMinutes(15)).build();

        @Override
        public Mono<ConsumptionProbe> tryConsume(String key, RateLimitProperties.Limit limit) {
            Bucket b = buckets.get(key, k -> Bucket.builder().addLimit(configuration(limit).getBandwidths()[0]).build());
            return Mono.just(b.tryConsumeAndReturnRemaining(1));
        }
    }

    final class Redis implements Buckets {
        private final RedisClient client;
        private final AsyncProxyManager<byte[]> proxies;

        public Redis(String url) {
            this.client = RedisClient.create(url);
            this.proxies = Bucket4jLettuce.casBasedBuilder(client)
                    .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                    .build().asAsync();
        }

        @Override
        public Mono<ConsumptionProbe> tryConsume(String key, RateLimitProperties.Limit limit) {
            byte[] k = ("glowglitch:ratelimit:" + key).getBytes(StandardCharsets.UTF_8);
            return Mono.fromFuture(() -> proxies.builder().build(k, configuration(limit)).tryConsumeAndReturnRemaining(1));
        }

        @Override
        public void close() {
            client.shutdown();
        }
    }
}
