package com.glowglitch.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.glowglitch.catalog.cache.ProductCache;
import com.glowglitch.catalog.cache.SharedProductCache;
import com.glowglitch.platform.test.ServiceTest;
import com.glowglitch.platform.test.TestRedis;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import reactor.core.publisher.Mono;

/**
 * With REDIS_URL, a product page read by one instance is served to another from Redis without a
 * database read, and a change to the product (its event) removes it from Redis for everyone.
 */
@SpringBootTest(classes = CatalogApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.mongodb.database=catalog_redis_cache_it")
class RedisProductCacheIT extends ServiceTest {

    static TestRedis redis;

    @DynamicPropertySource
    static void redisUrl(DynamicPropertyRegistry r) throws Exception {
        redis = TestRedis.start();
        r.add("REDIS_URL", redis::url);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void aPageReadByOneInstanceIsServedToAnotherUntilTheProductChanges() {
        String name = "Shared Cache Ring " + UUID.randomUUID().toString().substring(0, 6);
        Map<?, ?> p = asAdmin().post().uri("/api/products").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"" + name + "\",\"category\":\"rings\",\"status\":\"active\","
                        + "\"price\":{\"amountMinor\":4200,\"currency\":\"USD\"}}")
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        String id = (String) p.get("id");
        String slug = (String) p.get("slug");

        try (SharedProductCache.Redis shared = new SharedProductCache.Redis(redis.url())) {
            // this instance reads the page; "another instance" — its own empty memory, the same Redis and
            // a database it must not need — gets it from Redis. Retried until the product's own
            // ProductCreated (which evicts it once) has passed.
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                http().get().uri("/api/products/{slug}", slug).exchange().expectStatus().isOk();
                ProductCache other = new ProductCache(new SimpleMeterRegistry(), shared);
                // its "database" has nothing: whatever it serves came from Redis
                var served = other.product(slug, Mono::empty).block(Duration.ofSeconds(5));
                assertThat(served).as("served from Redis by slug").isNotNull();
                assertThat(served.id()).isEqualTo(id);
                var byId = new ProductCache(new SimpleMeterRegistry(), shared).product(id, Mono::empty).block(Duration.ofSeconds(5));
                assertThat(byId).as("served from Redis by id").isNotNull();
                assertThat(byId.price().amountMinor()).isEqualTo(4200);
            });

            asAdmin().put().uri("/api/products/{id}/price", id).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"price\":{\"amountMinor\":3900,\"currency\":\"USD\"}}").exchange().expectStatus().isOk();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(shared.get(id).block(Duration.ofSeconds(2))).isNull();
                assertThat(shared.get(slug).block(Duration.ofSeconds(2))).isNull();
            });
            http().get().uri("/api/products/{slug}", slug).exchange().expectBody().jsonPath("$.price.amountMinor").isEqualTo(3900);
        }
    }
}
