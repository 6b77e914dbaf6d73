package com.glowglitch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.glowglitch.platform.test.ServiceTest;
import com.glowglitch.platform.test.TestInfrastructure;
import com.glowglitch.platform.test.TestRedis;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

import io.github.bucket4j.ConsumptionProbe;

/**
 * With REDIS_URL set, the buckets live in a real redis-server (started here on a loopback port
 * from Debian's package; .ci/run installs it): another gateway instance sees the same spent bucket.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "glowglitch.gateway.rate-limits.per-user.capacity=3",
        "glowglitch.gateway.rate-limits.per-user.period=60s"})
class GatewayRedisRateLimitIT extends ServiceTest {

    static TestRedis redis;
    static String redisUrl;
    static HttpServer upstream;

    @DynamicPropertySource
    static void redisAndUpstream(DynamicPropertyRegistry r) throws Exception {
        redis = TestRedis.start();
        redisUrl = redis.url();
        r.add("REDIS_URL", () -> redisUrl);
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/api/products", ex -> GatewayRoutingIT.reply(ex, 200, "{\"items\":[]}"));
        upstream.start();
        r.add("glowglitch.gateway.services.catalog-service.url", () -> "http://127.0.0.1:" + upstream.getAddress().getPort());
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (upstream != null) {
            upstream.stop(0);
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void bucketsAreSharedThroughRedis() throws Exception {
        String token = TestInfrastructure.customerToken();
        for (int i = 0; i < 3; i++) {
            as(token).get().uri("/api/products").exchange().expectStatus().isOk();
        }
        as(token).get().uri("/api/products").exchange().expectStatus().isEqualTo(429).expectHeader().exists("Retry-After");

        // a second gateway instance, pointed at the same Redis, finds this user's bucket empty
        String user = SignedJWT.parse(token).getJWTClaimsSet().getSubject();
        RateLimitProperties.Limit limit = new RateLimitProperties.Limit();
        limit.setCapacity(3);
        limit.setPeriod(Duration.ofSeconds(60));
        try (Buckets.Redis other = new Buckets.Redis(redisUrl)) {
            ConsumptionProbe probe = other.tryConsume("user:" + user, limit).block(Duration.ofSeconds(5));
            assertThat(probe.isConsumed()).isFalse();
            assertThat(other.tryConsume("user:someone-else", limit).block(Duration.ofSeconds(5)).isConsumed()).isTrue();
        }
    }
}
