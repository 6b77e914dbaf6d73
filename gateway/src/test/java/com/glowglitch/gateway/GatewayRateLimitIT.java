package com.glowglitch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.glowglitch.platform.test.ServiceTest;
import com.glowglitch.platform.test.TestInfrastructure;
import com.sun.net.httpserver.HttpServer;

/** Rate limits and token validation at the edge, with small limits and client IPs set per request. */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "glowglitch.gateway.rate-limits.trust-forwarded-for=true",
        "glowglitch.gateway.rate-limits.per-user.capacity=5",
        "glowglitch.gateway.rate-limits.per-user.period=30s",
        "glowglitch.gateway.rate-limits.per-ip.capacity=8",
        "glowglitch.gateway.rate-limits.per-ip.period=30s"})
class GatewayRateLimitIT extends ServiceTest {

    static HttpServer upstream;
    static final AtomicInteger LOGINS_SEEN = new AtomicInteger();

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry r) throws IOException {
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/api/products", ex -> GatewayRoutingIT.reply(ex, 200, "{\"items\":[]}"));
        upstream.createContext("/api/auth/login", ex -> {
            LOGINS_SEEN.incrementAndGet();
            ex.getRequestBody().readAllBytes();
            GatewayRoutingIT.reply(ex, 401, "{\"type\":\"https://glowglitch.dev/problems/invalid-credentials\"}");
        });
        upstream.start();
        String up = "http://127.0.0.1:" + upstream.getAddress().getPort();
        r.add("glowglitch.gateway.services.catalog-service.url", () -> up);
        r.add("glowglitch.gateway.services.identity-service.url", () -> up);
    }

    @AfterAll
    static void stop() {
        upstream.stop(0);
    }

    private WebTestClient.ResponseSpec get(String ip, String token) {
        var spec = http().get().uri("/api/products").header("X-Forwarded-For", ip);
        if (token != null) {
            spec = spec.header("Authorization", "Bearer " + token);
        }
        return spec.exchange();
    }

    @Test
    void aBurstFromOneUserIsCutAtTheUserLimitWithRetryAfter() {
        String user = TestInfrastructure.customerToken();
        for (int i = 0; i < 5; i++) {
            get("10.0.0.1", user).expectStatus().isOk().expectHeader().exists("RateLimit-Remaining");
        }
        get("10.0.0.1", user).expectStatus().isEqualTo(429)
                .expectHeader().exists("Retry-After")
                .expectHeader().valueEquals("RateLimit-Limit", "5")
                .expectHeader().valueEquals("RateLimit-Remaining", "0")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://glowglitch.dev/problems/rate-limited");
        // the same user from elsewhere is the same user
        get("10.0.0.2", user).expectStatus().isEqualTo(429);
        // another user is not affected
        get("10.0.0.1", TestInfrastructure.customerToken()).expectStatus().isOk();
    }

    @Test
    void aBurstFromOneAddressIsCutAtTheAddressLimit() {
        for (int i = 0; i < 8; i++) {
            get("10.0.1.1", null).expectStatus().isOk();
        }
        get("10.0.1.1", null).expectStatus().isEqualTo(429).expectHeader().exists("Retry-After");
        // signed-in or not, the address is spent
        get("10.0.1.1", TestInfrastructure.customerToken()).expectStatus().isEqualTo(429);
        get("10.0.1.2", null).expectStatus().isOk();
    }

    @Test
    void theSixthLoginForOneEmailFromOneAddressInAMinuteIs429AndNeverReachesIdentity() {
        int before = LOGINS_SEEN.get();
        for (int i = 0; i < 5; i++) {
            login("10.0.2.1", "Victim@Example.com").expectStatus().isUnauthorized();
        }
        login("10.0.2.1", "victim@example.com").expectStatus().isEqualTo(429).expectHeader().exists("Retry-After");
        assertThat(LOGINS_SEEN.get() - before).isEqualTo(5);
        login("10.0.2.1", "someone-else@example.com").expectStatus().isUnauthorized();
    }

    @Test
    void anInvalidTokenIsRefusedAtTheEdgeOnAnyRoute() {
        http().get().uri("/api/products").header("X-Forwarded-For", "10.0.3.1")
                .header("Authorization", "Bearer " + TestInfrastructure.algNone(TestInfrastructure.adminToken()))
                .exchange().expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        http().get().uri("/api/products").header("X-Forwarded-For", "10.0.3.1")
                .header("Authorization", "Bearer " + TestInfrastructure.expiredAdminToken())
                .exchange().expectStatus().isUnauthorized();
    }

    private WebTestClient.ResponseSpec login(String ip, String email) {
        return http().post().uri("/api/auth/login").header("X-Forwarded-For", ip).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"email\":\"" + email + "\",\"password\":\"Wrong-Password-1\"}").exchange();
    }
}
